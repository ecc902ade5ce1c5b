import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { withTestNode } from '../helpers/anvil'
import { startRpcProxy } from '../helpers/rpc-proxy'
import type { AppServer } from './support/app-server'
import { screenshot } from './support/browser'
import { withBrowserApp } from './support/browser-app'
import { getRun, waitForTerminal } from './support/runs-api'
import { landOnRunPage, waitForPreview, waitForRunPageTerminal } from './support/test-form'

vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 })

// An Anvil that says it is chain 1, behind a proxy that hides every Anvil method: to the app it is
// Ethereum mainnet (as in test/integration/chain-guard.test.ts).
const testNode = withTestNode(['--chain-id', '1'])
const anvilOnly = [
  'anvil_getAutomine',
  'anvil_setBalance',
  'anvil_nodeInfo',
  'web3_clientVersion',
  'anvil_impersonateAccount',
]
const sends = ['eth_sendRawTransaction', 'eth_sendTransaction']

describe('a run on a chain that is not a local dev chain', () => {
  let app: AppServer
  let page: Page
  let pageErrors: string[] = []
  let proxy: Awaited<ReturnType<typeof startRpcProxy>>

  withBrowserApp((s) => {
    ;({ app, page, pageErrors } = s)
  })
  beforeAll(async () => {
    proxy = await startRpcProxy(testNode.anvil.rpcUrl, { refuse: new Set(anvilOnly) })
  })
  afterAll(async () => {
    await proxy?.close()
  })

  test('without the confirmation the server refuses before anything is signed', async () => {
    const res = await fetch(`${app.baseUrl}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'sequential', txs: 2, accounts: 1, rpcUrl: proxy.url }),
    })
    expect(res.status).toBe(201)
    const run = await waitForTerminal(app.baseUrl, ((await res.json()) as { id: string }).id)
    expect(run.status).toBe('failed')
    expect(JSON.stringify(run)).toContain('NOT_A_DEV_CHAIN')
    expect(proxy.seen.filter((m) => sends.includes(m))).toEqual([])
  })

  test('the form shows the cost, blocks Launch until the chain is typed, then the run starts', async () => {
    await page.goto(`${app.baseUrl}/test`)
    await page.getByTestId('template-sequential').click()
    await page.getByTestId('field-txs').fill('3')
    await page.getByTestId('field-accounts').fill('1')
    await page.getByTestId('advanced-toggle').click()
    await page.getByTestId('field-rpcUrl').fill(proxy.url)
    await waitForPreview(page, 3)

    const confirm = page.getByTestId('chain-confirm')
    await confirm.waitFor()
    expect(await page.getByTestId('chain-confirm-title').textContent()).toBe(
      'Ethereum mainnet (chain 1): this run spends real money.',
    )
    expect(await confirm.getAttribute('class')).toContain('chain-confirm-mainnet')
    expect(await page.getByTestId('chain-confirm-cost').textContent()).toMatch(/^[0-9.]+ ETH$/)
    expect(await page.getByTestId('chain-confirm-max').textContent()).toMatch(/^[0-9.]+ ETH$/)
    expect(await page.getByTestId('preview-warning-non-dev-chain').textContent()).toContain('Ethereum mainnet')
    const launch = page.getByTestId('launch')
    expect(await launch.isDisabled()).toBe(true)
    expect(await page.getByTestId('launch-note').textContent()).toBe('Confirm the chain above first')

    const input = page.getByTestId('chain-confirm-input')
    for (const wrong of ['yes', '31337', 'main']) {
      await input.fill(wrong)
      expect(await input.getAttribute('aria-invalid')).toBe('true')
      expect(await launch.isDisabled(), wrong).toBe(true)
    }
    await input.fill('mainnet')
    await page.waitForFunction(() => !(document.querySelector('[data-testid="launch"]') as HTMLButtonElement).disabled)
    expect(await page.getByTestId('chain-confirm-status').textContent()).toContain('Confirmed')
    await screenshot(page, 'test-form-non-dev-chain')
    expect(proxy.seen.filter((m) => sends.includes(m))).toEqual([])

    await launch.click()
    const id = await landOnRunPage(page)
    expect(await waitForRunPageTerminal(page)).toBe('completed')
    const run = await getRun(app.baseUrl, id)
    expect(run.counts.mined).toBe(3)
    expect((run.config as { allowNonDevChain?: boolean }).allowNonDevChain).toBe(true)
    expect(proxy.seen).toContain('eth_sendRawTransaction')
  })

  test('changing to the local node drops the confirmation; the typed answer does not carry over', async () => {
    await page.goto(`${app.baseUrl}/test`)
    await page.getByTestId('template-sequential').click()
    await page.getByTestId('advanced-toggle').click()
    await page.getByTestId('field-rpcUrl').fill(proxy.url)
    await page.getByTestId('chain-confirm').waitFor()
    await page.getByTestId('chain-confirm-input').fill('1')
    await page.getByTestId('field-rpcUrl').fill('')
    await page.getByTestId('chain-confirm').waitFor({ state: 'detached' })
    await waitForPreview(page)
    expect(await page.getByTestId('launch').isEnabled()).toBe(true)
    expect(pageErrors).toEqual([])
  })
})
