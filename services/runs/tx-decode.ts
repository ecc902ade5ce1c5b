import { type Abi, type AbiFunction, decodeFunctionData, type Hex, toFunctionSelector, toFunctionSignature } from 'viem'
import { loadContractInterface } from '../abi/load-abi'
import { builtinContracts, loadBuiltinArtifact } from '../contracts/artifacts'

/** A tx's input read back as a call: function, typed arguments (JSON-safe: bigints as strings). */
export type DecodedCall = {
  /** "transfer", "transfer (ETH)" for a plain transfer, "unknown" when no ABI we hold matches. */
  function: string
  signature: string | null
  /** The contract whose ABI matched: the run's own custom call, or a built-in one. */
  contract: string | null
  selector: string | null
  args: { name: string; type: string; value: unknown }[]
  /** Wei sent with the call. */
  value: string
}

export type AbiCandidate = { contract: string; abi: Abi }

/**
 * The ABIs a run's txs may call, most specific first: the custom call's target (address + ABI,
 * or an artifact) from the run's stored public config, then every built-in contract.
 */
export function abiCandidates(config: unknown): AbiCandidate[] {
  const out: AbiCandidate[] = []
  const scenario = (config as { scenario?: { name?: string; target?: Record<string, unknown> } } | null)?.scenario
  const target = scenario?.name === 'custom-call' ? scenario.target : undefined
  try {
    if (target && 'abi' in target) out.push({ contract: 'target', abi: loadContractInterface(target.abi).abi })
    else if (target && 'artifact' in target) {
      const contractName = typeof target.contractName === 'string' ? target.contractName : undefined
      const iface = loadContractInterface(target.artifact, { contractName })
      out.push({ contract: iface.name ?? 'target', abi: iface.abi })
    }
  } catch {
    // The config was checked when the run started; if its ABI no longer loads, the built-ins remain.
  }
  for (const name of builtinContracts) out.push({ contract: name, abi: loadBuiltinArtifact(name).abi })
  return out
}

/** JSON has no bigint; decoded tuples and arrays may hold them at any depth. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(jsonSafe)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]))
  return value
}

/** Reads calldata with the first ABI whose function selector matches; a plain transfer has none. */
export function decodeCall(input: Hex, value: bigint, candidates: readonly AbiCandidate[]): DecodedCall {
  const wei = value.toString()
  if (input === '0x' || input === '0x0')
    return { function: 'transfer (ETH)', signature: null, contract: null, selector: null, args: [], value: wei }
  const selector = input.slice(0, 10).toLowerCase()
  for (const { contract, abi } of candidates)
    for (const item of abi) {
      if (item.type !== 'function' || toFunctionSelector(item) !== selector) continue
      try {
        const { args } = decodeFunctionData({ abi: [item], data: input })
        return {
          function: item.name,
          signature: toFunctionSignature(item),
          contract,
          selector,
          args: (item as AbiFunction).inputs.map((p, i) => ({
            name: p.name || `arg${i}`,
            type: p.type,
            value: jsonSafe(args?.[i]),
          })),
          value: wei,
        }
      } catch {
        // Same selector, different parameters (a clash): try the next ABI.
      }
    }
  return { function: 'unknown', signature: null, contract: null, selector, args: [], value: wei }
}
