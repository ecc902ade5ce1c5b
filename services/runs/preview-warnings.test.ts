import { describe, expect, it } from 'vitest'
import { nodeNotMiningCode } from '../chain/mining-advice'
import { parseTestConfig } from '../config/parse'
import { previewWarnings, type WarningFacts } from './preview-warnings'

const facts = (config: unknown, over: Partial<WarningFacts> = {}): WarningFacts => {
  const c = parseTestConfig(config)
  return {
    config: c,
    planned: c.txs,
    senders: c.accounts,
    mining: 'engine',
    ownMining: { kind: 'automine' },
    blockGasLimit: 30_000_000n,
    gasPerTx: 21_000n,
    gasSource: 'scenario',
    funding: { method: 'set-balance', totalShort: 0n, shortAccounts: 0, funderNeeds: 0n, funder: null },
    ...over,
  }
}
const codes = (f: WarningFacts) => previewWarnings(f).map((w) => w.code)

describe('preview warnings', () => {
  it('none for a plain concurrent run on engine mining', () => {
    expect(codes(facts({ txs: 1000, accounts: 20 }))).toEqual([])
  })

  it('automine (asked for, or the node automining) with more than 50 in flight', () => {
    expect(codes(facts({ concurrency: 51 }, { mining: 'automine' }))).toContain('automine-under-load')
    expect(codes(facts({ concurrency: 51 }, { mining: 'node', ownMining: { kind: 'automine' } }))).toContain(
      'automine-under-load',
    )
    expect(codes(facts({ concurrency: 50 }, { mining: 'automine' }))).not.toContain('automine-under-load')
    expect(codes(facts({ mode: 'multi-user', accounts: 60, txs: 600 }, { mining: 'automine' }))).toContain(
      'automine-under-load',
    )
    // Not Anvil: there is no automine to speak of.
    expect(codes(facts({ concurrency: 400 }, { mining: 'node', ownMining: { kind: 'unknown' } }))).toEqual([])
  })

  it('a run left to a node that does not mine: said, with the modes that do, and no automine blamed', () => {
    const idle = { mining: 'node', ownMining: { kind: 'none' } } as const
    const [warning] = previewWarnings(facts({ concurrency: 400 }, idle))
    expect(warning).toMatchObject({ code: nodeNotMiningCode, field: 'mining' })
    expect(warning?.message).toMatch(/does not mine on its own/)
    expect(warning?.message).toMatch(/--mining engine/)
    expect(warning?.message).toMatch(/--mining interval/)
    expect(warning?.message).toMatch(/mined only when the stuck-pending watchdog mines a block, after 10 s/)
    expect(warning?.message).not.toMatch(/automine/i)
    expect(previewWarnings(facts({ stuckRemedy: 'none' }, idle))[0]?.message).toMatch(/dropped after 60 s/)
    // The run mines itself, or the node does: nothing to say.
    for (const mining of ['engine', 'interval', 'automine'] as const)
      expect(codes(facts({}, { mining, ownMining: { kind: 'none' } }))).not.toContain(nodeNotMiningCode)
    for (const ownMining of [{ kind: 'automine' }, { kind: 'interval', seconds: 2 }, { kind: 'unknown' }] as const)
      expect(codes(facts({}, { mining: 'node', ownMining }))).not.toContain(nodeNotMiningCode)
  })

  it('gas above the block gas limit names the field that set it, except in the gas-limit scenario', () => {
    const over = previewWarnings(facts({ gasLimit: '40000000' }, { gasPerTx: 40_000_000n, gasSource: 'gasLimit' }))
    expect(over).toContainEqual(expect.objectContaining({ code: 'gas-above-block-limit', field: 'gasLimit' }))
    expect(codes(facts({ scenario: 'gas-limit' }, { gasPerTx: 33_000_000n }))).toEqual([])
    expect(codes(facts({ scenario: 'gas-limit', gasLimit: '100000' }))).toContain('gas-limit-overrides-ramp')
  })

  it('a chain that is not a local dev chain: a public mainnet is named; allowNonDevChain turns the refusal into a notice', () => {
    const [mainnet] = previewWarnings(facts({}, { nonDevChain: { chainId: 1, publicMainnet: 'Ethereum mainnet' } }))
    expect(mainnet).toMatchObject({ code: 'non-dev-chain', field: 'allowNonDevChain' })
    expect(mainnet?.message).toMatch(/^Ethereum mainnet \(chain 1\) is a public mainnet: the run will be refused/)
    const [other] = previewWarnings(facts({}, { nonDevChain: { chainId: 777, publicMainnet: null } }))
    expect(other?.message).toMatch(/^Chain 777 is not a local dev chain/)
    expect(codes(facts({ allowNonDevChain: true }, { nonDevChain: { chainId: 777, publicMainnet: null } }))).toEqual([
      'non-dev-chain-allowed',
    ])
  })

  it('settings the mode ignores, idle accounts, unfunded senders', () => {
    expect(codes(facts({ mode: 'sequential', rate: 5 }))).toContain('rate-ignored')
    expect(codes(facts({ delayMs: 10 }))).toContain('delay-ignored')
    expect(codes(facts({ blockTime: 2 }))).toContain('block-time-ignored')
    expect(codes(facts({ txs: 3, accounts: 5 }))).toContain('idle-accounts')
    const short = { method: 'none' as const, totalShort: 10n, shortAccounts: 1, funderNeeds: 0n, funder: null }
    expect(codes(facts({ funding: 'none' }, { funding: short }))).toContain('unfunded-senders')
    const poor = {
      method: 'transfer' as const,
      totalShort: 10n ** 18n,
      shortAccounts: 1,
      funderNeeds: 2n * 10n ** 18n,
      funder: { balance: 1n },
    }
    expect(codes(facts({ funding: 'transfer' }, { funding: poor }))).toContain('funder-short')
  })

  it('interval mining: a target rate above what blocks can hold', () => {
    // 30M / 21k = 1428 transfers a block, one block every 2 s: ~714 tx/s.
    expect(codes(facts({ rate: 1000, mining: 'interval', blockTime: 2 }, { mining: 'interval' }))).toContain(
      'rate-above-block-capacity',
    )
    expect(codes(facts({ rate: 500, mining: 'interval', blockTime: 2 }, { mining: 'interval' }))).not.toContain(
      'rate-above-block-capacity',
    )
  })
})
