import type { Address } from 'viem'
import { type TxType, txTypeByte, txTypes } from '../config/tx-type-schema'
import { loadBuiltinArtifact } from '../contracts/artifacts'
import type { PlannedTx } from '../testing/tx'
import { call, deployFromFirstSender, estimateGas, readCall, revertDecoder } from './shared'
import type { MinedTx, Scenario, ScenarioCheck } from './types'

const label = 'increment()'
/** Counter.increment() with headroom, before the estimate is known (funding). */
const incrementGas = 100_000n

/**
 * Counter.increment() from every sender, each tx of the type the mix picks (docs/scenarios.md#tx-types).
 * After the run: the count equals the mined calls, and every mined tx's receipt has its planned type.
 */
export const txTypesScenario: Scenario = {
  name: 'tx-types',
  shape: (config) => ({ planned: config.txs, gasPerTx: config.gasLimit ?? incrementGas, valuePerTx: 0n }),
  async setup(ctx) {
    const artifact = loadBuiltinArtifact('Counter')
    const { address, deployer } = await deployFromFirstSender(ctx, artifact)
    const data = call(artifact.abi, 'increment', [])
    const gas = await estimateGas(ctx, { from: deployer.address, to: address, data })
    function* plan(): Generator<PlannedTx> {
      for (let idx = 0; idx < ctx.config.txs; idx++) yield { idx, to: address, value: 0n, data, gas, label }
    }
    return {
      // The EIP-7702 txs' authorities delegate to it unless authorization.delegate says otherwise.
      contracts: { Counter: address as Address },
      plan: plan(),
      decodeRevert: revertDecoder(artifact.abi),
      async verify(mined) {
        const byType = receiptTypes(mined)
        const count = BigInt(await readCall(ctx, address, call(artifact.abi, 'count', [])))
        const checks: ScenarioCheck[] = [
          {
            name: 'Counter.count equals the mined increments',
            ok: count === BigInt(byType.total),
            expected: String(byType.total),
            actual: String(count),
          },
        ]
        for (const type of txTypes) {
          const t = byType.of.get(type)
          if (!t) continue
          checks.push({
            name: `${type} txs mined with receipts of type ${txTypeByte(type)}`,
            ok: t.matched === t.mined,
            expected: `${t.mined} of ${t.mined}`,
            actual: `${t.matched} of ${t.mined}`,
          })
        }
        return checks
      },
    }
  },
}

/** Per planned type: mined txs, and those whose receipt says that type. */
function receiptTypes(mined: Iterable<MinedTx>) {
  const of = new Map<TxType, { mined: number; matched: number }>()
  let total = 0
  for (const m of mined) {
    total++
    const type = m.txType as TxType | null
    if (!type) continue
    const t = of.get(type) ?? { mined: 0, matched: 0 }
    t.mined++
    if (m.receiptType === txTypeByte(type)) t.matched++
    of.set(type, t)
  }
  return { of, total }
}
