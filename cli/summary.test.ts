import { describe, expect, it } from 'vitest'
import { chainAgreesOf } from '../services/metrics/report'
import { emptyCounts } from '../services/run-model/counts'
import { fakeReport } from '../test/helpers/fake-report'
import { exitCodes } from './exit-codes'
import { exitCodeOf } from './run-command'
import { formatSummary, sampleWidth } from './summary'

describe('CLI summary: accounting line', () => {
  it('says the books balance, that a run failed before sending anything, or that they do not', () => {
    expect(formatSummary(fakeReport())).toContain(
      'planned = mined + reverted + failed + dropped + cancelled + unconfirmed ✓',
    )
    const failedEarly = fakeReport({ status: 'failed', counts: emptyCounts(100), invariantHolds: false })
    expect(formatSummary(failedEarly)).toContain('nothing was sent (the run failed before its first tx)')
    const off = fakeReport({ counts: { ...emptyCounts(100), mined: 98 }, invariantHolds: false })
    expect(formatSummary(off)).toContain('MISMATCH')
  })
})

describe('CLI summary: chain line and exit code', () => {
  const account = (expectedNonce: number, onChainNonce: number | null) => ({
    address: '0x00000000000000000000000000000000000000a1' as const,
    kind: 'local' as const,
    sent: expectedNonce,
    expectedNonce,
    onChainNonce,
    balanceWei: '1',
    lastError: null,
  })

  it('a sender whose nonce on chain differs from the report is a loud MISMATCH and exit 99', () => {
    const off = fakeReport({ accounts: [account(10, 9)], chainAgrees: false })
    expect(formatSummary(off)).toContain('MISMATCH: 1 sender(s) differ from the chain')
    expect(formatSummary(off)).toContain('expected nonce 10, chain says 9')
    expect(exitCodeOf(off)).toBe(exitCodes.thresholdsFailed)
  })

  it('agreement and "could not say" are stated, and keep exit 0', () => {
    const ok = fakeReport({ accounts: [account(10, 10)], chainAgrees: true, thresholds: [], thresholdsOk: true })
    expect(formatSummary(ok)).toContain("every sender's nonce equals the chain's ✓")
    expect(exitCodeOf(ok)).toBe(exitCodes.ok)
    expect(formatSummary(fakeReport({ chainAgrees: null }))).toContain('not checked')
  })

  it('names what held the run back, with what to do, and says nothing when unknown', () => {
    const pace = {
      sendingMs: 10_000,
      waitedOnNodeMs: 9_000,
      waitedOnRateMs: 0,
      waitedOnDelayMs: 0,
      mainThreadBusy: 0.2,
      cpuCores: 0.2,
    }
    const limit = { by: 'node', because: 'the send loop waited on it 90%', hint: 'This is its pace.', pace } as const
    const lines = formatSummary(fakeReport({ limit })).split('\n')
    const at = lines.findIndex((l) => l.includes('limited by'))
    expect(lines[at]).toMatch(/limited by\s+the node: the send loop waited on it 90%$/)
    expect(lines[at + 1]).toMatch(/^\s+→ This is its pace\.$/)
    expect(formatSummary(fakeReport({ limit: null }))).not.toContain('limited by')
  })

  it('chainAgreesOf: null when the chain could not say, else whether every nonce matches', () => {
    expect(chainAgreesOf({ accounts: [account(3, 3)], error: null })).toBe(true)
    expect(chainAgreesOf({ accounts: [account(3, 2)], error: null })).toBe(false)
    expect(chainAgreesOf({ accounts: [account(3, null)], error: null })).toBeNull()
    const lost = { code: 'NODE_LOST', message: 'gone' }
    expect(chainAgreesOf({ accounts: [account(3, 2)], error: lost })).toBeNull()
  })
})

describe('CLI summary: error groups', () => {
  const group = (sample: string) => ({
    kind: 'reverted' as const,
    label: 'withdraw(uint256)',
    title: 'Execution reverted',
    count: 3,
    retried: 0,
    hint: 'The contract rejected the call: the message is its own.',
    sample,
    firstAt: 0,
    lastAt: 1,
  })

  it('prints the decoded reason of each group under its generic title', () => {
    const text = formatSummary(fakeReport({ errors: [group('InsufficientBalance(available: 0, needed: 5)')] }))
    const lines = text.split('\n')
    const title = lines.findIndex((l) => l.includes('3× Execution reverted (withdraw(uint256))'))
    expect(title).toBeGreaterThan(-1)
    expect(lines[title + 1]).toBe('       e.g. InsufficientBalance(available: 0, needed: 5)')
    expect(lines[title + 2]).toBe('       → The contract rejected the call: the message is its own.')
  })

  it('keeps a long or multi-line sample to one line of at most sampleWidth characters', () => {
    const long = `reverted: ${'x'.repeat(300)}\n  at line two`
    const line = formatSummary(fakeReport({ errors: [group(long)] }))
      .split('\n')
      .find((l) => l.includes('e.g. '))
    expect(line).toBeDefined()
    const sample = (line as string).slice((line as string).indexOf('e.g. ') + 5)
    expect(sample).toHaveLength(sampleWidth)
    expect(sample.endsWith('…')).toBe(true)
    expect(sample.startsWith('reverted: xxx')).toBe(true)
  })

  it('leaves the sample out when it says nothing more than the title', () => {
    const text = formatSummary(fakeReport({ errors: [group('Execution reverted')] }))
    expect(text).not.toContain('e.g.')
  })
})

describe('CLI summary: a local chain with a public chain id', () => {
  const node = fakeReport().node
  it('names a fork and where its txs went, and a mainnet id on a local Anvil as local', () => {
    const fork = fakeReport({
      node: { ...node, chainId: 1, fork: { url: 'https://eth.example/…', block: 19_000_000 } },
    })
    expect(formatSummary(fork)).toContain(
      'a local Anvil fork of https://eth.example/… at block 19000000: the txs went to the fork, not to Ethereum mainnet',
    )
    const local = fakeReport({ node: { ...node, chainId: 1, fork: null, ownMining: { kind: 'automine' } } })
    expect(formatSummary(local)).toContain(
      "Ethereum mainnet's id, on a local Anvil: nothing was sent to Ethereum mainnet",
    )
    // A node that is not Anvil (it does not say how it mines) is not vouched for.
    const remote = fakeReport({ node: { ...node, chainId: 1, fork: null, ownMining: { kind: 'unknown' } } })
    expect(formatSummary(remote)).not.toMatch(/local Anvil/)
  })
})

describe('CLI summary: transaction types and send endpoints', () => {
  const group = { count: 4, mined: 4, reverted: 0, failed: 0, dropped: 0, cancelled: 0, unconfirmed: 0, open: 0 }
  const numbers = { gas: { avg: 1, p95: 1, min: 1, max: 1, total: 4 }, latencyMs: { p50: 1, p95: 1 } }
  it('a row per type (blob gas where there was some) and per endpoint (errors and outages)', () => {
    const text = formatSummary(
      fakeReport({
        config: { sendPolicy: 'broadcast' },
        txTypes: [
          { type: 'legacy', ...group, ...numbers, receiptTypeMismatch: 1, blobs: null },
          {
            type: 'eip4844',
            ...group,
            ...numbers,
            receiptTypeMismatch: 0,
            blobs: { gasUsed: '524288', minPriceWei: '1', maxPriceWei: '3' },
          },
        ],
        endpoints: [
          { index: 0, url: 'http://a:1', sent: 9, accepted: 9, errors: {}, submitRttMs: { p50: 4, p95: 9 }, downs: 0 },
          {
            index: 1,
            url: 'http://b:1',
            sent: 9,
            accepted: 5,
            errors: { connection: 4 },
            submitRttMs: { p50: 7, p95: 9 },
            downs: 2,
          },
        ],
      }),
    )
    expect(text).toMatch(/tx types\s+2/)
    expect(text).toMatch(/legacy\s+4\/4 mined, 1 receipts of another type/)
    expect(text).toMatch(/eip4844\s+4\/4 mined, blob gas 524288 at 1–3 wei/)
    expect(text).toMatch(/send endpoints\s+2, broadcast/)
    expect(text).toMatch(/rpcUrls\[0\]\s+http:\/\/a:1: 9\/9 accepted, RTT p50 4 ms$/m)
    expect(text).toMatch(/rpcUrls\[1\]\s+http:\/\/b:1: 5\/9 accepted, RTT p50 7 ms, 4 connection, out 2×/)
  })

  it('says nothing of either for a plain run', () => {
    const text = formatSummary(
      fakeReport({ txTypes: [{ type: 'default', ...group, ...numbers, receiptTypeMismatch: 0, blobs: null }] }),
    )
    expect(text).not.toContain('tx types')
    expect(text).not.toContain('send endpoints')
  })
})
