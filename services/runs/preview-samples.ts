import { type Address, encodeFunctionData } from 'viem'
import type { ArgGenerators } from '../abi/generators'
import { loadBuiltinArtifact } from '../contracts/artifacts'
import type { JsonValue, PreviewSample } from './preview-types'

/** How many of the first txs a preview shows. */
export const sampleCount = 5

/** A generated argument as JSON: bigints as decimal strings, tuples as objects or arrays. */
export function toJson(value: unknown): JsonValue {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(toJson)
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]))
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null)
    return value
  return String(value)
}

/** Round-robin: tx i from account i mod n (what the rotation does when every account is free). */
const senderOf = (senders: readonly Address[], i: number) => senders[i % Math.max(senders.length, 1)] ?? null
const nextOf = (senders: readonly Address[], i: number) => senders[(i + 1) % Math.max(senders.length, 1)] ?? null

export function transferSamples(p: {
  senders: readonly Address[]
  planned: number
  to: Address | undefined
  value: bigint
}): PreviewSample[] {
  return Array.from({ length: Math.min(sampleCount, p.planned) }, (_, i) => ({
    i,
    from: senderOf(p.senders, i),
    to: p.to ?? nextOf(p.senders, i),
    toLabel: null,
    valueWei: p.value.toString(),
    label: 'transfer',
    args: null,
    calldata: null,
  }))
}

export function erc20Samples(p: { senders: readonly Address[]; planned: number; amount: bigint }): PreviewSample[] {
  const { abi } = loadBuiltinArtifact('StressToken')
  return Array.from({ length: Math.min(sampleCount, p.planned) }, (_, i) => {
    const to = nextOf(p.senders, i)
    const args = [to, p.amount] as const
    return {
      i,
      from: senderOf(p.senders, i),
      to: null,
      toLabel: 'StressToken (deployed at start)',
      valueWei: '0',
      label: 'transfer(address,uint256)',
      args: args.map(toJson),
      calldata: to ? encodeFunctionData({ abi, functionName: 'transfer', args: [to, p.amount] }) : null,
    }
  })
}

export function customCallSamples(p: {
  senders: readonly Address[]
  planned: number
  generators: ArgGenerators
  signature: string
  to: Address | null
  toLabel: string | null
  value: bigint
}): PreviewSample[] {
  return Array.from({ length: Math.min(sampleCount, p.planned) }, (_, i) => {
    const from = senderOf(p.senders, i)
    const ctx = { i, from: from ?? ('0x0000000000000000000000000000000000000000' as Address), accounts: p.senders }
    return {
      i,
      from,
      to: p.to,
      toLabel: p.toLabel,
      valueWei: p.value.toString(),
      label: p.signature,
      args: p.generators.sample(ctx).map(toJson),
      calldata: p.generators.encode(ctx),
    }
  })
}
