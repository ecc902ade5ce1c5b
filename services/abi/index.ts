/** Custom function calls: what a user pastes → a checked ABI, a function, calldata per tx. */
export { type ArgSpec, type ArgSpecInput, argKinds, argSpecSchema, type FixedShorthand } from './arg-spec'
export { createRevertDecoder, type DecodedRevert, decodeRevert } from './decode-revert'
export { type FoundFunction, findFunction } from './find-function'
export {
  type ArgContext,
  type ArgGenerators,
  type CompileArgGeneratorsOptions,
  compileArgGenerators,
} from './generators'
export {
  type ContractFormat,
  type ContractInterface,
  type LoadContractInterfaceOptions,
  loadContractInterface,
  requireBytecode,
} from './load-abi'
export { type ParseArgsOptions, parseArgs, parseParams } from './parse-args'
export { createRng, type Rng } from './rng'
