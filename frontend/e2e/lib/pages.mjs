/** Steps a person takes, shared by the suites. */
import { join } from 'node:path'
import { DESKTOP, PHONE } from './browser.mjs'
import { totpCode } from './totp.mjs'

export const sizeName = (viewport) => `${viewport.width}x${viewport.height}`

/** Screenshot the page (whole, unless `fullPage: false`) as `<name>-<w>x<h>.png`. */
export async function shoot(page, outDir, name, { fullPage = true } = {}) {
  const viewport = page.viewportSize() ?? DESKTOP
  await page.evaluate(() => window.scrollTo(0, 0))
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

/** Signed-in sessions by username, as the SPA keeps them in sessionStorage. */
const sessions = new Map()

/**
 * Sign in as `account`: through the login form the first time (or always with `viaForm`), and
 * afterwards by handing the new tab the session the form produced — the API throttles sign-ins
 * per address (等保), and every check opens fresh tabs.
 */
export async function signIn(page, account, { viaForm = false, expectPath = '/' } = {}) {
  const stored = !viaForm && sessions.get(account.username)
  if (stored) {
    await page.addInitScript((value) => {
      if (!sessionStorage.getItem('banli.auth')) sessionStorage.setItem('banli.auth', value)
    }, stored)
    await page.goto('/')
    await page.waitForURL((url) => url.pathname === '/')
    return
  }
  await page.goto('/login')
  await submitLogin(page, account)
  await page.waitForURL((url) => url.pathname === expectPath)
  if (!viaForm) await rememberSession(page, account)
}

/**
 * Fill and send the login form; when the API asks for 动态口令 (an account with a bound
 * authenticator), send it again with the current code of `account.totpSecret`.
 */
export async function submitLogin(page, account) {
  await page.getByRole('textbox', { name: '用户名' }).fill(account.username)
  await page.getByRole('textbox', { name: '密码' }).fill(account.password)
  await page.getByTestId('login-submit').click()
  if (!account.totpSecret) return
  const code = page.getByRole('textbox', { name: '动态口令' })
  const asked = await Promise.race([
    code.waitFor().then(() => true),
    page.waitForURL((url) => url.pathname !== '/login').then(() => false),
  ])
  if (!asked) return
  await code.fill(totpCode(account.totpSecret))
  await page.getByTestId('login-submit').click()
}

/** Keep the tab's session for `account` (again, after it changed: a bound authenticator …). */
export async function rememberSession(page, account) {
  sessions.set(account.username, await page.evaluate(() => sessionStorage.getItem('banli.auth')))
}

/**
 * Pick `option` in the Element Plus select labelled `label` (typing `search` first for a
 * filterable or remote one). Multi-selects stay open: pass `close: true` to press Escape.
 */
export async function choose(scope, page, label, option, { search, close = false } = {}) {
  const select = scope.getByRole('combobox', { name: label })
  await select.locator('xpath=ancestor::div[contains(@class, "el-select__wrapper")]').click()
  if (search !== undefined) await page.keyboard.type(search)
  const listbox = await select.getAttribute('aria-controls')
  const list = listbox ? page.locator(`[id="${listbox}"]`) : page.locator('.el-select-dropdown:visible')
  const item = list.locator('.el-select-dropdown__item', { hasText: option }).first()
  await item.waitFor()
  await item.click()
  if (close) await page.keyboard.press('Tab')
}

/** Type a date into an Element Plus date picker labelled `label`. */
export async function pickDate(scope, page, label, iso) {
  const input = scope.getByRole('combobox', { name: label })
  await input.click()
  await input.fill(iso)
  await input.press('Enter')
  await page.keyboard.press('Tab')
}

/** Fail when the page scrolls sideways (a phone layout must fit 375 px), naming the culprit. */
export async function expectFits(page) {
  const { scroll, width, culprit } = await page.evaluate(() => {
    const width = window.innerWidth
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right + window.scrollX > width + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]}`)
    return { scroll: document.documentElement.scrollWidth, width, culprit: wide.slice(-3).join(' ') }
  })
  if (scroll > width) throw new Error(`页面宽 ${scroll}px，超出视口 ${width}px（${culprit}）`)
}

/** Wait for the API call whose URL contains `part` (and method) that `action` triggers. */
export async function answered(page, part, action, method) {
  const wait = page.waitForResponse(
    (r) => r.url().includes(part) && (!method || r.request().method() === method),
  )
  await action()
  return wait
}
