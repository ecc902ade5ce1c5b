import { Worker } from 'node:worker_threads'
import { packagePath } from '../chain/package-path'

/**
 * The worker's whole source, run with `eval` (as the sign pool's: nothing to bundle). It holds
 * its own connection to each open store and checkpoints their WALs on a timer, so the copying
 * and syncing never stall the thread that writes the runs (docs/architecture.md#store).
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const open = new Map()
// PASSIVE copies what it can without holding the writer up. The writer keeps appending, so the
// WAL is never found fully copied and would only grow: past a bound, RESTART copies the few frames
// left (holding the writer a moment) and the WAL starts again from its beginning.
const checkpoint = (db) => {
  try {
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)')
    if (log > workerData.restartFrames) db.pragma('wal_checkpoint(RESTART)')
  } catch {}
}
setInterval(() => { for (const db of open.values()) checkpoint(db) }, workerData.everyMs)
parentPort.on('message', (m) => {
  if (m.add !== undefined) {
    try {
      const db = new Database(m.file, { fileMustExist: true })
      // Never wait: a checkpoint that finds the writer or a reader busy does what it can and tries
      // again next time, rather than hold the writer up (docs/architecture.md#store).
      db.pragma('busy_timeout = 0')
      open.set(m.add, db)
    } catch {}
  } else if (m.remove !== undefined) {
    try { open.get(m.remove)?.close() } catch {}
    open.delete(m.remove)
    const done = new Int32Array(m.done)
    Atomics.store(done, 0, 1)
    Atomics.notify(done, 0)
  }
})
`

/** How often the worker checkpoints each open store. */
const checkpointEveryMs = 250
/** WAL frames (pages, 4 KiB) past which the worker starts the WAL again: ~16 MB. */
const restartFrames = 4_000
/** How long a close waits for the worker to let go of its file; then it closes regardless. */
const letGoTimeoutMs = 5_000

let worker: Worker | undefined
let nextId = 0

function theWorker(): Worker {
  if (worker) return worker
  const driver = packagePath('better-sqlite3')
  worker = new Worker(workerSource, { eval: true, workerData: { driver, everyMs: checkpointEveryMs, restartFrames } })
  // It only serves open stores: it never keeps the process alive, and if it dies the writer's own
  // (rarer) automatic checkpoints take over.
  worker.unref()
  worker.on('error', (error) => {
    worker = undefined
    process.emitWarning(
      `SQLite's background checkpointer stopped (${error.message}); the writer checkpoints by itself from now on, which slows fast runs.`,
    )
  })
  worker.on('exit', () => {
    worker = undefined
  })
  return worker
}

/**
 * Checkpoints one store's WAL from a worker thread until `release()`. `release()` returns once the
 * worker has closed its connection, so the caller's close is the last one, as before: SQLite then
 * checkpoints what is left and removes the WAL.
 */
export function checkpointInBackground(file: string): { release(): void } {
  const id = nextId++
  const w = theWorker()
  w.postMessage({ add: id, file })
  return {
    release() {
      if (worker !== w) return
      const done = new Int32Array(new SharedArrayBuffer(4))
      w.postMessage({ remove: id, done: done.buffer })
      Atomics.wait(done, 0, 0, letGoTimeoutMs)
    },
  }
}
