import type { Address } from 'viem'
import type { ScenarioConfig } from '../config/scenario-schema'
import type { PlannedTx } from '../testing/tx'
import { call, estimateGas, revertDecoder, sinkAddresses } from './shared'
import { deployTokenAndMint, tokenBalances } from './token'
import type { Findings, Scenario, ScenarioStats } from './types'

type Options = Extract<ScenarioConfig, { name: 'batch-operations' }>
const batchLabel = 'batchTransfer(address[],uint256[])'
const singleLabel = 'transfer(address,uint256)'

/**
 * The same token transfers two ways: `opsPerTx` of them inside one batchTransfer tx, and one tx
 * each sent in JSON-RPC batches. `txs` is the number of single transfers; the batched phase
 * moves the same number of operations. The report compares gas and time per operation.
 */
export const batchOperationsScenario: Scenario = {
  name: 'batch-operations',
  shape: (config) => {
    const o = config.scenario as Options
    const batches = Math.ceil(config.txs / o.opsPerTx)
    return {
      planned: batches + config.txs,
      gasPerTx: config.gasLimit ?? BigInt(40_000 + 35_000 * o.opsPerTx),
      valuePerTx: 0n,
    }
  },
  async setup(ctx) {
    const o = ctx.config.scenario as Options
    const { config, senders } = ctx
    const k = o.opsPerTx
    const batches = Math.ceil(config.txs / k)
    const sinks = sinkAddresses(k, 'batch-operations')
    const opsPerSender = BigInt(Math.ceil((batches * k + config.txs) / senders.length) * 2)
    const token = await deployTokenAndMint(
      ctx,
      senders.map((s) => ({ to: s.address, amount: opsPerSender * o.amount })),
    )
    const amounts = sinks.map(() => o.amount)
    const batchData = call(token.abi, 'batchTransfer', [sinks, amounts])
    const first = senders[0]?.address as Address
    const batchGas = config.gasLimit ?? (await estimateGas(ctx, { from: first, to: token.address, data: batchData }))
    const singleGas =
      config.gasLimit ??
      (await estimateGas(ctx, {
        from: first,
        to: token.address,
        data: call(token.abi, 'transfer', [sinks[0], o.amount]),
      }))
    const before = await tokenBalances(ctx, token, sinks)

    function* plan(): Generator<PlannedTx> {
      let idx = 0
      for (let b = 0; b < batches; b++)
        yield { idx: idx++, to: token.address, value: 0n, gas: batchGas, label: batchLabel, data: batchData }
      for (let i = 0; i < config.txs; i++)
        yield {
          idx: idx++,
          to: token.address,
          value: 0n,
          gas: singleGas,
          label: singleLabel,
          data: call(token.abi, 'transfer', [sinks[i % k], o.amount]),
        }
    }

    return {
      contracts: { token: token.address },
      decodeRevert: revertDecoder(token.abi),
      plan: plan(),
      async verify(mined) {
        let ops = 0
        for (const m of mined) ops += m.label === batchLabel ? k : 1
        const after = await tokenBalances(ctx, token, sinks)
        const moved = after.reduce((s, b, i) => s + b - (before[i] ?? 0n), 0n)
        const expected = BigInt(ops) * o.amount
        return [
          {
            name: 'total moved to recipients',
            ok: moved === expected,
            expected: String(expected),
            actual: String(moved),
          },
        ]
      },
      findings: (stats) => compare(stats, k),
    }
  },
}

function compare(stats: ScenarioStats, k: number): Findings {
  // One pass over the stored outcomes: per phase, the mined count, their gas and their time span.
  const phases = new Map<string, { mined: number; gas: number; first: number | null; last: number | null }>()
  for (const t of stats.txs) {
    if (t.state !== 'mined') continue
    const ph = phases.get(t.label) ?? { mined: 0, gas: 0, first: null, last: null }
    phases.set(t.label, ph)
    ph.mined++
    ph.gas += Number(t.gasUsed ?? 0n)
    if (t.submittedAt !== undefined) ph.first = Math.min(ph.first ?? t.submittedAt, t.submittedAt)
    if (t.includedAt !== undefined) ph.last = Math.max(ph.last ?? t.includedAt, t.includedAt)
  }
  const phase = (label: string) => {
    const ph = phases.get(label) ?? { mined: 0, gas: 0, first: null, last: null }
    return {
      mined: ph.mined,
      avgGas: ph.mined ? ph.gas / ph.mined : null,
      spanMs: ph.first !== null && ph.last !== null ? Math.max(1, ph.last - ph.first) : null,
    }
  }
  const batched = phase(batchLabel)
  const single = phase(singleLabel)
  const opsBatched = batched.mined * k
  const perOpBatched = batched.avgGas === null ? null : Math.round(batched.avgGas / k)
  const perOpSingle = single.avgGas === null ? null : Math.round(single.avgGas)
  const rate = (ops: number, ms: number | null) => (ms ? Math.round((ops / ms) * 10_000) / 10 : null)
  return {
    opsPerTx: k,
    batched: {
      txs: batched.mined,
      ops: opsBatched,
      gasPerOp: perOpBatched,
      opsPerSec: rate(opsBatched, batched.spanMs),
    },
    singleTxsInJsonRpcBatches: {
      txs: single.mined,
      ops: single.mined,
      gasPerOp: perOpSingle,
      opsPerSec: rate(single.mined, single.spanMs),
    },
    gasSavedPerOpPercent:
      perOpBatched !== null && perOpSingle ? Math.round((1 - perOpBatched / perOpSingle) * 1000) / 10 : null,
  }
}
