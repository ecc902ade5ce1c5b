import { describe, expect, it } from 'vitest'
import { emptyArg } from './draft'
import { emptyCall, emptyCheck, emptyContract, emptyStep, type WorkloadDraft } from './workload-draft'
import { expectedShares, moved, renameContract, workloadRowIssues } from './workload-edits'

const workload = (): WorkloadDraft => ({
  contracts: [
    emptyContract('Token'),
    { ...emptyContract('Pool'), constructorArgs: [emptyArg('fixed', '{{Token}}'), emptyArg('fixed', '{{Tokens}}')] },
  ],
  setup: [
    {
      ...emptyStep('Token'),
      args: [emptyArg('fixed', '{{Pool}}'), { ...emptyArg('balanceFraction'), contract: 'Token' }],
    },
  ],
  calls: [{ ...emptyCall('Token'), args: [{ ...emptyArg('contract'), contract: 'Token' }] }, emptyCall('Pool')],
  checks: [{ ...emptyCheck('Token'), args: ['{{Token}}'] }],
  seed: '',
})

describe('workload rows', () => {
  it('a renamed contract takes its references along, and only its own', () => {
    const w = renameContract(workload(), 0, 'TokenA')
    expect(w.contracts.map((c) => c.name)).toEqual(['TokenA', 'Pool'])
    expect(w.contracts[1]?.constructorArgs.map((a) => a.value)).toEqual(['{{TokenA}}', '{{Tokens}}'])
    expect(w.setup[0]?.contract).toBe('TokenA')
    expect(w.setup[0]?.args.map((a) => [a.value, a.contract])).toEqual([
      ['{{Pool}}', ''],
      ['', 'TokenA'],
    ])
    expect(w.calls.map((c) => c.contract)).toEqual(['TokenA', 'Pool'])
    expect(w.calls[0]?.args[0]?.contract).toBe('TokenA')
    expect(w.checks[0]).toMatchObject({ contract: 'TokenA', args: ['{{TokenA}}'] })
  })

  it('a name two rows share is renamed on one row only', () => {
    const w = workload()
    const twice = { ...w, contracts: [...w.contracts, emptyContract('Token')] }
    const renamed = renameContract(twice, 2, 'Other')
    expect(renamed.calls[0]?.contract).toBe('Token')
    expect(workloadRowIssues(twice)).toEqual([
      { field: 'scenario.contracts.Token', message: 'names two contracts; each needs its own name' },
    ])
  })

  it('names {{…}} cannot hold are named', () => {
    const w = { ...workload(), contracts: [emptyContract('1st'), emptyContract('')] }
    expect(workloadRowIssues(w).map((i) => i.field)).toEqual(['scenario.contracts.1st', 'scenario.contracts.'])
  })

  it('moves rows within bounds, and shares follow the weights as typed', () => {
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(moved(['a', 'b'], 0, -1)).toEqual(['a', 'b'])
    expect(expectedShares(['30', '10', '', 'x', '-1'])).toEqual([0.75, 0.25, 0, 0, 0])
  })
})

describe('renaming to a reserved name', () => {
  it('leaves {{sender}} references alone both ways', () => {
    const w = { ...workload(), setup: [{ ...emptyStep('Token'), args: [emptyArg('fixed', '{{sender}}')] }] }
    const there = renameContract(renameContract(w, 0, 'sender'), 0, 'Token')
    expect(there.setup[0]?.args[0]?.value).toBe('{{sender}}')
  })
})
