import type { RunEventBus } from './events'
import type { TxErrorInfo, TxRecord } from './tx'

/** One failed attempt of one tx, with its context: errors are data (docs/architecture.md#errors-are-data). */
export function emitTxError(bus: RunEventBus, r: TxRecord, error: TxErrorInfo, willRetry: boolean) {
  bus.emit('event', {
    type: 'error',
    at: Date.now(),
    idx: r.idx,
    from: r.from,
    nonce: r.nonce,
    attempt: r.attempts,
    label: r.label,
    error,
    willRetry,
  })
}
