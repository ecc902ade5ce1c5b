import { type Address, encodeDeployData, getAddress, hexToBigInt, zeroAddress } from 'viem'
import type { ChainRefs } from '../abi/generators'
import type { Connection } from '../chain/connection'
import type { CompiledWorkload } from '../scenarios/workload/compile'
import { sampleCount, toJson } from './preview-samples'
import type { JsonValue, PreviewSample, WorkloadPreview } from './preview-types'

/**
 * The preview of a workload: what is deployed in which order (and what each deploy costs, by the
 * node's estimate with stand-in addresses for the contracts not deployed yet), the set-up txs,
 * the mix's shares, and the first calls decoded with contract addresses shown as `{{Name}}`.
 */

/** A stand-in address per workload contract: recognisable, and mapped back to its name in samples. */
export function placeholderAddress(i: number): Address {
  return getAddress(`0xc0de${'0'.repeat(32)}${i.toString(16).padStart(4, '0')}`)
}

export function placeholdersOf(w: CompiledWorkload): Record<string, Address> {
  return Object.fromEntries(w.contracts.map((c, i) => [c.name, c.address ?? placeholderAddress(i)] as const))
}

/** Generated values with every workload contract's address (stand-in or given) shown as its `{{Name}}`. */
export function namedRefs(value: JsonValue, byAddress: ReadonlyMap<string, string>): JsonValue {
  if (typeof value === 'string') {
    const name = byAddress.get(value.toLowerCase())
    return name ? `{{${name}}}` : value
  }
  if (Array.isArray(value)) return value.map((v) => namedRefs(v, byAddress))
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, namedRefs(v, byAddress)]))
  return value
}

type Shape = { senders: readonly Address[]; senderCount: number; planned: number; nowSec: bigint }

function chainOf(w: CompiledWorkload, deployer: Address, nowSec: bigint): ChainRefs {
  return {
    contracts: placeholdersOf(w),
    deployer,
    // Balances are read when the load starts: before the run there are none to share.
    balanceOf: () => 0n,
    now: () => nowSec,
  }
}

/** Everything of the workload preview that needs no node: order, set-up counts, shares, samples. */
export function shapeWorkloadPreview(
  w: CompiledWorkload,
  s: Shape,
): { preview: WorkloadPreview; samples: PreviewSample[] } {
  const deployer = s.senders[0] ?? zeroAddress
  const steps = w.steps.map((step) => ({
    index: step.index,
    label: `${step.contract}.${step.found.fn.name}`,
    forEach: step.forEach,
    from: step.from,
    txs: step.forEach ? s.senderCount : 1,
  }))
  const usesBalance = w.balanceTokens.length > 0
  const preview: WorkloadPreview = {
    deploys: w.contracts.map((c) => ({
      name: c.name,
      deployed: c.address === undefined,
      address: c.address ?? null,
      needs: c.needs,
      gas: null,
      costWei: null,
      note: c.address ? 'already deployed' : null,
    })),
    setup: {
      steps,
      deploys: w.contracts.filter((c) => !c.address).length,
      txs: steps.reduce((n, x) => n + x.txs, 0),
      note: steps.length ? 'Set-up calls need the deployed contracts: their gas is estimated at run time.' : null,
    },
    mix: w.calls.map((c, i) => ({
      label: c.label,
      contract: c.contract,
      signature: c.found.signature,
      weight: c.weight,
      share: w.mix.shares[i] ?? 0,
    })),
    notes: usesBalance ? ['Shares of a balance show 0 here: balances are read when the load starts.'] : [],
  }
  const refs = chainOf(w, deployer, s.nowSec)
  const byAddress = new Map(Object.entries(refs.contracts).map(([name, a]) => [a.toLowerCase(), name]))
  const samples = Array.from({ length: Math.min(sampleCount, s.planned) }, (_, i): PreviewSample => {
    const c = w.calls[w.mix.pick(i)]!
    const from = s.senders[i % Math.max(s.senders.length, 1)] ?? null
    const args = c.args.sample({ i, from: from ?? zeroAddress, accounts: s.senders, chain: refs }).map(toJson)
    return {
      i,
      from,
      to: null,
      toLabel: c.contract,
      valueWei: c.value.toString(),
      label: c.label,
      args: args.map((a) => namedRefs(a, byAddress)),
      // Calldata would hold the stand-in addresses: not what will be sent.
      calldata: null,
    }
  })
  return { preview, samples }
}

/**
 * Each deploy's gas by the node's estimate of its creation code and constructor arguments (stand-in
 * addresses for the contracts it names), and its cost at `price`; a deploy that cannot be
 * estimated (libraries to link, a constructor that reverts) says why instead.
 */
export async function estimateDeploys(
  conn: Connection,
  w: CompiledWorkload,
  preview: WorkloadPreview,
  s: Shape & { price: bigint },
): Promise<WorkloadPreview> {
  const deployer = s.senders[0] ?? zeroAddress
  const refs = chainOf(w, deployer, s.nowSec)
  const deploys = await Promise.all(
    w.contracts.map(async (c, i) => {
      const row = preview.deploys[i]!
      if (!c.deploy) return row
      const { iface, ctor } = c.deploy
      if (!iface.bytecode) return { ...row, note: 'links libraries first: estimated at run time' }
      try {
        const args = ctor?.sample({ i: 0, from: deployer, accounts: s.senders, chain: refs }) ?? []
        const data = encodeDeployData({ abi: c.abi, bytecode: iface.bytecode, args })
        const raw = await conn.request('eth_estimateGas', [{ from: deployer, data }])
        const gas = hexToBigInt(raw)
        return { ...row, gas: gas.toString(), costWei: (gas * s.price).toString() }
      } catch (error) {
        const said = error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : String(error)
        return { ...row, note: `not estimated: ${said}` }
      }
    }),
  )
  return { ...preview, deploys }
}
