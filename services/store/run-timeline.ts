import type { BlockPoint, Marker, SeriesPoint } from '../run-model/rows'
import type { Db } from './db'

/** What a run's charts are drawn from: the per-second points, blocks and markers the live feed kept. */
export type StoredTimeline = { series: SeriesPoint[]; blocks: BlockPoint[]; markers: Marker[] }

/** The one reader of a run's stored timeline (replays, reports and comparisons share it). */
export function loadTimeline(db: Db, runId: string): StoredTimeline {
  const events = db
    .prepare<[string], { type: string; data_json: string }>(
      `SELECT type, data_json FROM run_events WHERE run_id = ? AND type IN ('series', 'block', 'marker') ORDER BY id`,
    )
    .all(runId)
  const timeline: StoredTimeline = { series: [], blocks: [], markers: [] }
  for (const e of events) {
    const data = JSON.parse(e.data_json)
    if (e.type === 'series') timeline.series.push(data)
    else if (e.type === 'block') timeline.blocks.push(data)
    else timeline.markers.push(data)
  }
  return timeline
}
