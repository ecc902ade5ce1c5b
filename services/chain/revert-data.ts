import type { Hex } from 'viem'

/** The revert data of a failed eth_call/estimateGas, wherever viem nested it. */
export function revertDataOf(error: unknown): Hex | undefined {
  let current: unknown = error
  for (let depth = 0; current && typeof current === 'object' && depth < 8; depth++) {
    const data = (current as { data?: unknown }).data
    if (typeof data === 'string' && data.startsWith('0x')) return data as Hex
    if (data && typeof data === 'object' && typeof (data as { data?: unknown }).data === 'string')
      return (data as { data: Hex }).data
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}
