import { describe, expect, it } from 'vitest'
import { engineLikeStream } from '../../test/helpers/engine-like-stream'
import { tempDataDir } from '../../test/helpers/run'
import { createRunModel } from '../run-model/model'
import { openDb } from './db'
import { replayRun } from './replay-events'
import { createRunWriter } from './run-writer'

describe('a stored run replayed', () => {
  it.each([1, 2, 3])('gives the live model’s numbers, field by field (stream %i)', (seed) => {
    const db = openDb(tempDataDir())
    db.prepare(
      `INSERT INTO runs (id, status, config_json, created_at, planned) VALUES ('r', 'completed', '{}', 0, 3000)`,
    ).run()
    // Small buffers: one tx's events land in several commits, as in a long run.
    const writer = createRunWriter(db, 'r', { maxBuffered: 7 })
    const live = createRunModel(3000)
    const stream = engineLikeStream(3000, seed)
    for (const e of stream) {
      live.onEvent(e)
      writer.onEvent(e)
      if (e.type === 'tx' && e.idx % 97 === 0) writer.flush()
    }
    writer.close()
    const end = live.snapshot(0).endedAt ?? 0
    const { snapshot, byLabel } = replayRun(db, { id: 'r', planned: 3000, ended_at: end })
    const want = live.snapshot(end)
    expect(want.counts.planned).toBe(3000)
    expect(want.errors.length).toBeGreaterThan(1)
    expect(want.pausedMs).toBeGreaterThan(0)
    expect(want.blocks.count).toBeGreaterThan(0)
    expect(want.submitRttMs.p50).not.toBeNull()
    expect(want.replacements.cancel + want.replacements.speedUp).toBeGreaterThan(0)
    expect(want.gapFills).toBeGreaterThan(0)
    for (const key of Object.keys(want) as (keyof typeof want)[]) expect(snapshot[key], key).toEqual(want[key])
    expect(byLabel).toEqual(live.byLabel())
    db.close()
  })
})
