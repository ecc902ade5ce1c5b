import type { TxErrorInfo, TxState } from './tx'

/**
 * The fate of an open tx the chain has no receipt for once the run is over: the one rule the drain
 * and an interrupted run's settlement share. One the node never accepted (still signed, or its
 * last attempt refused) failed; one it accepted and did not include was dropped.
 */
export function unincludedFate(t: { state: TxState; error?: TxErrorInfo | null }): 'failed' | 'dropped' {
  return t.state === 'signed' || t.error ? 'failed' : 'dropped'
}

/**
 * Why such a tx ended as it did, when a stop cut its tracking short (`when`: "the server stopped",
 * "its worker was lost"): the one wording for an interrupted run and a lost worker's shard.
 */
export function unincludedReason(fate: 'failed' | 'dropped', when: string, takenFromPool: boolean): string {
  if (fate === 'failed') return `Being sent when ${when}, and not mined: the node never said it had it`
  return takenFromPool
    ? `In flight when ${when} and not mined: taken out of the pool`
    : `In flight when ${when} and not mined since (a node may still include it later)`
}
