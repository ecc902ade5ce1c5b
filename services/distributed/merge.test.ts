import { describe, expect, it } from 'vitest'
import { createRunModel } from '../run-model/model'
import { testSender, txEvent } from '../run-model/test-events'
import { createEventBus, type RunEvent, type TxEvent } from '../testing/events'
import { createMerge } from './merge'

const from = testSender
const tx = (idx: number, prev: TxEvent['state'], state: TxEvent['state'], extra: Partial<TxEvent> = {}) =>
  txEvent(idx, prev, state, 1, extra)
const block = (n: bigint, ours: number): RunEvent => ({
  type: 'block',
  at: 1,
  number: n,
  timestamp: 1,
  gasUsed: 0n,
  gasLimit: 30_000_000n,
  txCount: ours,
  ours,
})

function setup(planned = 10) {
  const bus = createEventBus()
  const model = createRunModel(planned)
  const seen: RunEvent[] = []
  bus.on('event', (e) => {
    model.onEvent(e)
    seen.push(e)
  })
  return { merge: createMerge(bus, planned), model, seen }
}

describe('createMerge', () => {
  it('a tx handed on after a loss is counted once: its new worker starts from the state the run knows', () => {
    const { merge, model } = setup()
    merge.begin(0, 1)
    merge.onBatch({ shard: 0, attempt: 1, worker: 'a' }, [tx(3, 'planned', 'signed'), tx(4, 'planned', 'signed')])
    merge.onBatch({ shard: 0, attempt: 1, worker: 'a' }, [tx(4, 'signed', 'submitted')])
    merge.end(0)
    merge.begin(0, 2)
    // A late batch of the lost attempt speaks for nobody.
    merge.onBatch({ shard: 0, attempt: 1, worker: 'a' }, [tx(3, 'signed', 'mined')])
    expect(model.counts().mined).toBe(0)
    merge.onBatch({ shard: 0, attempt: 2, worker: 'b' }, [tx(3, 'planned', 'signed'), tx(4, 'planned', 'signed')])
    merge.onBatch({ shard: 0, attempt: 2, worker: 'b' }, [tx(3, 'signed', 'mined'), tx(4, 'signed', 'mined')])
    const c = model.counts()
    expect(c.signed + c.submitted).toBe(0)
    expect(c.mined).toBe(2)
    expect(merge.includedBy(from)).toBe(2)
    expect(merge.unseen([3, 4, 5])).toEqual([5])
  })

  it("gap fills get run-wide indexes: two workers' -1 are two txs", () => {
    const { merge, seen } = setup()
    merge.begin(0, 1)
    merge.begin(1, 1)
    const fill = tx(-1, 'planned', 'mined', { role: 'gap-fill', label: 'nonce gap fill' })
    merge.onBatch({ shard: 0, attempt: 1, worker: 'a' }, [fill])
    merge.onBatch({ shard: 1, attempt: 1, worker: 'b' }, [fill])
    const idxs = seen.flatMap((e) => (e.type === 'tx' ? [e.idx] : []))
    expect(idxs).toEqual([-1, -2])
    expect(merge.gapFills).toBe(2)
  })

  it("a block is one event with every live shard's txs in it, in order", () => {
    const { merge, seen } = setup()
    merge.begin(0, 1)
    merge.begin(1, 1)
    merge.onBatch({ shard: 0, attempt: 1, worker: 'a' }, [block(5n, 3)])
    expect(seen.filter((e) => e.type === 'block')).toHaveLength(0)
    merge.onBatch({ shard: 1, attempt: 1, worker: 'b' }, [block(5n, 4), block(4n, 9)])
    const blocks = seen.flatMap((e) => (e.type === 'block' ? [e] : []))
    expect(blocks.map((b) => [b.number, b.ours])).toEqual([[5n, 7]])
  })

  it('paused once every live shard is; running while any runs', () => {
    const { merge, seen } = setup()
    const status = (shard: number, s: 'running' | 'paused') =>
      merge.onBatch({ shard, attempt: 1, worker: 'w' }, [{ type: 'status', at: 1, status: s }])
    merge.begin(0, 1)
    merge.begin(1, 1)
    status(0, 'running')
    status(1, 'running')
    status(0, 'paused')
    status(1, 'paused')
    status(0, 'running')
    expect(seen.flatMap((e) => (e.type === 'status' ? [e.status] : []))).toEqual(['running', 'paused', 'running'])
  })

  it('a shard still waiting for a worker does not hold the pause back; paused as it starts, the run stays paused', () => {
    const { merge, seen } = setup()
    const status = (shard: number, s: 'running' | 'paused') =>
      merge.onBatch({ shard, attempt: 1, worker: 'w' }, [{ type: 'status', at: 1, status: s }])
    for (const shard of [0, 1, 2]) merge.begin(shard, 1)
    status(0, 'running')
    status(1, 'running')
    status(0, 'paused')
    status(1, 'paused')
    status(2, 'paused')
    status(2, 'running')
    expect(seen.flatMap((e) => (e.type === 'status' ? [e.status] : []))).toEqual(['running', 'paused', 'running'])
  })
})
