import { describe, expect, it } from 'vitest'
import { buildReport } from '../../services/metrics/build-report'
import type { RunReport } from '../../services/metrics/report'
import { replayRun } from '../../services/store/replay-events'
import { createRunsRepo } from '../../services/store/runs-repo'
import type { RunEvent, RunEventBus } from '../../services/testing/events'
import { withTestNode } from '../helpers/anvil'
import { expectReportEqualsChain } from '../helpers/chain'
import { freshMnemonic, startTestRun } from '../helpers/run'

const testNode = withTestNode()

/** Resolves once `when` holds, checked now and at each event (no clock: the run's own progress). */
const until = (bus: RunEventBus, when: (e?: RunEvent) => boolean) =>
  new Promise<void>((resolve) => {
    if (when()) return resolve()
    const on = (e: RunEvent) => {
      if (!when(e)) return
      bus.off('event', on)
      resolve()
    }
    bus.on('event', on)
  })

describe('replay equals live', () => {
  it('a 2,000-tx run with a pause: its stored events rebuild its report field by field, durations included', async () => {
    const { session, db } = startTestRun(testNode.node, {
      txs: 2000,
      accounts: 10,
      rate: 400,
      mining: 'engine',
      mnemonic: freshMnemonic(),
    })
    let mined = 0
    let pausedAt: number | null = null
    let sentWhilePaused = 0
    session.bus.on('event', (e: RunEvent) => {
      if (e.type === 'status') pausedAt = e.status === 'paused' ? e.at : null
      if (e.type !== 'tx' || e.role !== 'planned') return
      if (e.state === 'mined' && e.prev !== 'mined') mined++
      // The engine said "paused": no send may start after that, until it says "running".
      if (pausedAt !== null && e.prev === 'signed' && (e.submittedAt ?? 0) > pausedAt) sentWhilePaused++
    })
    await until(session.bus, () => mined >= 300)
    expect(session.pause()).toBe(true)
    // Paused until what was in flight is mined, and past one more event of the run (the senders'
    // readings come every second): the pause spans real time, whatever the machine's speed.
    let laterEvent = false
    await until(session.bus, (e) => {
      if (e && pausedAt !== null && e.at > pausedAt) laterEvent = true
      return laterEvent && session.model.state.counts.submitted === 0
    })
    expect(session.model.state.status).toBe('paused')
    expect(session.resume()).toBe(true)
    const live = await session.done

    expect(sentWhilePaused).toBe(0)
    expect(live.status).toBe('completed')
    expect(live.counts.mined).toBe(2000)
    expect(live.pausedMs).toBeGreaterThan(0)
    expect(live.durationMs).toBeGreaterThan(live.pausedMs)
    await expectReportEqualsChain(testNode.node, live)

    const row = createRunsRepo(db).get(session.id)
    if (!row) throw new Error('run not stored')
    const stored = JSON.parse(row.report_json ?? '{}') as RunReport
    expect(stored).toEqual(JSON.parse(JSON.stringify(live)))
    const { snapshot } = replayRun(db, row)
    const rebuilt = buildReport(snapshot, { ...stored, fallbackStartedAt: 0, fallbackEndedAt: 0 })
    for (const key of Object.keys(stored) as (keyof RunReport)[]) expect(rebuilt[key], key).toEqual(stored[key])
    expect(Date.parse(rebuilt.endedAt) - Date.parse(rebuilt.startedAt)).toBe(live.durationMs)
    // The run list's duration is the same clock (a resume does not restart it).
    expect(row.ended_at! - row.started_at!).toBe(live.durationMs)
  })
})
