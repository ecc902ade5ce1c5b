import { describe, expect, it } from 'vitest'
import { confirmationAnswers, isChainConfirmed, suggestedAnswer } from './chain-confirm'

const mainnet = { chainId: 1, devChain: false, publicMainnet: 'Ethereum mainnet' }
const unknown = { chainId: 98765, devChain: false, publicMainnet: null }
const base = { chainId: 8453, devChain: false, publicMainnet: 'Base' }

describe('typed confirmation of a chain that is not a local dev chain', () => {
  it('Ethereum mainnet: its id, "mainnet", "ethereum" or its full name', () => {
    expect(confirmationAnswers(mainnet)).toEqual(['1', 'mainnet', 'ethereum', 'ethereum mainnet'])
    for (const typed of ['1', ' mainnet ', 'Mainnet', 'ETHEREUM', 'Ethereum mainnet'])
      expect(isChainConfirmed(typed, mainnet), typed).toBe(true)
    expect(suggestedAnswer(mainnet)).toBe('mainnet')
  })

  it('anything else does not confirm', () => {
    for (const typed of ['', 'yes', '01', '1.0', 'main', '31337', 'mainnet!'])
      expect(isChainConfirmed(typed, mainnet), typed).toBe(false)
    expect(isChainConfirmed('1', unknown)).toBe(false)
  })

  it('other chains: the id, or a public mainnet name', () => {
    expect(isChainConfirmed('98765', unknown)).toBe(true)
    expect(suggestedAnswer(unknown)).toBe('98765')
    expect(isChainConfirmed('base', base)).toBe(true)
    expect(isChainConfirmed('8453', base)).toBe(true)
    expect(suggestedAnswer(base)).toBe('8453')
  })
})
