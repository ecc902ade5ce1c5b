import { describe, expect, it } from 'vitest'
import { findFunction } from './find-function'
import solcOutput from './fixtures/solc-output.json'
import { loadContractInterface } from './load-abi'
import { issueOf } from './test-helpers'

const { abi } = loadContractInterface(solcOutput, { contractName: 'Vault' })

describe('findFunction', () => {
  it('finds by name, and says a write is a transaction', () => {
    const found = findFunction(abi, 'withdraw')
    expect(found).toMatchObject({ signature: 'withdraw(uint256)', selector: '0x2e1a7d4d', readOnly: false })
    expect(found.fn.name).toBe('withdraw')
  })

  it('says view/pure functions are reads', () => {
    expect(findFunction(abi, 'balanceOf').readOnly).toBe(true)
    expect(findFunction(abi, 'place').readOnly).toBe(true)
    expect(findFunction(abi, 'deposit').readOnly).toBe(false)
  })

  it('finds by signature, with or without names, spaces and the uint alias', () => {
    const want = 'safeTransferFrom(address,address,uint256,bytes)'
    for (const ref of [
      want,
      'safeTransferFrom(address, address, uint256, bytes)',
      'safeTransferFrom(address from, address to, uint id, bytes data)',
      'function safeTransferFrom(address,address,uint256,bytes)',
    ])
      expect(findFunction(abi, ref).signature).toBe(want)
    expect(findFunction(abi, 'place((address,uint96,bytes32),uint8[3])').fn.name).toBe('place')
    expect(findFunction(abi, 'place((address to, uint96 amount, bytes32 tag) order, uint8[3] levels)').fn.name).toBe(
      'place',
    )
  })

  it('finds by selector', () => {
    expect(findFunction(abi, '0x2E1A7D4D').signature).toBe('withdraw(uint256)')
  })

  it('asks which overload when a name has several', () => {
    expect(issueOf(() => findFunction(abi, 'safeTransferFrom'))).toEqual({
      field: 'function',
      message:
        '"safeTransferFrom" is overloaded; pick one: safeTransferFrom(address,address,uint256), safeTransferFrom(address,address,uint256,bytes)',
    })
  })

  it('lists what the ABI has when the function is not there', () => {
    const small = loadContractInterface([
      { type: 'function', name: 'a', inputs: [{ name: 'x', type: 'uint256' }], stateMutability: 'nonpayable' },
      { type: 'function', name: 'b', inputs: [], stateMutability: 'view' },
      { type: 'event', name: 'E', inputs: [] },
    ]).abi
    expect(issueOf(() => findFunction(small, 'foo'))).toEqual({
      field: 'function',
      message: '"foo" is not in the ABI; it has: a(uint256), b()',
    })
  })

  it('shows the overloads of the name when a signature does not match', () => {
    expect(issueOf(() => findFunction(abi, 'withdraw(uint8)')).message).toBe(
      '"withdraw(uint8)" is not in the ABI; "withdraw" has: withdraw(uint256)',
    )
  })

  it('handles empty refs and ABIs without functions', () => {
    expect(issueOf(() => findFunction(abi, '  ')).message).toMatch(/^is empty; it has: balanceOf\(address\)/)
    expect(issueOf(() => findFunction([], 'x')).message).toBe('"x" is not in the ABI; it has no functions')
    expect(issueOf(() => findFunction([], 'x', { field: 'scenario.function' })).field).toBe('scenario.function')
  })

  it('treats a function repeated in a merged ABI as one', () => {
    expect(findFunction([...abi, ...abi], 'withdraw').signature).toBe('withdraw(uint256)')
  })

  it('does not match events or errors by name', () => {
    expect(issueOf(() => findFunction(abi, 'InsufficientBalance')).message).toMatch(/is not in the ABI/)
  })
})
