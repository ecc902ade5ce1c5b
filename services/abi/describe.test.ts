import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors/base'
import { describeContract } from './describe'

const fixture = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')

describe('describeContract', () => {
  it('lists functions with typed inputs, the constructor and the bytecode of an artifact', () => {
    const result = describeContract({ source: fixture('../../contracts/out/StressToken.json') })
    if (result.kind !== 'contract') throw new Error('expected a contract')
    const c = result.contract
    expect(c.contractName).toBe('StressToken')
    expect(c.bytecode).toMatch(/^0x[0-9a-f]+$/)
    expect(c.constructorInputs.map((p) => p.type)).toEqual(['uint256'])
    const transfer = c.functions.find((f) => f.signature === 'transfer(address,uint256)')
    expect(transfer).toMatchObject({ selector: '0xa9059cbb', readOnly: false, stateMutability: 'nonpayable' })
    expect(transfer?.inputs.map((p) => p.type)).toEqual(['address', 'uint256'])
    expect(c.functions.find((f) => f.name === 'balanceOf')?.readOnly).toBe(true)
  })

  it('asks which contract of a solc output with several, then describes the one picked', () => {
    const solc = fixture('./fixtures/solc-output.json')
    const choose = describeContract({ source: solc })
    expect(choose.kind).toBe('choose')
    if (choose.kind !== 'choose') return
    const picked = describeContract({ source: solc, contractName: choose.contracts.at(-1) })
    expect(picked.kind).toBe('contract')
  })

  it('names source or contractName in its errors', () => {
    const fields = (body: unknown) => {
      try {
        describeContract(body)
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError)
        return (e as ConfigError).issues.map((i) => i.field)
      }
      throw new Error('expected a ConfigError')
    }
    expect(fields({ source: '[{' })).toEqual(['source'])
    expect(fields({ source: 5 })).toEqual(['source'])
    expect(fields({ source: '[]', contractName: '' })).toEqual(['contractName'])
    expect(fields({ source: '[]', more: 1 })).toEqual(['more'])
    expect(fields({ source: fixture('./fixtures/solc-output.json'), contractName: 'Nope' })).toEqual(['source'])
  })
})
