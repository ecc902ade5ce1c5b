import { isObject, type Json } from './json'
import { fail, listOf } from './messages'

type Entry = { file: string; name: string; entry: Json }
const hint = 'Choose the contract with contractName: "Name", or "path/File.sol:Name" when two files share a name.'

/**
 * One contract of a solc standard-JSON output (`contracts[file][name]`), chosen by `contractName`
 * (`Name` or `File.sol:Name`), or the only one there is.
 */
export function pickSolcContract(output: Json, contractName: string | undefined, field: string): Entry {
  const all = entries(output.contracts)
  if (!all.length) return noContracts(output, field)
  const names = displayNames(all)
  if (contractName === undefined) {
    if (all.length === 1) return all[0]!
    return fail(field, `solc output has ${all.length} contracts; pick one with contractName: ${listOf(names)}`, hint)
  }
  const matches = all.filter((c) => c.name === contractName || `${c.file}:${c.name}` === contractName)
  if (matches.length === 1) return matches[0]!
  if (!matches.length)
    return fail(
      field,
      `contract ${JSON.stringify(contractName)} not found in solc output; it has: ${listOf(names)}`,
      hint,
    )
  const where = matches.map((c) => `${c.file}:${c.name}`)
  return fail(field, `contract ${JSON.stringify(contractName)} is in several files; pick one of: ${where.join(', ')}`)
}

/** The contracts of a solc standard-JSON output, named as `contractName` picks them. */
export function solcContractNames(output: Json): string[] {
  return displayNames(entries(output.contracts))
}

/** Every contract as `file:Name`, the fully qualified name solc hashes into library placeholders. */
export function solcQualifiedNames(output: Json): string[] {
  return entries(output.contracts).map((c) => `${c.file}:${c.name}`)
}

function entries(contracts: unknown): Entry[] {
  if (!isObject(contracts)) return []
  return Object.entries(contracts).flatMap(([file, byName]) =>
    isObject(byName)
      ? Object.entries(byName).flatMap(([name, entry]) =>
          isObject(entry) && Array.isArray(entry.abi) ? [{ file, name, entry }] : [],
        )
      : [],
  )
}

/** Plain names, qualified by file only where two files define the same name. */
function displayNames(all: readonly Entry[]): string[] {
  const count = new Map<string, number>()
  for (const c of all) count.set(c.name, (count.get(c.name) ?? 0) + 1)
  return all.map((c) => (count.get(c.name)! > 1 ? `${c.file}:${c.name}` : c.name))
}

/** A failed compile has `errors` and no contracts: show solc's own first error. */
function noContracts(output: Json, field: string): never {
  const errors = Array.isArray(output.errors) ? output.errors.filter(isObject) : []
  const first = errors.find((e) => e.severity === 'error') ?? errors[0]
  const said = first && [first.formattedMessage, first.message].find((m) => typeof m === 'string' && m)
  if (typeof said === 'string')
    return fail(field, `is solc output without contracts; solc said: ${said.trim().split('\n')[0]}`)
  return fail(
    field,
    'is solc output without any contract ABI',
    'Ask solc for the ABI: settings.outputSelection {"*": {"*": ["abi", "evm.bytecode.object"]}}.',
  )
}
