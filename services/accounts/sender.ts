import type { Address, Hex } from 'viem'

/** A sender whose key we hold: txs are signed here. The key never leaves server memory. */
export type LocalSender = { kind: 'local'; address: Address; privateKey: Hex }

/** A sender the node signs for: one of its unlocked accounts, or an address Anvil impersonates. */
export type NodeSender = { kind: 'node'; address: Address; via: 'unlocked' | 'impersonated' }

export type Sender = LocalSender | NodeSender

/** What may be shown of a sender anywhere (API, logs, reports). */
export function publicSender(s: Sender): { address: Address; kind: Sender['kind']; via?: NodeSender['via'] } {
  return s.kind === 'local' ? { address: s.address, kind: s.kind } : { address: s.address, kind: s.kind, via: s.via }
}
