import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, test, vi } from 'vitest'
import type { TxRow } from '../../services/live/frames'
import type { RunReport } from '../../services/metrics/report'
import { withTestNode } from '../helpers/anvil'
import type { AppServer } from './support/app-server'
import { screenshot } from './support/browser'
import { withBrowserApp } from './support/browser-app'
import { projectRoot } from './support/paths'
import { landOnRunPage, waitForPreview, waitForRunPageTerminal } from './support/test-form'

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 })

/** The node the run goes to: the test reads its receipts to check the page's counters. */
const testNode = withTestNode()

const e18 = '000000000000000000'
const supply = `1000000${e18}`
const maxUint = `0x${'f'.repeat(64)}`

/** An argument as the user sets it: a fixed value (text), or a generator and its inputs. */
type Arg =
  | string
  | { kind: 'random'; min: string; max: string }
  | { kind: 'now'; plus: string }
  | { kind: 'contract'; contract: string }
  | { kind: 'balanceFraction'; contract: string; fraction: string }
  | { kind: 'sender' }
  | { kind: 'account' }

/** The calls of examples/amm-swaps.yaml, as rows of the form (label, contract, signature, args, weight). */
const calls: { name: string; contract: string; fn: string; args: Arg[]; weight: string }[] = [
  {
    name: 'swap A→B',
    contract: 'Pool',
    fn: 'swap(address,uint256,uint256,address,uint256)',
    args: [
      { kind: 'contract', contract: 'TokenA' },
      { kind: 'random', min: `1${e18}`, max: `100${e18}` },
      '0',
      '{{sender}}',
      { kind: 'now', plus: '600' },
    ],
    weight: '30',
  },
  {
    name: 'swap B→A',
    contract: 'Pool',
    fn: 'swap(address,uint256,uint256,address,uint256)',
    args: [
      '{{TokenB}}',
      { kind: 'random', min: `1${e18}`, max: `100${e18}` },
      '0',
      { kind: 'sender' },
      { kind: 'now', plus: '600' },
    ],
    weight: '30',
  },
  {
    name: '',
    contract: 'Pool',
    fn: 'addLiquidity(uint256,uint256,uint256,uint256)',
    args: [
      { kind: 'random', min: `1${e18}`, max: `50${e18}` },
      { kind: 'random', min: `1${e18}`, max: `50${e18}` },
      '0',
      { kind: 'now', plus: '600' },
    ],
    weight: '10',
  },
  {
    name: '',
    contract: 'Pool',
    fn: 'removeLiquidity(uint256,uint256,uint256,uint256)',
    args: [{ kind: 'balanceFraction', contract: 'Pool', fraction: '0.05' }, '0', '0', { kind: 'now', plus: '600' }],
    weight: '5',
  },
  {
    name: '',
    contract: 'TokenA',
    fn: 'transfer(address,uint256)',
    args: [{ kind: 'account' }, { kind: 'random', min: `1${e18}`, max: `10${e18}` }],
    weight: '25',
  },
]
const labels = ['swap A→B', 'swap B→A', 'Pool.addLiquidity', 'Pool.removeLiquidity', 'TokenA.transfer']

/** The set-up of examples/amm-swaps.yaml: tokens to every sender, approvals, first liquidity. */
const steps: {
  contract: string
  fn: string
  args: Arg[]
  forEach: boolean
  from?: string
  expect?: [string, string]
}[] = [
  {
    contract: 'TokenA',
    fn: 'transfer(address,uint256)',
    args: ['{{sender}}', `10000${e18}`],
    forEach: true,
    from: 'deployer',
  },
  {
    contract: 'TokenB',
    fn: 'transfer(address,uint256)',
    args: ['{{sender}}', `10000${e18}`],
    forEach: true,
    from: 'deployer',
  },
  {
    contract: 'TokenA',
    fn: 'approve(address,uint256)',
    args: ['{{Pool}}', maxUint],
    forEach: true,
    expect: ['equals', 'true'],
  },
  {
    contract: 'TokenB',
    fn: 'approve(address,uint256)',
    args: ['{{Pool}}', maxUint],
    forEach: true,
    expect: ['equals', 'true'],
  },
  {
    contract: 'Pool',
    fn: 'addLiquidity(uint256,uint256,uint256,uint256)',
    args: [`100000${e18}`, `100000${e18}`, '0', { kind: 'now', plus: '600' }],
    forEach: false,
  },
  {
    contract: 'Pool',
    fn: 'addLiquidity(uint256,uint256,uint256,uint256)',
    args: [`100${e18}`, `100${e18}`, '1', { kind: 'now', plus: '600' }],
    forEach: true,
    expect: ['atLeast', '1'],
  },
]

type Counter = { label: string; txs: number; sent: number; mined: number; reverted: number; failed: number }

async function counters(page: Page): Promise<Counter[]> {
  return page.getByTestId('call-counter-row').evaluateAll((rows) =>
    rows.map((r) => ({
      label: r.getAttribute('data-label') ?? '',
      txs: Number(r.getAttribute('data-txs')),
      sent: Number(r.getAttribute('data-sent')),
      mined: Number(r.getAttribute('data-mined')),
      reverted: Number(r.getAttribute('data-reverted')),
      failed: Number(r.getAttribute('data-failed')),
    })),
  )
}

async function rpc<T>(url: string, method: string, params: unknown[]): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  return ((await res.json()) as { result: T }).result
}

describe('workload editor, preview and live per-call counters in a real browser', () => {
  let app: AppServer
  let page: Page
  let pageErrors: string[] = []
  withBrowserApp((s) => {
    ;({ app, page, pageErrors } = s)
  })

  /** The config the form sends, as its last preview request carried it. */
  let lastPreviewBody: string | null = null
  const sentConfig = () => JSON.parse(lastPreviewBody ?? 'null') as Record<string, unknown>

  const fill = (testId: string, value: string) => page.getByTestId(testId).fill(value)
  const select = (testId: string, value: string) => page.getByTestId(testId).selectOption(value)

  async function setArg(base: string, a: Arg) {
    if (typeof a === 'string') {
      await select(`field-${base}.kind`, 'fixed')
      return fill(`field-${base}.value`, a)
    }
    await select(`field-${base}.kind`, a.kind)
    if (a.kind === 'random') {
      await fill(`field-${base}.min`, a.min)
      await fill(`field-${base}.max`, a.max)
    } else if (a.kind === 'now') await fill(`field-${base}.plus`, a.plus)
    else if (a.kind === 'contract') await select(`field-${base}.contract`, a.contract)
    else if (a.kind === 'balanceFraction') {
      await select(`field-${base}.contract`, a.contract)
      await fill(`field-${base}.fraction`, a.fraction)
    }
  }

  /** Contract, function (once its ABI is read) and arguments of a set-up step or call row. */
  async function setCall(field: string, contract: string, fn: string, args: Arg[]) {
    await select(`field-${field}.contract`, contract)
    const picker = page.getByTestId(`field-${field}.function`)
    await expect.poll(() => picker.isEnabled(), { timeout: 20_000 }).toBe(true)
    await picker.selectOption(fn)
    for (const [j, a] of args.entries()) await setArg(`${field}.args[${j}]`, a)
  }

  let savedId: string | null = null
  let runId = ''

  test('builds the AMM workload of examples/amm-swaps.yaml in the form, one token uploaded as an artifact', async () => {
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/preview') lastPreviewBody = r.postData()
    })
    await page.goto(`${app.baseUrl}/test`)
    await fill('field-name', 'e2e amm workload')
    await select('field-scenario.name', 'workload')
    await page.getByTestId('fieldset-workload-editor').waitFor()

    // Contracts: a built-in token, the same token as an uploaded artifact, the built-in pool over both.
    await fill('contract-0-name', 'TokenA')
    expect(await page.getByTestId('contract-0-ctor-defaults').textContent()).toContain(supply)
    await page.getByTestId('add-contract').click()
    await fill('contract-1-name', 'TokenB')
    await page.getByTestId('contract-1-source-artifact').check()
    const dir = mkdtempSync(join(tmpdir(), 'evm-stress-e2e-'))
    const artifactFile = join(dir, 'StressToken.json')
    copyFileSync(join(projectRoot, 'contracts/out/StressToken.json'), artifactFile)
    await page.getByTestId('contract-1-upload-input').setInputFiles(artifactFile)
    // Read by the server, it is kept as ABI + bytecode; its constructor's parameter gets an input.
    const ctorB = 'scenario.contracts.TokenB.constructorArgs[0]'
    await page.getByTestId(`field-${ctorB}.value`).waitFor({ timeout: 20_000 })
    await fill(`field-${ctorB}.value`, supply)
    expect(await page.getByTestId('field-scenario.contracts.TokenB.artifact').inputValue()).not.toContain('"ast"')
    await page.getByTestId('add-contract').click()
    await fill('contract-2-name', 'Pool')
    await select('field-scenario.contracts.Pool.builtin', 'ConstantProductPool')
    await setArg('scenario.contracts.Pool.constructorArgs[0]', { kind: 'contract', contract: 'TokenA' })
    await setArg('scenario.contracts.Pool.constructorArgs[1]', '{{TokenB}}')

    // Set-up steps, in order.
    for (const [i, s] of steps.entries()) {
      await page.getByTestId('add-step').click()
      const field = `scenario.setup[${i}]`
      await setCall(field, s.contract, s.fn, s.args)
      if (s.forEach) await page.getByTestId(`field-${field}.forEach`).check()
      if (s.from) await select(`field-${field}.from`, s.from)
      if (s.expect) {
        await select(`field-${field}.expect`, s.expect[0])
        await fill(`field-${field}.expect.${s.expect[0]}`, s.expect[1])
      }
    }

    // Calls: the first row is there already (its contract followed the rename Token → TokenA).
    expect(await page.getByTestId('field-scenario.calls[0].contract').inputValue()).toBe('TokenA')
    for (const [i, c] of calls.entries()) {
      if (i > 0) await page.getByTestId('add-call').click()
      const field = `scenario.calls[${i}]`
      await setCall(field, c.contract, c.fn, c.args)
      await fill(`field-${field}.name`, c.name)
      await fill(`field-${field}.weight`, c.weight)
    }
    const shares = await Promise.all(calls.map((_, i) => page.getByTestId(`call-${i}-share`).textContent()))
    expect(shares).toEqual([
      '30 % of the load',
      '30 % of the load',
      '10 % of the load',
      '5.0 % of the load',
      '25 % of the load',
    ])

    // Checks after the run.
    const checks: [string, string, string][] = [
      ['Pool', 'kPerShare()', 'notDecreased'],
      ['TokenA', 'totalSupply()', 'unchanged'],
      ['TokenB', 'totalSupply()', 'unchanged'],
    ]
    for (const [i, [contract, fn, expectation]] of checks.entries()) {
      await page.getByTestId('add-check').click()
      await select(`field-scenario.checks[${i}].contract`, contract)
      await select(`field-scenario.checks[${i}].call`, fn)
      await select(`field-scenario.checks[${i}].expect`, expectation)
    }

    // Small, and slow enough that the counters are seen rising.
    await fill('field-txs', '300')
    await fill('field-accounts', '5')
    await fill('field-concurrency', '20')
    await fill('field-rate', '60')
    await page.getByTestId('advanced-toggle').click()
    await fill('field-rpcUrl', testNode.anvil.rpcUrl)
    await waitForPreview(page, 300, 60_000)
    await screenshot(page, 'workload-editor')
    await page.screenshot({ path: '/tmp/workload-editor.png', fullPage: true })
  })

  test('field errors come back next to their fields: the schema in the browser, the compile from the preview', async () => {
    // The schema: a weight must be more than 0.
    await fill('field-scenario.calls[4].weight', '0')
    await page.getByTestId('error-scenario.calls[4].weight').waitFor()
    expect(await page.getByTestId('error-scenario.calls[4].weight').textContent()).toContain('must be more than 0')
    await fill('field-scenario.calls[4].weight', '25')
    // The compile: two calls with one name.
    await fill('field-scenario.calls[1].name', 'swap A→B')
    await page.getByTestId('error-scenario.calls[1].name').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('error-scenario.calls[1].name').textContent()).toContain('names two calls')
    await fill('field-scenario.calls[1].name', 'swap B→A')
    await waitForPreview(page, 300, 60_000)
  })

  test('the YAML view follows the rows and the rows follow it; text that does not parse leaves the rows alone', async () => {
    await page.getByTestId('workload-raw-toggle').click()
    const raw = page.getByTestId('workload-raw-text')
    const text = await raw.inputValue()
    expect(text).toContain('name: workload')
    expect(text).toContain('ConstantProductPool')
    expect(text).toContain('weight: 25')
    await raw.fill(text.replace('weight: 25', 'weight: 75'))
    await expect.poll(() => page.getByTestId('field-scenario.calls[4].weight').inputValue()).toBe('75')
    expect(await page.getByTestId('call-4-share').textContent()).toBe('50 % of the load')
    await raw.fill(`${text}\ncalls: [`)
    await page.getByTestId('workload-raw-error').waitFor()
    expect(await page.getByTestId('call-row-4').count()).toBe(1)
    expect(await page.getByTestId('field-scenario.calls[4].weight').inputValue()).toBe('75')
    await raw.fill(text)
    await expect.poll(() => page.getByTestId('field-scenario.calls[4].weight').inputValue()).toBe('25')
    expect(await page.getByTestId('workload-raw-error').count()).toBe(0)
    await page.getByTestId('workload-raw-toggle').click()
    await waitForPreview(page, 300, 60_000)
  })

  test('the preview shows the deploy order, the set-up txs, the shares and the first calls by name', async () => {
    const order = await page
      .getByTestId('preview-deploy-order')
      .locator('li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))
    expect(order.indexOf('Pool')).toBe(2)
    expect(await page.getByTestId('preview-deploy-Pool').textContent()).toMatch(/after TokenA, TokenB.*gas/)
    // 5 per-sender steps × 5 senders + one first liquidity.
    expect(await page.getByTestId('preview-setup-total').textContent()).toContain('26 set-up tx')
    const mix = await page
      .getByTestId('preview-mix')
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-label'), r.querySelector('td:last-child')?.textContent]),
      )
    expect(mix).toEqual([
      ['swap A→B', '30 %'],
      ['swap B→A', '30 %'],
      ['Pool.addLiquidity', '10 %'],
      ['Pool.removeLiquidity', '5.0 %'],
      ['TokenA.transfer', '25 %'],
    ])
    const samples = await page.getByTestId('preview-samples').textContent()
    expect(samples).toMatch(/\{\{Token[AB]\}\}|\{\{Pool\}\}|TokenA\.transfer/)
    await screenshot(page, 'workload-preview')
    await page.getByTestId('preview').screenshot({ path: '/tmp/workload-preview.png' })
  })

  test('saves the test, launches it, and the live page counts every call as the chain has it', async () => {
    await page.getByTestId('save-test').click()
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="save-status"]')?.textContent?.startsWith('Saved'),
    )
    savedId = new URL(page.url()).searchParams.get('saved')
    expect(savedId).toBeTruthy()
    const sent = sentConfig()
    expect(sent.scenario).toMatchObject({ name: 'workload' })

    await page.getByTestId('launch').click()
    runId = await landOnRunPage(page)
    await page.getByTestId('call-counters').waitFor({ timeout: 60_000 })
    // Every total the panel shows, as it changes: it must be seen rising, not only at its end.
    await page.evaluate(() => {
      const seen: number[] = []
      ;(window as unknown as { __totals: number[] }).__totals = seen
      const read = () => {
        const rows = [...document.querySelectorAll('[data-testid="call-counter-row"]')]
        const total = rows.reduce(
          (n, r) => n + Number(r.getAttribute('data-mined')) + Number(r.getAttribute('data-reverted')),
          0,
        )
        if (seen.at(-1) !== total) seen.push(total)
      }
      read()
      new MutationObserver(read).observe(document.body, { subtree: true, attributes: true, childList: true })
    })
    await waitForRunPageTerminal(page, 240_000)
    await page.waitForFunction(
      () => document.querySelector('[data-testid="stream-status"]')?.textContent?.includes('ended'),
      null,
      { timeout: 60_000, polling: 200 },
    )
    await page.getByTestId('call-counters').screenshot({ path: '/tmp/workload-live-counters.png' })
    await screenshot(page, 'workload-live')
    await page.screenshot({ path: '/tmp/workload-live.png', fullPage: true })

    const totals = await page.evaluate(() => (window as unknown as { __totals: number[] }).__totals)
    expect(totals.some((t) => t > 0 && t < 300)).toBe(true)
    const live = await counters(page)
    expect(live.map((c) => c.label)).toEqual(labels)
    for (const c of live) expect(c.mined + c.reverted + c.failed).toBe(c.txs)
    expect(live.reduce((n, c) => n + c.txs, 0)).toBe(300)

    // The chain's receipts of the run's txs, by label: what the panel must say.
    const res = await fetch(`${app.baseUrl}/api/runs/${runId}/txs?limit=1000`)
    const { rows } = (await res.json()) as { rows: TxRow[] }
    const planned = rows.filter((r) => r.role === 'planned')
    expect(planned).toHaveLength(300)
    const onChain = new Map<string, { mined: number; reverted: number; ended: number }>()
    for (const r of planned) {
      const c = onChain.get(r.label) ?? { mined: 0, reverted: 0, ended: 0 }
      c.ended++
      if (r.hash) {
        const receipt = await rpc<{ status: string } | null>(testNode.anvil.rpcUrl, 'eth_getTransactionReceipt', [
          r.hash,
        ])
        if (receipt?.status === '0x1') c.mined++
        if (receipt?.status === '0x0') c.reverted++
      }
      onChain.set(r.label, c)
    }
    for (const c of live) {
      const chain = onChain.get(c.label)
      expect({ label: c.label, mined: c.mined, reverted: c.reverted, txs: c.txs }).toEqual({
        label: c.label,
        mined: chain?.mined,
        reverted: chain?.reverted,
        txs: chain?.ended,
      })
    }
    expect(live.reduce((n, c) => n + c.mined, 0)).toBeGreaterThan(0)

    // After a reload the counters come from the report: the same numbers.
    const report = (await (await fetch(`${app.baseUrl}/api/runs/${runId}/report.json`)).json()) as RunReport
    for (const f of report.functions.filter((x) => x.role === 'planned')) {
      const c = live.find((x) => x.label === f.label)
      expect({ mined: c?.mined, reverted: c?.reverted, txs: c?.txs }).toEqual({
        mined: f.mined,
        reverted: f.reverted,
        txs: f.count,
      })
    }
    await page.reload()
    await page.getByTestId('call-counters').waitFor()
    await expect.poll(async () => (await counters(page)).reduce((n, c) => n + c.txs, 0), { timeout: 30_000 }).toBe(300)
    const reloaded = await counters(page)
    const byLabel = (list: Counter[]) => Object.fromEntries(list.map((c) => [c.label, c]))
    expect(byLabel(reloaded)).toEqual(byLabel(live))
  })

  test('the saved test reloads into the form as the same workload', async () => {
    const before = sentConfig()
    lastPreviewBody = null
    await page.goto(`${app.baseUrl}/test?saved=${encodeURIComponent(savedId ?? '')}`)
    await waitForPreview(page, 300, 60_000)
    await expect.poll(() => lastPreviewBody !== null).toBe(true)
    expect(sentConfig()).toEqual(before)
    expect(await page.getByTestId('contract-1-source-artifact').isChecked()).toBe(true)
    expect(await page.getByTestId('step-row-5').count()).toBe(1)
    expect(await page.getByTestId('field-scenario.calls[3].function').inputValue()).toBe(
      'removeLiquidity(uint256,uint256,uint256,uint256)',
    )
    expect(pageErrors).toEqual([])
  })
})
