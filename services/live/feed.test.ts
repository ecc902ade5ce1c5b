import { describe, expect, it } from 'vitest'
import { createRunModel } from '../run-model/model'
import { createEventBus, type TxEvent } from '../testing/events'
import type { TxState } from '../testing/tx'
import { createLiveFeed, liveEndedRows } from './feed'

const tx = (idx: number, prev: TxState, state: TxState): TxEvent => ({
  type: 'tx',
  at: Date.now(),
  idx,
  state,
  prev,
  role: 'planned',
  label: 'transfer',
  from: `0x${'ab'.repeat(20)}`,
  gas: 21_000n,
  attempt: 1,
})

function feedOf(planned: number) {
  const bus = createEventBus()
  const model = createRunModel(planned)
  bus.on('event', model.onEvent)
  const feed = createLiveFeed({ model, mining: 'engine', persist: () => {} })
  bus.on('event', feed.onEvent)
  return { bus, feed }
}

describe('live feed memory', () => {
  it('a reset carries the open txs and the newest ended ones, and says how many txs there are', () => {
    const { bus, feed } = feedOf(liveEndedRows + 600)
    for (let i = 0; i < liveEndedRows + 500; i++) {
      bus.emit('event', tx(i, 'planned', 'signed'))
      bus.emit('event', tx(i, 'signed', 'mined'))
    }
    for (let i = liveEndedRows + 500; i < liveEndedRows + 600; i++) bus.emit('event', tx(i, 'planned', 'signed'))
    const { frame, rows } = feed.reset()
    expect(frame.txTotal).toBe(liveEndedRows + 600)
    expect(rows).toHaveLength(liveEndedRows + 100)
    expect(frame.txCount).toBe(rows.length)
    // Sorted by idx: the oldest ended ones are the ones let go.
    expect(rows[0]?.idx).toBe(500)
    expect(rows.at(-1)?.state).toBe('signed')
    expect(frame.stats.counts).toMatchObject({ mined: liveEndedRows + 500, signed: 100 })
    feed.finish()
  })

  it('keeps no frames while nobody follows; a follower gets every frame after it subscribed', async () => {
    const { bus, feed } = feedOf(10)
    bus.emit('event', tx(0, 'planned', 'signed'))
    await new Promise((r) => setTimeout(r, 250))
    expect(feed.since(0)).toBeNull()
    const seen: number[] = []
    feed.subscribe((f) => seen.push(f.seq))
    bus.emit('event', tx(0, 'signed', 'submitted'))
    await new Promise((r) => setTimeout(r, 250))
    const last = seen[0] as number
    expect(feed.since(last - 1)?.map((f) => f.seq)).toEqual(seen)
    feed.finish()
  })
})
