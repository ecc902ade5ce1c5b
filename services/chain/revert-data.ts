import type { Hex } from 'viem'
import { causeChain } from '../errors/cause-chain'

/** The revert data of a failed eth_call/estimateGas, wherever viem nested it. */
export function revertDataOf(error: unknown): Hex | undefined {
  for (const current of causeChain(error)) {
    if (typeof current !== 'object') break
    const data = (current as { data?: unknown }).data
    if (typeof data === 'string' && data.startsWith('0x')) return data as Hex
    if (data && typeof data === 'object' && typeof (data as { data?: unknown }).data === 'string')
      return (data as { data: Hex }).data
  }
  return undefined
}
