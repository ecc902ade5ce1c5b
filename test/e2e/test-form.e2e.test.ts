import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, test, vi } from 'vitest'
import type { AppServer } from './support/app-server'
import { collectPageErrors, screenshot } from './support/browser'
import { withBrowserApp } from './support/browser-app'
import { projectRoot } from './support/paths'
import { getRun } from './support/runs-api'
import { fieldValues, landOnRunPage, waitForPreview, waitForRunPageTerminal } from './support/test-form'

vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 })

/** Each template, with the values a user types over its defaults (small, so every run finishes quickly). */
const templateRuns: { id: string; fill: Record<string, string>; planned: number; scenario: string }[] = [
  { id: 'sequential', fill: { txs: '10', accounts: '2' }, planned: 10, scenario: 'transfer' },
  { id: 'concurrent', fill: { txs: '60', accounts: '5', concurrency: '30' }, planned: 60, scenario: 'transfer' },
  { id: 'multi-user', fill: { txs: '20', accounts: '4', delayMs: '10' }, planned: 20, scenario: 'transfer' },
  { id: 'rapid-transfer', fill: { txs: '40', accounts: '4' }, planned: 40, scenario: 'rapid-transfer' },
  { id: 'concurrent-users', fill: { accounts: '4', delayMs: '0' }, planned: 16, scenario: 'concurrent-users' },
  { id: 'batch-operations', fill: { txs: '40', accounts: '4' }, planned: 42, scenario: 'batch-operations' },
  {
    id: 'gas-limit',
    fill: { accounts: '2', 'scenario.rampSteps': '5', 'scenario.fillTxs': '4' },
    planned: 9,
    scenario: 'gas-limit',
  },
  { id: 'custom-call', fill: { txs: '30', accounts: '3' }, planned: 30, scenario: 'custom-call' },
]

/** A contract we pretend is deployed: the calls go to an address without code, which the node mines all the same. */
const customAbi = [
  {
    type: 'function',
    name: 'setLevel',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 'level', type: 'uint8' },
      { name: 'to', type: 'address' },
    ],
    outputs: [],
  },
  { type: 'function', name: 'level', stateMutability: 'view', inputs: [], outputs: [{ name: '', type: 'uint8' }] },
]
const noCode = '0x00000000000000000000000000000000000000aa'

describe('test form in a real browser', () => {
  let app: AppServer
  let page: Page
  let pageErrors: string[] = []

  let browser: Browser
  withBrowserApp((s) => {
    ;({ app, browser, page, pageErrors } = s)
  })

  const fill = async (fields: Record<string, string>) => {
    for (const [key, value] of Object.entries(fields)) await page.getByTestId(`field-${key}`).fill(value)
  }

  test('the nav leads to the form, which opens on the concurrent template with a preview', async () => {
    await page.goto(`${app.baseUrl}/`)
    await page.getByRole('link', { name: 'New test' }).click()
    await page.waitForURL(/\/test$/)
    expect(await page.getByTestId('template-concurrent').getAttribute('aria-pressed')).toBe('true')
    await waitForPreview(page, 1000)
    expect(await page.getByTestId('preview-accounts').textContent()).toBe('20')
    expect(await page.getByTestId('preview-per-account').textContent()).toBe('50')
    expect(await page.getByTestId('preview-sample-0').textContent()).toContain('→')
  })

  test.each(templateRuns)('template $id: fill, preview, launch, land on the run page', async (t) => {
    await page.goto(`${app.baseUrl}/test`)
    await page.getByTestId(`template-${t.id}`).click()
    expect(await page.getByTestId(`template-${t.id}`).getAttribute('aria-pressed')).toBe('true')
    await fill(t.fill)
    await waitForPreview(page, t.planned)
    expect(await page.getByTestId('preview-summary').textContent()).toBeTruthy()
    expect(await page.getByTestId('launch').isEnabled()).toBe(true)
    await screenshot(page, `test-form-${t.id}`)

    await page.getByTestId('launch').click()
    const id = await landOnRunPage(page)
    expect(await waitForRunPageTerminal(page)).toBe('completed')
    const run = await getRun(app.baseUrl, id)
    expect(run.counts.planned).toBe(t.planned)
    expect(run.config.scenario === undefined ? 'transfer' : (run.config.scenario as { name: string }).name).toBe(
      t.scenario,
    )
    const c = run.counts
    expect(c.mined + c.reverted + c.failed + c.dropped + c.cancelled).toBe(c.planned)
  })

  test('a pasted ABI: pick a function, type its args; a bad arg is named inline and blocks launch', async () => {
    await page.goto(`${app.baseUrl}/test`)
    await page.getByTestId('template-custom-call').click()
    await page.getByTestId('target-kind-address').check()
    await fill({ 'scenario.target.address': noCode, 'scenario.target.abi': JSON.stringify(customAbi, null, 2) })
    await page.getByTestId('contract-status').waitFor()
    expect(await page.getByTestId('contract-status').textContent()).toContain('2 function(s), 1 that send')

    await page.getByTestId('field-scenario.function').selectOption('setLevel(uint8,address)')
    // Typed from the ABI: a uint8 takes a value or a range; an address takes a run account by default.
    expect(await page.getByTestId('field-scenario.args[1].kind').inputValue()).toBe('account')
    await fill({ txs: '6', accounts: '2', 'scenario.args[0].value': '300' })

    const error = page.getByTestId('error-scenario.args[0]')
    await error.waitFor()
    expect(await error.textContent()).toContain('must be between 0 and 255')
    expect(await page.getByTestId('field-scenario.args[0].value').getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByTestId('launch').isDisabled()).toBe(true)
    expect(await page.getByTestId('launch-note').textContent()).toContain('1 field to fix')
    await screenshot(page, 'test-form-bad-arg')

    await fill({ 'scenario.args[0].value': '7' })
    await error.waitFor({ state: 'detached' })
    await waitForPreview(page, 6)
    expect(await page.getByTestId('preview-sample-0-args').textContent()).toMatch(/^setLevel\(7, 0x[0-9a-fA-F]{40}\)$/)
    expect(await page.getByTestId('preview-warning-no-code').count()).toBe(1)
    expect(await page.getByTestId('launch').isEnabled()).toBe(true)
    await screenshot(page, 'test-form-custom-abi')

    await page.getByTestId('launch').click()
    const id = await landOnRunPage(page)
    expect(await waitForRunPageTerminal(page)).toBe('completed')
    expect((await getRun(app.baseUrl, id)).counts.mined).toBe(6)

    // The run's config opens in the form again, ABI, function and arguments included.
    await page.goto(`${app.baseUrl}/test?run=${encodeURIComponent(id)}`)
    await waitForPreview(page, 6)
    expect(await page.getByTestId('target-kind-address').isChecked()).toBe(true)
    expect(await fieldValues(page, ['scenario.target.address', 'scenario.function', 'scenario.args[0].value'])).toEqual(
      {
        'scenario.target.address': noCode,
        'scenario.function': 'setLevel(uint8,address)',
        'scenario.args[0].value': '7',
      },
    )
  })

  test('an uploaded Foundry artifact is read, kept as ABI + bytecode, deployed and called', async () => {
    const counter = JSON.parse(readFileSync(join(projectRoot, 'contracts/out/Counter.json'), 'utf8')) as {
      abi: unknown[]
      bytecode: string
    }
    // Foundry's layout: bytecode as {object}, the contract named in the metadata, and a bulky AST.
    const foundry = {
      abi: counter.abi,
      bytecode: { object: counter.bytecode, linkReferences: {} },
      metadata: { settings: { compilationTarget: { 'src/Counter.sol': 'Counter' } } },
      ast: { nodes: Array.from({ length: 400 }, (_, i) => ({ id: i, nodeType: 'PragmaDirective', src: '0:0:0' })) },
    }
    await page.goto(`${app.baseUrl}/test`)
    await page.getByTestId('template-custom-call').click()
    await page.getByTestId('target-kind-artifact').check()
    await page.getByTestId('upload-artifact-input').setInputFiles({
      name: 'Counter.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(foundry)),
    })
    await page.getByTestId('contract-status').waitFor()
    expect(await page.getByTestId('contract-status').textContent()).toContain('Counter')
    // Compacted: the AST is gone, the ABI and the bytecode stay.
    const kept = JSON.parse(await page.getByTestId('field-scenario.target.artifact').inputValue()) as Record<
      string,
      unknown
    >
    expect(Object.keys(kept).sort()).toEqual(['abi', 'bytecode', 'contractName'])

    await page.getByTestId('field-scenario.function').selectOption('increment()')
    await fill({ txs: '5', accounts: '2' })
    await waitForPreview(page, 5)
    expect(await page.getByTestId('preview-sample-0-args').textContent()).toBe('increment()')
    await page.getByTestId('launch').click()
    const id = await landOnRunPage(page)
    expect(await waitForRunPageTerminal(page)).toBe('completed')
    expect((await getRun(app.baseUrl, id)).counts.mined).toBe(5)
  })

  test('transaction types: the tx-types scenario as a mix of all five, blob and access-list options with it', async () => {
    await page.goto(`${app.baseUrl}/test`)
    await page.getByTestId('template-concurrent').click()
    await page.getByTestId('field-scenario.name').selectOption('tx-types')
    await fill({ txs: '25', accounts: '5', concurrency: '25' })
    await page.getByTestId('advanced-toggle').click()
    await page.getByTestId('field-txType').selectOption('all')
    // Their controls appear with the types they shape.
    await page.getByTestId('field-accessList').selectOption('generated')
    await fill({ 'blobs.perTx': '2' })
    await waitForPreview(page, 25)
    expect(await page.getByTestId('preview-summary').textContent()).toContain(
      'legacy / eip2930 / eip1559 / eip4844 / eip7702',
    )
    await screenshot(page, 'test-form-tx-types')
    await page.getByTestId('launch').click()
    const id = await landOnRunPage(page)
    expect(await waitForRunPageTerminal(page)).toBe('completed')
    const run = await getRun(app.baseUrl, id)
    expect(run.config).toMatchObject({
      txType: { legacy: 1, eip2930: 1, eip1559: 1, eip4844: 1, eip7702: 1 },
      accessList: 'generated',
      blobs: { perTx: 2 },
    })
    const report = (await (await fetch(`${app.baseUrl}/api/runs/${encodeURIComponent(id)}/report.json`)).json()) as {
      counts: { mined: number }
      txTypes: { type: string; mined: number; receiptTypeMismatch: number }[]
      scenario: { checks: { ok: boolean }[] }
    }
    expect(report.counts.mined).toBe(25)
    expect(report.txTypes.map((t) => t.type)).toEqual(['legacy', 'eip2930', 'eip1559', 'eip4844', 'eip7702'])
    expect(report.txTypes.reduce((n, t) => n + t.mined, 0)).toBe(25)
    expect(report.scenario.checks.every((c) => c.ok)).toBe(true)
  })

  test('send endpoints: two URLs of the app node, broadcast; the report has the numbers of each', async () => {
    const node = (await (await fetch(`${app.baseUrl}/api/node`)).json()) as { rpcUrl: string }
    const second = node.rpcUrl.replace('127.0.0.1', 'localhost')
    await page.goto(`${app.baseUrl}/test`)
    await page.getByTestId('template-concurrent').click()
    await fill({ txs: '40', accounts: '4', concurrency: '40' })
    await page.getByTestId('advanced-toggle').click()
    expect(await page.getByTestId('field-sendPolicy').isDisabled()).toBe(true)
    await fill({ rpcUrls: `${node.rpcUrl}\nnot a url` })
    // Each line is checked: the bad one is named next to the field.
    await page.getByTestId('error-rpcUrls').waitFor()
    expect(await page.getByTestId('error-rpcUrls').textContent()).toContain('[1]')
    await fill({ rpcUrls: `${node.rpcUrl}\n${second}` })
    await page.getByTestId('field-sendPolicy').selectOption('broadcast')
    await waitForPreview(page, 40)
    await page.getByTestId('launch').click()
    const id = await landOnRunPage(page)
    expect(await waitForRunPageTerminal(page)).toBe('completed')
    const report = (await (await fetch(`${app.baseUrl}/api/runs/${encodeURIComponent(id)}/report.json`)).json()) as {
      counts: { mined: number }
      endpoints: { url: string; sent: number; accepted: number }[]
    }
    expect(report.counts.mined).toBe(40)
    expect(report.endpoints.map((e) => e.url)).toEqual([node.rpcUrl, second])
    // Every tx to both (a retry, if the node asked for one, would come on top).
    for (const e of report.endpoints) {
      expect(e.sent).toBeGreaterThanOrEqual(40)
      expect(e.accepted).toBeGreaterThanOrEqual(40)
    }
  })

  test('the server names what only it can check, next to the field', async () => {
    await page.goto(`${app.baseUrl}/test`)
    await page.getByTestId('template-sequential').click()
    // A block gas limit only the node knows: a warning; an unreachable node: the preview says so.
    await page.getByTestId('advanced-toggle').click()
    await fill({ gasLimit: '40000000' })
    await page.getByTestId('preview-warning-gas-above-block-limit').waitFor()
    await fill({ gasLimit: '', rpcUrl: 'http://127.0.0.1:1' })
    await page.getByTestId('preview-error').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('preview-error').textContent()).toContain('cannot reach')
  })

  test('a saved test reloads with the same values; duplicate and load it back', async () => {
    await page.goto(`${app.baseUrl}/test`)
    await page.getByTestId('template-sequential').click()
    await fill({ name: 'e2e saved test', txs: '7', accounts: '2', delayMs: '5' })
    await page.getByTestId('advanced-toggle').click()
    await fill({ retries: '5', maxFeePerGas: '5000000000' })
    await page.getByTestId('field-mining').selectOption('automine')
    await page.getByTestId('save-test').click()
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="save-status"]')?.textContent?.startsWith('Saved'),
    )
    const savedUrl = new URL(page.url())
    const savedId = savedUrl.searchParams.get('saved')
    expect(savedId).toBeTruthy()

    const keys = ['name', 'txs', 'accounts', 'delayMs', 'retries', 'maxFeePerGas', 'mining', 'scenario.name']
    const before = { ...(await fieldValues(page, keys)), mode: await checkedMode(page) }
    expect(before).toMatchObject({ name: 'e2e saved test', txs: '7', accounts: '2', delayMs: '5', mining: 'automine' })

    await page.reload()
    await waitForPreview(page, 7)
    const after = { ...(await fieldValues(page, keys)), mode: await checkedMode(page) }
    expect(after).toEqual(before)
    expect(await page.getByTestId('saved-select').inputValue()).toBe(savedId)
    await screenshot(page, 'test-form-saved')

    await page.getByTestId('duplicate-test').click()
    await page.waitForFunction((id) => new URL(window.location.href).searchParams.get('saved') !== id, savedId)
    expect(await page.getByTestId('field-name').inputValue()).toBe('e2e saved test (copy)')
    expect(await page.getByTestId('field-txs').inputValue()).toBe('7')

    await page.getByTestId('saved-select').selectOption(savedId as string)
    expect(await page.getByTestId('field-name').inputValue()).toBe('e2e saved test')
    expect(new URL(page.url()).searchParams.get('saved')).toBe(savedId)

    // Delete asks first; the test leaves the list and the URL.
    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByTestId('delete-test').click()
    await page.waitForFunction(() => !new URL(window.location.href).searchParams.has('saved'))
    const options = await page.getByTestId('saved-select').locator('option').allTextContents()
    expect(options).toEqual(['— new test —', 'e2e saved test (copy)'])
  })

  test('keyboard: a template by Space, the advanced panel by Enter', async () => {
    await page.goto(`${app.baseUrl}/test`)
    await page.getByTestId('template-multi-user').focus()
    await page.keyboard.press('Space')
    expect(await page.getByTestId('mode-multi-user').isChecked()).toBe(true)
    await page.getByTestId('advanced-toggle').focus()
    await page.keyboard.press('Enter')
    expect(await page.getByTestId('advanced').getAttribute('open')).not.toBeNull()
    await page.getByTestId('field-retries').waitFor({ state: 'visible' })
  })

  test('at a wide screen the preview sits beside the form', async () => {
    const wide = await browser.newPage({ viewport: { width: 1600, height: 900 } })
    const errors = collectPageErrors(wide)
    await wide.goto(`${app.baseUrl}/test`)
    await wide.getByTestId('template-custom-call').click()
    await waitForPreview(wide, 200)
    const form = await wide.getByTestId('fieldset-workload').boundingBox()
    const preview = await wide.getByTestId('preview').boundingBox()
    expect(preview && form && preview.x > form.x + form.width).toBe(true)
    await screenshot(wide, 'test-form-wide')
    // Scrolled down to the last field, the preview and the launch button are still in view.
    await wide.getByTestId('advanced-toggle').scrollIntoViewIfNeeded()
    await wide.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    const inView = async (testId: string) => {
      const box = await wide.getByTestId(testId).boundingBox()
      return box !== null && box.y >= 0 && box.y + box.height <= 900
    }
    expect(await inView('preview-status')).toBe(true)
    expect(await inView('launch')).toBe(true)
    await wide.close()
    expect(errors).toEqual([])
  })

  test('no page errors and no hydration warnings along the way', () => {
    expect(pageErrors).toEqual([])
  })
})

async function checkedMode(page: Page): Promise<string> {
  for (const mode of ['sequential', 'concurrent', 'multi-user'])
    if (await page.getByTestId(`mode-${mode}`).isChecked()) return mode
  return ''
}
