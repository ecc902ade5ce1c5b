import { describe, expect, it } from 'vitest'
import { parseTestConfig, publicConfig } from '@/services/config/parse'
import { configToDraft } from './config-to-draft'
import { draftToConfig } from './draft-to-config'
import { templates } from './templates'

/** A saved test comes back as the server stores it: parsed, every default filled in, JSON. */
const stored = (config: unknown) => publicConfig(parseTestConfig(config))

describe('form draft ↔ config', () => {
  it.each(templates.map((t) => [t.id, t.config] as const))('template %s survives the round trip', (_id, config) => {
    // The form states the two enums it always shows (rotation: not in multi-user mode, where it means nothing).
    const stated = { funding: 'auto', ...(config.mode === 'multi-user' ? {} : { rotation: 'round-robin' }) }
    expect(draftToConfig(configToDraft(config))).toEqual({ ...stated, ...config })
  })

  it.each(templates.map((t) => [t.id, t.config] as const))(
    'template %s, as stored, loads back unchanged',
    (_id, config) => {
      const saved = stored(config)
      expect(stored(draftToConfig(configToDraft(saved)))).toEqual(saved)
    },
  )

  it('keeps what the form has no control for, and every generator and target kind', () => {
    const config = {
      name: 'all of it',
      mode: 'concurrent',
      txs: 100,
      stages: [{ durationMs: 1000, rate: 5 }],
      impersonate: ['0x00000000000000000000000000000000000000aa'],
      scenario: {
        name: 'custom-call',
        target: { address: `0x${'11'.repeat(20)}`, abi: [{ type: 'function', name: 'f', inputs: [], outputs: [] }] },
        function: 'f(uint8,address,uint256,bytes32,address,uint64)',
        args: [
          { kind: 'sequence', start: '3', step: '2' },
          { kind: 'sender' },
          { kind: 'random', min: '1', max: '9' },
          { kind: 'oneOf', values: ['0x01', '0x02'] },
          { kind: 'account', index: 2 },
          '42',
        ],
        value: '0',
        seed: 7,
      },
    }
    const back = draftToConfig(configToDraft(config))
    expect(back).toMatchObject({ stages: config.stages, impersonate: config.impersonate })
    expect(back.scenario).toEqual({
      ...config.scenario,
      args: [...config.scenario.args.slice(0, 5), { kind: 'fixed', value: '42' }],
    })
    const artifact = { artifact: { abi: [], bytecode: '0x00' }, contractName: 'C', constructorArgs: ['1', '0x02'] }
    const withArtifact = { ...config, scenario: { ...config.scenario, target: artifact } }
    expect((draftToConfig(configToDraft(withArtifact)).scenario as { target: unknown }).target).toEqual(artifact)
  })

  it('transaction types: one or all five in the select; another mix and other blob options ride along as loaded', () => {
    const all = {
      txType: { legacy: 1, eip2930: 1, eip1559: 1, eip4844: 1, eip7702: 1 },
      accessList: 'generated',
      blobs: { perTx: 3 },
    }
    const d = configToDraft(all)
    expect(d).toMatchObject({ txType: 'all', accessList: 'generated', blobsPerTx: '3' })
    expect(d.extra).toEqual({})
    expect(draftToConfig(d)).toMatchObject(all)
    // The options of a type not chosen are not sent.
    expect(draftToConfig({ ...d, txType: 'legacy' })).not.toHaveProperty('blobs')
    expect(draftToConfig({ ...d, txType: 'legacy' })).not.toHaveProperty('accessList')
    const mix = { txType: { legacy: 1, eip4844: 3 }, blobs: { perTx: 2, data: '0xabcd' } }
    const m = configToDraft(mix)
    expect(m.txType).toBe('')
    expect(m.extra).toEqual(mix)
    expect(draftToConfig(m)).toMatchObject(mix)
  })

  it('sends numbers as numbers, blanks as absent, and text that is no number as typed (the schema names it)', () => {
    const draft = configToDraft({})
    const config = draftToConfig({ ...draft, txs: ' 12 ', accounts: '', concurrency: '1e3', rate: 'fast' })
    expect(config).toMatchObject({ txs: 12, concurrency: 1000, rate: 'fast' })
    expect(config).not.toHaveProperty('accounts')
  })
})
