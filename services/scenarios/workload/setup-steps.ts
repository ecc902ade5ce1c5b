import { type Abi, type Address, decodeFunctionResult, type Hex, toHex } from 'viem'
import { createRevertDecoder } from '../../abi/decode-revert'
import type { ChainRefs } from '../../abi/generators'
import { sendBatch } from '../../accounts/send-batch'
import type { Sender } from '../../accounts/sender'
import { revertDataOf } from '../../chain/revert-data'
import { ConfigError } from '../../errors/base'
import { replayRevert } from '../../runs/tx-revert'
import type { ScenarioContext, SetupSummary } from '../types'
import type { CompiledStep } from './compile'

type StepTx = { from: Sender; forSender: Address; to: Address; data: Hex; value: bigint; gas: bigint }

/** Gas margin over the node's estimate: state moves between the estimate and the block. */
const gasMargin = (g: bigint) => (g * 13n) / 10n

/**
 * Runs the set-up steps in order, each to the end before the next: once from the deployer, or once
 * for every sender (from that sender, or from the deployer on its behalf). Every tx is simulated
 * first: a revert, or a result other than `expect`, stops the run before any load with the step,
 * the decoded reason and a hint, and that step sends nothing.
 */
export async function runSetupSteps(
  ctx: ScenarioContext,
  steps: readonly CompiledStep[],
  deployer: Sender,
  addresses: Readonly<Record<string, Address>>,
  chain: ChainRefs,
  errorsAbi: Abi,
): Promise<SetupSummary['steps']> {
  const decode = createRevertDecoder(errorsAbi)
  const accounts = ctx.senders.map((s) => s.address)
  const done: SetupSummary['steps'] = []
  for (const step of steps) {
    const to = addresses[step.contract] as Address
    const label = `${step.contract}.${step.found.fn.name}`
    const forSenders = step.forEach ? ctx.senders : [deployer]
    const txs = await Promise.all(
      forSenders.map(async (s, i): Promise<StepTx> => {
        const from = step.from === 'sender' ? s : deployer
        const data = step.args.encode({ i, from: s.address, accounts, chain })
        const call = { from: from.address, to, data, value: toHex(step.value) }
        const who = step.forEach ? ` for ${s.address}` : ''
        const fail = (message: string, hint: string): never => {
          throw new ConfigError([{ field: step.field, message: `${label}${who} ${message}` }], { hint })
        }
        // One simulation per tx: the estimate when gas is to be estimated (it fails on a revert
        // too), a call when the result is checked or the gas is given.
        let gas: bigint
        try {
          if (step.expect || step.gas !== undefined) {
            const result = await ctx.conn.request('eth_call', [call, 'latest'])
            if (step.expect) checkExpected(step, result, fail)
          }
          gas = step.gas ?? gasMargin(BigInt(await ctx.conn.request('eth_estimateGas', [call])))
        } catch (error) {
          if (error instanceof ConfigError) throw error
          return fail(
            `reverts: ${decode(revertDataOf(error)).message}`,
            'Nothing of this step was sent. Check its arguments and the steps before it (a mint, an approval).',
          )
        }
        return { from, forSender: s.address, to, data, value: step.value, gas }
      }),
    )
    const sent = await sendPerSender(ctx, txs)
    const reverted = sent.find((s) => !s.receipt.ok)
    if (reverted) {
      const { tx, receipt } = reverted
      const input = { from: tx.from.address, to: tx.to, input: tx.data, value: toHex(tx.value), gas: toHex(tx.gas) }
      const why = await replayRevert(ctx.conn.request, input, Number(receipt.blockNumber), [
        { contract: step.contract, abi: errorsAbi },
      ]).catch(() => 'reason unknown')
      throw new ConfigError([{ field: step.field, message: `${label} reverted on chain (${receipt.hash}): ${why}` }], {
        hint: 'It passed when simulated: an earlier tx of the same step changed the state it needs.',
      })
    }
    const gasUsed = sent.reduce((a, s) => a + s.receipt.gasUsed, 0n)
    done.push({ step: step.index, label, txs: txs.length, gasUsed: Number(gasUsed) })
  }
  return done
}

/** Each sender's txs in one batch (its nonces in order), all senders at once. */
async function sendPerSender(ctx: ScenarioContext, txs: readonly StepTx[]) {
  const bySender = new Map<string, StepTx[]>()
  for (const t of txs) bySender.set(t.from.address, [...(bySender.get(t.from.address) ?? []), t])
  const groups = [...bySender.values()]
  const results = await Promise.all(
    groups.map((group) =>
      sendBatch({
        conn: ctx.conn,
        node: ctx.node,
        from: group[0]!.from,
        txs: group.map((t) => ({ to: t.to, value: t.value, data: t.data, gas: t.gas })),
        fees: ctx.fees,
        mine: ctx.mine,
        timeoutMs: ctx.config.inclusionTimeoutMs,
        allowRevert: true,
      }),
    ),
  )
  return groups.flatMap((group, g) => group.map((tx, i) => ({ tx, receipt: results[g]![i]! })))
}

function checkExpected(step: CompiledStep, result: Hex, fail: (message: string, hint: string) => never): void {
  const expect = step.expect!
  const raw = decodeFunctionResult({ abi: [step.found.fn], functionName: step.found.fn.name, data: result }) as unknown
  const value = Array.isArray(raw) ? raw[0] : raw
  const shown = String(value)
  const hint = 'Nothing of this step was sent: its simulated result is not the one the step expects.'
  if ('equals' in expect) {
    const want = String(expect.equals)
    const same =
      typeof value === 'bigint' || typeof value === 'number'
        ? BigInt(value) === BigInt(want)
        : shown.toLowerCase() === want.toLowerCase()
    if (!same) fail(`would return ${shown}, expected ${want}`, hint)
  } else if (BigInt(value as bigint) < BigInt(expect.atLeast))
    fail(`would return ${shown}, expected ≥ ${expect.atLeast}`, hint)
}
