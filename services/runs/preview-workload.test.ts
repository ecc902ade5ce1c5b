import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Address } from 'viem'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { parseTestConfig } from '../config/parse'
import { compileWorkload } from '../scenarios/workload/compile'
import { namedRefs, placeholderAddress, shapeWorkloadPreview } from './preview-workload'

const example = parse(readFileSync(join(__dirname, '../../examples/amm-swaps.yaml'), 'utf8'))
const senders = Array.from({ length: 3 }, (_, i) => `0x${String(i + 1).padStart(40, '0')}` as Address)

describe('workload preview', () => {
  const w = compileWorkload(parseTestConfig({ ...example, txs: 40, accounts: 3 }))
  const { preview, samples } = shapeWorkloadPreview(w, { senders, senderCount: 3, planned: 40, nowSec: 1_000n })

  it('lists the deploys in reference order, the set-up txs per step and the mix shares', () => {
    expect(preview.deploys.map((d) => [d.name, d.needs])).toEqual([
      ['TokenA', []],
      ['TokenB', []],
      ['Pool', ['TokenA', 'TokenB']],
    ])
    expect(preview.setup.steps.map((s) => [s.label, s.txs])).toEqual([
      ['TokenA.transfer', 3],
      ['TokenB.transfer', 3],
      ['TokenA.approve', 3],
      ['TokenB.approve', 3],
      ['Pool.addLiquidity', 1],
      ['Pool.addLiquidity', 3],
    ])
    expect(preview.setup).toMatchObject({ deploys: 3, txs: 16 })
    expect(preview.mix.map((m) => [m.label, m.share])).toEqual([
      ['swap A→B', 0.3],
      ['swap B→A', 0.3],
      ['Pool.addLiquidity', 0.1],
      ['Pool.removeLiquidity', 0.05],
      ['TokenA.transfer', 0.25],
    ])
    expect(preview.notes).toHaveLength(1)
  })

  it('decodes the first calls as the mix picks them, contracts named as {{Name}}', () => {
    expect(samples).toHaveLength(5)
    samples.forEach((s, i) => {
      expect(s.label).toBe(w.calls[w.mix.pick(i)]!.label)
      expect(s.from).toBe(senders[i % 3])
      expect(s.toLabel).toBe(w.calls[w.mix.pick(i)]!.contract)
    })
    const swap = samples.find((s) => s.label.startsWith('swap'))
    expect(swap?.args?.[0]).toMatch(/^\{\{Token[AB]\}\}$/)
    expect(swap?.args?.[4]).toBe('1600')
  })

  it('maps stand-in addresses back to names anywhere in a value', () => {
    const byAddress = new Map([[placeholderAddress(1).toLowerCase(), 'Pool']])
    expect(namedRefs([placeholderAddress(1), { to: placeholderAddress(1) }, 'x'], byAddress)).toEqual([
      '{{Pool}}',
      { to: '{{Pool}}' },
      'x',
    ])
  })
})
