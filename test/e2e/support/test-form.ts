import type { Page } from 'playwright-core'
import type { RunSummary } from '../../../services/runs/types'
import { terminalStatuses } from './runs-api'

/** Waits until the preview answers the form as it is now: up to date, with this many planned txs. */
export async function waitForPreview(page: Page, planned?: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (want: number | null) => {
      const status = document.querySelector('[data-testid="preview-status"]')?.textContent
      const shown = document.querySelector('[data-testid="preview-planned"]')?.textContent?.replace(/,/g, '')
      return status === 'Up to date' && (want === null || shown === String(want))
    },
    planned ?? null,
    { timeout, polling: 100 },
  )
}

/** The id in /runs/<id>, once the launch has navigated there. */
export async function landOnRunPage(page: Page): Promise<string> {
  await page.waitForURL(/\/runs\/[^/]+$/, { timeout: 60_000 })
  await page.getByTestId('run-detail').waitFor()
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')
}

/** Waits on the run page until the run shows a terminal status. */
export async function waitForRunPageTerminal(page: Page, timeout = 120_000): Promise<RunSummary['status']> {
  await page.waitForFunction(
    (terminal: readonly string[]) =>
      terminal.includes(document.querySelector('[data-testid="run-status"]')?.textContent ?? ''),
    terminalStatuses,
    { timeout, polling: 250 },
  )
  return (await page.getByTestId('run-status').textContent()) as RunSummary['status']
}

/** The values of the form's inputs, by config key (data-testid="field-<key>"). */
export async function fieldValues(page: Page, keys: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const key of keys) out[key] = await page.getByTestId(`field-${key}`).inputValue()
  return out
}
