import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { deriveAccounts } from '../../services/accounts/derive'
import { type AppServer, startApp } from './support/app-server'
import { waitForTerminal } from './support/runs-api'

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 })

const mnemonic = 'legal winner thank year wave sausage worth useful legal winner thank yellow'

describe('keys stay on the server', () => {
  let app: AppServer

  beforeAll(async () => {
    app = await startApp()
  })
  afterAll(async () => {
    await app?.stop()
  })

  test('no API response or server log carries the mnemonic or a private key; accounts match the chain', async () => {
    const started = await fetch(`${app.baseUrl}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ txs: 60, accounts: 4, mnemonic }),
    })
    expect(started.status).toBe(201)
    const { id } = (await started.json()) as { id: string }
    await waitForTerminal(app.baseUrl, id)

    const bodies: string[] = []
    for (const path of [`/api/runs/${id}`, '/api/runs', `/api/runs/${id}/accounts`, '/api/node', `/runs/${id}`, '/'])
      bodies.push(await (await fetch(`${app.baseUrl}${path}`)).text())
    const everything = [...bodies, app.output()].join('\n')

    const secrets = [mnemonic, ...deriveAccounts(mnemonic, 4).map((a) => a.privateKey)]
    for (const secret of secrets) {
      expect(everything).not.toContain(secret)
      expect(everything.toLowerCase()).not.toContain(secret.slice(2).toLowerCase())
    }
    expect(everything).not.toContain('legal winner thank')

    const accounts = JSON.parse(bodies[2] as string) as {
      live: boolean
      accounts: { address: string; onChainNonce: number; localNonce: number; balanceWei: string; inFlight: number }[]
    }
    expect(accounts.live).toBe(false)
    expect(accounts.accounts.map((a) => a.address)).toEqual(deriveAccounts(mnemonic, 4).map((a) => a.address))
    for (const a of accounts.accounts) {
      expect(a.onChainNonce).toBe(a.localNonce)
      expect(a.inFlight).toBe(0)
      expect(BigInt(a.balanceWei)).toBeGreaterThan(0n)
    }
  })
})
