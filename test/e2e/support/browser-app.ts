import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { type AppServer, startApp } from './app-server'
import { collectPageErrors, launchChromium } from './browser'

export type BrowserApp = { app: AppServer; browser: Browser; page: Page; pageErrors: string[] }

/**
 * For a test file: the app started as the README says, Debian's Chromium, one 1280×800 page
 * whose errors are collected; all gone after the file's tests.
 */
export function withBrowserApp(ready: (s: BrowserApp) => void) {
  let s: BrowserApp | undefined
  let app: AppServer | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    app = await startApp()
    browser = await launchChromium()
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    s = { app, browser, page, pageErrors: collectPageErrors(page) }
    ready(s)
  })
  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })
}
