import { reachedNodeTotal, terminalTotal } from '../services/run-model/counts'
import type { RunSnapshot } from '../services/run-model/model'
import type { RunOutput } from '../services/runs/run-outputs'

const width = 30

/** One line of live progress: a bar of terminal txs, then the counters that matter while running. */
export function progressLine(s: RunSnapshot): string {
  const c = s.counts
  const done = terminalTotal(c)
  const ratio = c.planned ? done / c.planned : 0
  const filled = Math.round(ratio * width)
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`
  const sent = reachedNodeTotal(c)
  return [
    `${bar} ${(ratio * 100).toFixed(0).padStart(3)}%`,
    `sent ${sent}/${c.planned}`,
    `mined ${c.mined}`,
    c.reverted ? `reverted ${c.reverted}` : '',
    `failed ${c.failed}`,
    c.dropped ? `dropped ${c.dropped}` : '',
    c.unconfirmed ? `unconfirmed ${c.unconfirmed}` : '',
    `in-flight ${c.submitted + c.signed}`,
    `${s.throughput.minedPerSec} tx/s`,
    // The run model's clock, as the report's duration.
    `${(s.elapsedMs / 1000).toFixed(1)}s`,
    s.status === 'paused' || s.status === 'draining' ? `[${s.status}]` : '',
  ]
    .filter(Boolean)
    .join('  ')
}

/** An output of the run: redraws in place on a terminal; prints a line every few seconds elsewhere (CI logs). */
export function progressOutput(snapshot: () => RunSnapshot, out: NodeJS.WriteStream = process.stderr): RunOutput {
  const tty = Boolean(out.isTTY)
  const draw = () => {
    const line = progressLine(snapshot())
    if (tty) out.write(`\r\x1b[2K${line}`)
    else out.write(`${line}\n`)
  }
  const timer = setInterval(draw, tty ? 200 : 2_000)
  return {
    stop() {
      clearInterval(timer)
      draw()
      if (tty) out.write('\n')
    },
  }
}
