import type { Address } from 'viem'
import type { TxEvent } from '../testing/events'

/** The sender of the tx events tests build. */
export const testSender: Address = '0x00000000000000000000000000000000000000aa'

/** A planned transfer's state change, as the engine emits it; `extra` sets the rest. */
export function txEvent(
  idx: number,
  prev: TxEvent['state'],
  state: TxEvent['state'],
  at = 1,
  extra: Partial<TxEvent> = {},
): TxEvent {
  return {
    type: 'tx',
    at,
    idx,
    prev,
    state,
    role: 'planned',
    label: 'transfer',
    from: testSender,
    gas: 21_000n,
    attempt: 1,
    ...extra,
  }
}
