import type { TxErrorInfo, TxState } from './tx'

/**
 * The fate of an open tx the chain has no receipt for once the run is over: the one rule the drain
 * and an interrupted run's settlement share. One the node never accepted (still signed, or its
 * last attempt refused) failed; one it accepted and did not include was dropped.
 */
export function unincludedFate(t: { state: TxState; error?: TxErrorInfo | null }): 'failed' | 'dropped' {
  return t.state === 'signed' || t.error ? 'failed' : 'dropped'
}
