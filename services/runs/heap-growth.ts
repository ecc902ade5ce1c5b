import { setFlagsFromString } from 'node:v8'

/**
 * How far V8 lets the heap grow past the live data before its next full collection, in percent.
 * A run allocates fast and keeps little (some 10–60 MB live); by default V8 lets the garbage grow
 * the heap to several times that first, and the process keeps the memory. Half again keeps the
 * peak flat in the run's length at no measured speed cost (docs/metrics.md#memory).
 */
export const heapGrowingPercent = 50

/** Called first thing by the processes that hold runs: the CLI and the server. */
export function keepHeapNearLive(): void {
  setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`)
}
