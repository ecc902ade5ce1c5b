import { isObject, type Json } from './json'
import { fail } from './messages'

/**
 * `solc --combined-json abi,bin,…` output: `{ contracts: { "File.sol:Name": { abi, bin, … } },
 * version }`, where `abi` is an array (solc ≥ 0.8.10) or JSON text (older), and `bin` is hex
 * without `0x`, placeholders left in (docs/scenarios.md, "Artifacts").
 */
export function isCombinedJson(value: Json): boolean {
  if (!isObject(value.contracts)) return false
  return Object.entries(value.contracts).some(
    ([key, c]) =>
      key.includes(':') &&
      isObject(c) &&
      (Array.isArray(c.abi) || typeof c.abi === 'string' || typeof c.bin === 'string'),
  )
}

/**
 * The same contracts in solc standard-JSON shape (`contracts[file][name]` with `abi` and
 * `evm.bytecode.object`), so one picker chooses and names contracts for both outputs.
 */
export function combinedAsStandard(value: Json, field: string): Json {
  const contracts: Record<string, Json> = {}
  for (const [key, c] of Object.entries(isObject(value.contracts) ? value.contracts : {})) {
    // Contract names hold no ':'; a file name may (a Windows drive), so split at the last one.
    const at = key.lastIndexOf(':')
    if (!isObject(c) || at < 1 || c.abi === undefined) continue
    const byName = contracts[key.slice(0, at)] ?? {}
    byName[key.slice(at + 1)] = { abi: abiOf(c.abi, key, field), evm: { bytecode: { object: c.bin } } }
    contracts[key.slice(0, at)] = byName
  }
  if (!Object.keys(contracts).length)
    return fail(
      field,
      'is solc --combined-json output without any contract ABI',
      'Ask solc for the ABI and the bytecode: solc --combined-json abi,bin File.sol',
    )
  return { contracts }
}

function abiOf(abi: unknown, key: string, field: string): unknown {
  if (typeof abi !== 'string') return abi
  try {
    return JSON.parse(abi)
  } catch {
    return fail(field, `is solc --combined-json output whose ${key} has an "abi" that is not JSON text`)
  }
}
