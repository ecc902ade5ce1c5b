import type { Address } from 'viem'
import type { NodeInfo } from '../chain/node-info'
import { signerBackend } from '../chain/signer'
import { emptyCounts } from '../run-model/counts'
import type { RunContext } from './run-context'
import type { RunOutcome } from './run-outcome'

/** What a funding-only call answers: nothing was sent, the senders can pay for their share. */
export function fundedOnly(
  mining: RunContext['mining'],
  node: NodeInfo,
  startedAt: number,
  senders: ReadonlyArray<{ address: Address; kind: 'local' | 'node' }>,
): RunOutcome {
  return {
    status: 'completed',
    counts: emptyCounts(),
    mining,
    ownMining: node.ownMining,
    startedAt,
    senders: senders.map(({ address, kind }) => ({ address, kind, sent: 0, expectedNonce: 0, final: undefined })),
    gapFills: 0,
    endpoints: [],
    signing: { backend: signerBackend, workers: 0, signedInWorkers: 0 },
    pace: undefined,
    scenario: { name: '', contracts: {}, checks: [], findings: {} },
  }
}
