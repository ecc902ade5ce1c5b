import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { artifactsDir } from './paths'

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim()
  } catch {
    throw new Error('No `chromium` on PATH: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH')
  }
}

/** Debian's Chromium, headless, with the background chatter that slows CI switched off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

/**
 * Elements pinned to the window (the test form's summary bar) would be painted mid-page in a
 * full-page capture: they are put back in the flow for screenshots.
 */
const screenshotStyle = '.summary-bar { position: static !important; box-shadow: none !important; }'

/** Full-page screenshot into artifacts/ (gitignored), for people to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true })
  const path = join(artifactsDir, `${name}.png`)
  await page.screenshot({ path, fullPage: true, style: screenshotStyle })
  return path
}

/**
 * Collects page errors and console errors (a hydration mismatch shows up here). A 4xx our form
 * asked for is logged by Chromium as "Failed to load resource": expected, so not collected.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`)
  })
  return errors
}
