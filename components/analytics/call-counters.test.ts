import { describe, expect, it } from 'vitest'
import { plannedShares } from './call-counters'

describe('planned shares of a workload run', () => {
  it('labels each call row as the server does, with weight ÷ Σ weights', () => {
    const config = {
      scenario: {
        name: 'workload',
        calls: [
          { name: 'swap', contract: 'Pool', function: 'swap', weight: 3 },
          { contract: 'Token', function: 'transfer(address,uint256)', weight: 1 },
        ],
      },
    }
    expect(plannedShares(config as never)).toEqual([
      { label: 'swap', share: 0.75 },
      { label: 'Token.transfer', share: 0.25 },
    ])
    expect(plannedShares({ scenario: { name: 'transfer' } } as never)).toBeNull()
  })
})
