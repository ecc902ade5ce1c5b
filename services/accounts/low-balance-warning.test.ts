import { type Address, parseEther } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { createEventBus, type RunEvent } from '../testing/events'
import { createLowBalanceWarner, lowBalanceCode } from './low-balance-warning'

const a = privateKeyToAddress(`0x${'11'.repeat(32)}`)
const b = privateKeyToAddress(`0x${'22'.repeat(32)}`)

function warnings(topUp: boolean, calls: Address[]) {
  const bus = createEventBus()
  const seen: RunEvent[] = []
  bus.on('event', (e) => seen.push(e))
  const warner = createLowBalanceWarner({
    bus,
    perTxWei: parseEther('0.001'),
    need: () => parseEther('0.05'),
    topUp,
  })
  for (const address of calls) warner.warn(address)
  return seen.flatMap((e) => (e.type === 'warning' ? [e] : []))
}

describe('low-balance warning', () => {
  it('is given once per account, whatever the case of the address or how often it is noticed', () => {
    const out = warnings(false, [a, a.toLowerCase() as Address, b, a, b])
    expect(out.map((w) => w.code)).toEqual([lowBalanceCode, lowBalanceCode])
    expect(out[0]?.message).toContain(a)
    expect(out[1]?.message).toContain(b)
  })

  it('says what the account needs, and what to do only when nothing refills it', () => {
    const [without] = warnings(false, [a])
    expect(without?.message).toBe(
      `Account ${a} is low on ETH: each of its txs may cost up to 0.001 ETH and its share of the run needs about 0.05 ETH.`,
    )
    expect(without?.hint).toMatch(/Enable topUp/)
    const [withTopUp] = warnings(true, [a])
    expect(withTopUp?.message).toMatch(/0\.05 ETH\. Topping it up\.$/)
    expect(withTopUp?.hint).toBeUndefined()
  })
})
