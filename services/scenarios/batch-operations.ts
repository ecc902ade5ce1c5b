import type { Address } from 'viem'
import type { ScenarioConfig } from '../config/scenario-schema'
import type { PlannedTx, TxRecord } from '../testing/tx'
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
        const ops = mined.reduce((n, m) => n + (m.label === batchLabel ? k : 1), 0)
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
  const phase = (label: string) => {
    const mined = stats.txs.filter((t) => t.label === label && t.state === 'mined')
    const gas = mined.reduce((s, t) => s + Number(t.gasUsed ?? 0n), 0)
    return { mined, avgGas: mined.length ? gas / mined.length : null, spanMs: span(mined) }
  }
  const batched = phase(batchLabel)
  const single = phase(singleLabel)
  const opsBatched = batched.mined.length * k
  const perOpBatched = batched.avgGas === null ? null : Math.round(batched.avgGas / k)
  const perOpSingle = single.avgGas === null ? null : Math.round(single.avgGas)
  const rate = (ops: number, ms: number | null) => (ms ? Math.round((ops / ms) * 10_000) / 10 : null)
  return {
    opsPerTx: k,
    batched: {
      txs: batched.mined.length,
      ops: opsBatched,
      gasPerOp: perOpBatched,
      opsPerSec: rate(opsBatched, batched.spanMs),
    },
    singleTxsInJsonRpcBatches: {
      txs: single.mined.length,
      ops: single.mined.length,
      gasPerOp: perOpSingle,
      opsPerSec: rate(single.mined.length, single.spanMs),
    },
    gasSavedPerOpPercent:
      perOpBatched !== null && perOpSingle ? Math.round((1 - perOpBatched / perOpSingle) * 1000) / 10 : null,
  }
}

/** First submission to last inclusion of a set of txs. */
function span(txs: readonly Pick<TxRecord, 'submittedAt' | 'includedAt'>[]): number | null {
  const starts = txs.map((t) => t.submittedAt).filter((v): v is number => v !== undefined)
  const ends = txs.map((t) => t.includedAt).filter((v): v is number => v !== undefined)
  if (!starts.length || !ends.length) return null
  return Math.max(1, Math.max(...ends) - Math.min(...starts))
}
