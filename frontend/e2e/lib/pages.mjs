/** Steps a person takes, shared by the suites. */
import { join } from 'node:path'
import { DESKTOP, PHONE } from './browser.mjs'

export const sizeName = (viewport) => `${viewport.width}x${viewport.height}`

/** Screenshot the page (whole, unless `fullPage: false`) as `<name>-<w>x<h>.png`. */
export async function shoot(page, outDir, name, { fullPage = true } = {}) {
  const viewport = page.viewportSize() ?? DESKTOP
  await page.screenshot({ path: join(outDir, `${name}-${sizeName(viewport)}.png`), fullPage })
}

/** Wait until no Element Plus loading mask or transition is running. */
export async function settle(page) {
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask')).catch(() => {})
  await page.waitForTimeout(400)
}

/**
 * Open the calendar the way the state of the server allows: by its address, or, when the API
 * does not serve deep links yet, from the login page's link.
 */
export async function openCalendar(page, state) {
  if (state.deepLinks) {
    await page.goto('/calendar')
  } else {
    await page.goto('/')
    await page.getByRole('link', { name: /查看工作日历/ }).click()
  }
  await page.getByRole('heading', { name: '工作日历' }).waitFor()
}

export { DESKTOP, PHONE }
