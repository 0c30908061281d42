/** Debian's chromium driven by playwright-core, with a fresh temporary profile. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

export const DESKTOP = { width: 1280, height: 800 }
export const PHONE = { width: 375, height: 812 }

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
]

export async function launchBrowser({ baseUrl }) {
  const profile = mkdtempSync(join(tmpdir(), 'banli-e2e-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: DESKTOP,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    baseURL: baseUrl,
  })
  context.setDefaultTimeout(10_000)
  context.setDefaultNavigationTimeout(20_000)
  for (const page of context.pages()) await page.close()

  /** A new tab at `viewport`, with browser errors echoed to the log. */
  async function openPage(viewport = DESKTOP) {
    const page = await context.newPage()
    await page.setViewportSize(viewport)
    page.on('pageerror', (e) => console.log(`      [页面错误] ${e.message}`))
    return page
  }

  let closed = false
  async function close() {
    if (closed) return
    closed = true
    await context.close().catch(() => {})
    rmSync(profile, { recursive: true, force: true })
  }
  return { openPage, close }
}
