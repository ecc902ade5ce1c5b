import { type Abi, type AbiFunction, type Hex, parseAbiItem, toFunctionSelector, toFunctionSignature } from 'viem'
import { canonicalType } from './abi-type'
import { fail, listOf } from './messages'

export type FoundFunction = {
  fn: AbiFunction
  /** Canonical signature, `transfer(address,uint256)`. */
  signature: string
  selector: Hex
  /** `view`/`pure`: a read (eth_call), not a transaction. */
  readOnly: boolean
}

/**
 * Finds a function by name (`transfer`), signature (`transfer(address,uint256)`, parameter names
 * and spaces allowed) or 4-byte selector (`0xa9059cbb`). An overloaded bare name is an error that
 * lists the signatures, so the user picks one instead of us guessing.
 */
export function findFunction(abi: Abi, ref: string, options: { field?: string } = {}): FoundFunction {
  const field = options.field ?? 'function'
  const all = unique(abi.filter((item): item is AbiFunction => item.type === 'function').map(describe))
  const wanted = ref.trim()
  const has = all.length ? `it has: ${listOf(all.map((f) => f.signature))}` : 'it has no functions'
  if (!wanted) return fail(field, `is empty; ${has}`)

  const matches = /^0x[0-9a-fA-F]{8}$/.test(wanted)
    ? all.filter((f) => f.selector === wanted.toLowerCase())
    : wanted.includes('(')
      ? all.filter((f) => f.signature === normalizeSignature(wanted))
      : all.filter((f) => f.fn.name === wanted)
  if (matches.length === 1) return matches[0]!
  if (matches.length > 1)
    return fail(
      field,
      `"${wanted}" is overloaded; pick one: ${matches.map((f) => f.signature).join(', ')}`,
      'Give the full signature, e.g. "transfer(address,uint256)".',
    )
  const name = wanted.split('(')[0]!.trim()
  const sameName = all.filter((f) => f.fn.name === name)
  if (wanted.includes('(') && sameName.length)
    return fail(field, `"${wanted}" is not in the ABI; "${name}" has: ${sameName.map((f) => f.signature).join(', ')}`)
  return fail(field, `"${wanted}" is not in the ABI; ${has}`)
}

/** Merged ABIs (a contract plus its interfaces) repeat functions; the same signature is one function. */
function unique(found: FoundFunction[]): FoundFunction[] {
  const seen = new Set<string>()
  return found.filter((f) => !seen.has(f.signature) && seen.add(f.signature))
}

function describe(fn: AbiFunction): FoundFunction {
  const signature = toFunctionSignature(fn)
  return {
    fn,
    signature,
    selector: toFunctionSelector(signature),
    readOnly: fn.stateMutability === 'view' || fn.stateMutability === 'pure',
  }
}

/** `transfer(address to, uint amount)` → `transfer(address,uint256)`; unparsable text stays as typed. */
function normalizeSignature(text: string): string {
  const bare = text.replace(/^function\s+/, '')
  try {
    const item = parseAbiItem(`function ${bare}`)
    if (item.type === 'function') return toFunctionSignature({ ...item, inputs: item.inputs.map(canonical) })
  } catch {
    // not Solidity-like: compare it whitespace-free instead
  }
  return bare.replace(/\s+/g, '')
}

function canonical<P extends { type: string; components?: readonly unknown[] }>(param: P): P {
  const type = canonicalType(param.type)
  if (!('components' in param) || !Array.isArray(param.components)) return { ...param, type }
  return { ...param, type, components: param.components.map((c) => canonical(c as P)) }
}
