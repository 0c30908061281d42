/**
 * The administration screens, by the role that may use each (三员分立): the office staff sees none
 * of the admin menu; the system administrator (office_admin) makes an account (its initial
 * password shown once, and changed by its owner at first sign-in before anything else), an API
 * key (shown once, works, revoked after a confirmation), a webhook
 * subscription (signing secret shown once, delivery log, redelivery, stop), changes the
 * configuration (kept after a reload; a stale save refused with 412; a year plan's date refused
 * by its field); a unit handler keeps reply templates; the security administrator grants a role
 * and clearance, seeing unit names and the security policy in force; the audit administrator reads
 * the log of all this, with nothing to edit, filters it by outcome and time and exports it as CSV.
 */
import { readFile } from 'node:fs/promises'
import { chinaDate } from './lib/seed.mjs'
import {
  answered,
  choose,
  DESKTOP,
  expectFits,
  PHONE,
  rememberSession,
  settle,
  shoot,
  signIn,
  submitLogin,
} from './lib/pages.mjs'
import { expect } from './lib/runner.mjs'
import { totpCode } from './lib/totp.mjs'

const ADMIN_MENU = ['用户管理', '角色与密级', '审计日志', '系统配置', 'Webhook 订阅']

/** The side menu's entries (desktop layout). */
async function menuTitles(page) {
  const nav = page.getByRole('navigation', { name: '主导航' })
  await nav.locator('.el-menu-item').first().waitFor()
  return (await nav.locator('.el-menu-item').allInnerTexts()).map((t) => t.trim())
}

/** The error message Element Plus shows under the form item labelled `label`. */
function fieldError(scope, page, label) {
  return scope
    .locator('.el-form-item', { has: page.locator(`label:text-is("${label}")`) })
    .locator('.el-form-item__error')
}

/** Answer the confirmation pop-up a destructive button opens. */
async function confirmPopup(page, button) {
  const popup = page.locator('.el-popconfirm:visible')
  await popup.waitFor()
  await popup.getByRole('button', { name: button }).click()
}

async function apiAs(baseUrl, key, path) {
  return (await fetch(`${baseUrl}/api/v1${path}`, { headers: { 'X-API-Key': key } })).status
}

/** The bearer token of the session the page holds. */
async function tokenOf(page) {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('banli.auth') ?? '{}').token)
}

/** Today in China as the audit filter's local date-time: `YYYY-MM-DDTHH:mm`. */
const chinaMinute = (days = 0, time = '00:00') => `${chinaDate(days)}T${time}`

/** A CSV line split into cells (quoted cells may hold commas and doubled quotes). */
function csvCells(line) {
  const cells = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      cells.push(cell)
      cell = ''
    } else cell += c
  }
  cells.push(cell)
  return cells
}

/** CSV text as rows of cells (a changes cell may hold line breaks inside its quotes). */
function csvRows(text) {
  const lines = []
  let current = ''
  for (const line of text.split(/\r?\n/)) {
    current = current ? `${current}\n${line}` : line
    if ((current.match(/"/g)?.length ?? 0) % 2 === 0) {
      lines.push(current)
      current = ''
    }
  }
  return lines.filter((l) => l.length).map(csvCells)
}

/**
 * Sign in an administrator who has not bound an authenticator yet: the portal sends him to
 * 绑定动态口令 first (等保); a wrong code is refused at its field, the right one lets him in.
 */
async function signInBinding(page, account, outDir) {
  if (account.totpSecret) return signIn(page, account)
  await signIn(page, account, { expectPath: '/totp' })
  const secretBox = page.getByRole('textbox', { name: '密钥', exact: true })
  await secretBox.waitFor()
  const secret = await secretBox.inputValue()
  expect(/^[A-Z2-7]{16,}$/.test(secret), `密钥为 ${secret}`)
  await page.goto('/users')
  await page.waitForURL(/\/totp$/)
  const secretAgain = await page.getByRole('textbox', { name: '密钥', exact: true }).inputValue()
  const code = page.getByRole('textbox', { name: '动态口令' })
  await code.fill(totpCode(secretAgain) === '000000' ? '111111' : '000000')
  await page.getByRole('button', { name: '绑定', exact: true }).click()
  await fieldError(page, page, '动态口令').waitFor()
  if ((page.viewportSize() ?? DESKTOP).width < 400) await expectFits(page)
  await settle(page)
  await shoot(page, outDir, `totp-${account.role}`)
  await code.fill(totpCode(secretAgain))
  await page.getByRole('button', { name: '绑定', exact: true }).click()
  await page.waitForURL((url) => url.pathname === '/')
  account.totpSecret = secretAgain
  await rememberSession(page, account)
}

/** Screenshot at both sizes, failing when the phone layout scrolls sideways. */
async function shootBoth(t, account, path, name, ready) {
  for (const viewport of [DESKTOP, PHONE]) {
    const page = await t.page(viewport)
    await signIn(page, account)
    await page.goto(path)
    await ready(page)
    await settle(page)
    if (viewport === PHONE) await expectFits(page)
    await shoot(page, t.outDir, name)
  }
}

export default {
  title: '管理屏幕：用户与 API 密钥、角色与密级、审计日志、系统配置、答复模板、Webhook',
  async run({ runner, outDir, state, baseUrl, database }) {
    const county = state.county
    const skip = county ? undefined : (state.seedError ?? '没有测试数据')
    const admins = database?.admins ?? {}
    const noAdmins = skip ?? (admins.security && admins.audit ? undefined : 'banli create-admin 不支持 --role')
    const made = (state.admin = {})
    const check = (name, fn, opts) => runner.check(name, (t) => fn({ ...t, outDir }), opts)

    await check(
      '办公室工作人员看不到管理菜单；直接打开管理页面被送回首页',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.office)
        const titles = await menuTitles(page)
        expect(titles.includes('答复模板'), `工作人员的菜单为 ${titles.join('、')}`)
        for (const title of ADMIN_MENU) expect(!titles.includes(title), `工作人员的菜单中有“${title}”`)
        for (const path of ['/users', '/settings', '/webhooks', '/audit', '/grants']) {
          await page.goto(path)
          await page.waitForURL((url) => url.pathname === '/')
          await page.getByTestId('office-home').waitFor()
        }
      },
      { skip },
    )

    await check(
      '系统管理员新增用户：缺单位时错误在“所属单位”旁；初始密码只显示一次且可登录；停用须确认',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.admin)
        const titles = await menuTitles(page)
        for (const title of ['用户管理', '系统配置', 'Webhook 订阅']) expect(titles.includes(title), `管理员菜单缺“${title}”`)
        for (const title of ['角色与密级', '审计日志']) expect(!titles.includes(title), `管理员菜单中有“${title}”（三员分立）`)
        await page.getByRole('navigation', { name: '主导航' }).getByText('用户管理').click()
        await page.waitForURL(/\/users$/)
        await page.getByTestId('users-table').getByText(county.accounts.handler.username).waitFor()

        await page.getByRole('button', { name: '新增用户' }).click()
        const dialog = page.getByRole('dialog', { name: '新增用户' })
        await dialog.getByRole('textbox', { name: '用户名' }).fill('e2e-newbie')
        await dialog.getByRole('textbox', { name: '姓名' }).fill('交通局新人小刘')
        await choose(dialog, page, '角色', '承办单位经办人')
        await dialog.getByRole('button', { name: '生成' }).click()
        const password = await dialog.getByRole('textbox', { name: '初始密码' }).inputValue()
        expect(password.length >= 10, `生成的密码为 ${password}`)
        await dialog.getByTestId('user-save').click()
        const unitError = fieldError(dialog, page, '所属单位')
        await unitError.waitFor()
        expect((await unitError.innerText()).includes('单位'), `所属单位旁的错误为 ${await unitError.innerText()}`)
        await choose(dialog, page, '所属单位', '县交通运输局')
        await dialog.getByTestId('user-save').click()
        await dialog.getByTestId('user-issued').waitFor()
        const shown = await dialog.getByRole('textbox', { name: '初始密码' }).inputValue()
        expect(shown === password, '显示的初始密码与填写的不同')
        await dialog.getByRole('button', { name: '复制' }).click()
        await dialog.getByRole('status').filter({ hasText: /复制/ }).waitFor()
        await settle(page)
        await shoot(page, outDir, 'user-created', { fullPage: false })
        await dialog.getByRole('button', { name: '完成' }).click()
        await dialog.waitFor({ state: 'hidden' })
        const row = page.getByTestId('users-table').locator('tr', { hasText: 'e2e-newbie' })
        await row.getByText('县交通运输局').waitFor()
        made.newbie = { username: 'e2e-newbie', password }

        await row.getByRole('button', { name: '编辑：e2e-newbie' }).click()
        const edit = page.getByRole('dialog', { name: '编辑用户：e2e-newbie' })
        await edit.locator('.el-switch').click()
        await edit.getByText('停用后该账号不能再登录').waitFor()
        await edit.getByRole('button', { name: '停用并保存' }).click()
        await confirmPopup(page, '确定')
        await edit.waitFor({ state: 'hidden' })
        await row.getByText('停用').waitFor()
        const users = await county.api.get('/users')
        expect(users.find((u) => u.username === 'e2e-newbie')?.active === false, '停用未保存')
      },
      { skip },
    )

    await check(
      '新用户首次登录：初始密码须先修改（刷新后仍在修改密码页，其余接口 403），改后进入首页',
      async (t) => {
        const newbie = made.newbie
        // Enabled again for this: the check above disabled the account after making it.
        const user = (await county.api.get('/users')).find((u) => u.username === newbie.username)
        await county.api.call('PATCH', `/users/${user.id}`, { active: true })
        const page = await t.page(PHONE)
        await page.goto('/login')
        await submitLogin(page, newbie)
        await page.waitForURL(/\/password$/)
        await page.getByText('您的密码已过期或由管理员重置').waitFor()
        // The API refuses everything else until the password is changed.
        const token = await tokenOf(page)
        const refused = await fetch(`${baseUrl}/api/v1/items`, { headers: { Authorization: `Bearer ${token}` } })
        const problem = await refused.json()
        expect(refused.status === 403 && problem.field === 'password', `改密码前 GET /items → ${refused.status} ${JSON.stringify(problem)}`)
        const me = await (await fetch(`${baseUrl}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).json()
        expect(me.pending === 'password', `GET /auth/me 的 pending 为 ${me.pending}`)
        // After a reload, with the tab's own note of it gone, the portal asks /auth/me: still owed.
        await page.evaluate(() => {
          const stored = JSON.parse(sessionStorage.getItem('banli.auth'))
          sessionStorage.setItem('banli.auth', JSON.stringify({ ...stored, passwordExpired: false }))
        })
        await page.goto('/items')
        await page.waitForURL(/\/password$/)
        await page.getByText('您的密码已过期或由管理员重置').waitFor()
        await expectFits(page)
        const renewed = `Newbie-${Date.now()}#c`
        await page.getByLabel('原密码').fill(newbie.password)
        await page.getByLabel('新密码', { exact: true }).fill(renewed)
        await page.getByLabel('确认新密码').fill(renewed)
        await page.getByRole('button', { name: '修改密码' }).click()
        await page.waitForURL((url) => url.pathname === '/')
        await page.getByTestId('unit-home').waitFor()
        await page.getByText('您好，交通局新人小刘').waitFor()
        newbie.password = renewed
        const allowed = await fetch(`${baseUrl}/api/v1/items`, { headers: { Authorization: `Bearer ${token}` } })
        expect(allowed.ok, `改密码后 GET /items → ${allowed.status}`)
        await page.reload()
        await page.getByTestId('unit-home').waitFor()
        expect(new URL(page.url()).pathname === '/', `刷新后在 ${page.url()}`)
        await county.api.call('PATCH', `/users/${user.id}`, { active: false })
      },
      { skip: skip ?? (made.newbie ? undefined : '未建新用户') },
    )

    await check(
      'API 密钥：新建后密钥只显示一次（可复制），按权限范围可用；吊销须确认，之后被拒绝',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.admin)
        await page.goto('/users?tab=keys')
        await page.getByTestId('api-keys-table').waitFor()
        await page.getByRole('button', { name: '新建密钥' }).click()
        const dialog = page.getByRole('dialog', { name: '新建 API 密钥' })
        await dialog.getByRole('textbox', { name: '名称' }).fill('县OA系统')
        await dialog.getByTestId('api-key-save').click()
        await dialog.getByTestId('api-key-created').waitFor()
        const key = await dialog.getByRole('textbox', { name: 'API 密钥' }).inputValue()
        expect(key.length >= 20, `密钥为 ${key}`)
        await dialog.getByRole('button', { name: '复制' }).click()
        await dialog.getByRole('status').filter({ hasText: /复制/ }).waitFor()
        await settle(page)
        await shoot(page, outDir, 'api-key-created', { fullPage: false })
        await dialog.getByRole('button', { name: '完成' }).click()
        await dialog.waitFor({ state: 'hidden' })
        const row = page.getByTestId('api-keys-table').locator('tr', { hasText: '县OA系统' })
        await row.getByText('有效').waitFor()
        expect((await row.innerText()).includes('items.read'), '表中没有权限范围 items.read')
        expect(!(await page.getByTestId('api-key-created').count()), '关闭后仍显示密钥')

        expect((await apiAs(baseUrl, key, '/items')) === 200, '密钥不能读取建议提案')
        expect((await apiAs(baseUrl, key, '/units')) === 403, '密钥越出权限范围仍可读取单位')

        await row.getByRole('button', { name: '吊销' }).click()
        await confirmPopup(page, '吊销')
        await row.getByText(/已吊销/).waitFor()
        expect((await apiAs(baseUrl, key, '/items')) === 401, '吊销后密钥仍可用')
      },
      { skip },
    )

    await check(
      '系统配置：改联系电话后刷新仍在；他人已修改时保存被拒（412）并可载入最新；年度日期错误在字段旁',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.admin)
        await page.goto('/settings')
        const form = page.getByTestId('jurisdiction-form')
        const phone = form.getByRole('textbox', { name: '督查室联系电话' })
        await phone.fill('0310-3519360')
        await answered(page, '/api/v1/config', () => form.getByTestId('jurisdiction-save').click(), 'PATCH')
        await page.getByText('配置已保存').waitFor()
        await page.reload()
        await page.getByTestId('jurisdiction-form').getByRole('textbox', { name: '督查室联系电话' }).waitFor()
        expect(
          (await page.getByTestId('jurisdiction-form').getByRole('textbox', { name: '督查室联系电话' }).inputValue()) ===
            '0310-3519360',
          '刷新后联系电话没有保存',
        )
        expect((await county.api.get('/config')).jurisdiction.office_phone === '0310-3519360', 'API 中联系电话未变')
        await settle(page)
        await shoot(page, outDir, 'settings-jurisdiction')

        await page.getByRole('tab', { name: '期限设置' }).click()
        const deadlines = page.getByTestId('deadline-settings-form')
        const dueSoon = deadlines.getByRole('spinbutton', { name: '临期提醒工作日数' })
        await dueSoon.waitFor()
        // Someone else saves meanwhile: this page's version is stale.
        await county.api.call('PATCH', '/config', { deadlines: { due_soon_days: 3, reassignment_window_days: 12 } })
        await dueSoon.fill('5')
        await dueSoon.press('Tab')
        await deadlines.getByTestId('deadline-settings-save').click()
        await deadlines.getByRole('alert').filter({ hasText: '已被他人修改' }).waitFor()
        await deadlines.getByRole('button', { name: '载入最新配置' }).click()
        await page.waitForFunction(
          () => document.querySelector('[aria-label="申请调整期限工作日数"]')?.value === '12',
        )
        await dueSoon.fill('5')
        await dueSoon.press('Tab')
        await deadlines.getByTestId('deadline-settings-save').click()
        await page.getByText('配置已保存').first().waitFor()
        const saved = (await county.api.get('/config')).deadlines
        expect(saved.due_soon_days === 5 && saved.reassignment_window_days === 12, `保存后为 ${JSON.stringify(saved)}`)
        await county.api.call('PATCH', '/config', { deadlines: { due_soon_days: 3, reassignment_window_days: 10 } })

        await page.goto(`/settings?tab=year-plans&year=${county.year}`)
        const plan = page.getByTestId('year-plan-form')
        await plan.getByText('未设置，按通知默认日期').waitFor()
        const visit = plan.getByRole('combobox', { name: '走访卡报送截止日' })
        await visit.fill(`${county.year + 1}-01-15`)
        await visit.press('Enter')
        await plan.getByTestId('year-plan-save').click()
        const error = fieldError(plan, page, '走访卡报送截止日（R-DL-8）')
        await error.waitFor()
        expect((await error.innerText()).includes(`${county.year}年`), `走访卡日期旁的错误为 ${await error.innerText()}`)
        await visit.fill(`${county.year}-10-15`)
        await visit.press('Enter')
        await plan.getByTestId('year-plan-save').click()
        await plan.getByTestId('year-plan-saved').waitFor()
        await page.reload()
        await page.getByTestId('year-plan-form').getByText('已设置').waitFor()
        const kept = await page.getByTestId('year-plan-form').getByRole('combobox', { name: '走访卡报送截止日' }).inputValue()
        expect(kept === `${county.year}-10-15`, `刷新后走访卡截止日为 ${kept}`)
      },
      { skip },
    )

    await check(
      '答复模板：经办人新建（正文为空时错误在字段旁）并修改；办公室只读查看各单位模板',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.handler)
        const titles = await menuTitles(page)
        expect(titles.includes('答复模板'), `经办人的菜单为 ${titles.join('、')}`)
        await page.goto('/reply-templates')
        await page.getByText('尚无模板，点击“新建模板”添加').waitFor()
        await page.getByRole('button', { name: '新建模板' }).click()
        const dialog = page.getByRole('dialog', { name: '新建答复模板' })
        await dialog.getByRole('textbox', { name: '模板名称' }).fill('道路建设类（已列入计划）')
        await dialog.getByTestId('template-save').click()
        await fieldError(dialog, page, '答复正文').waitFor()
        await dialog
          .getByRole('textbox', { name: '答复正文' })
          .fill('您提出的关于道路建设的建议收悉。经研究，该路段已列入我局年度建设计划，预计年底前完工。')
        await dialog.getByTestId('template-save').click()
        await dialog.waitFor({ state: 'hidden' })
        const list = page.getByTestId('templates-list')
        await list.getByText('道路建设类（已列入计划）').waitFor()
        await list.getByRole('button', { name: '编辑模板：道路建设类（已列入计划）' }).click()
        const edit = page.getByRole('dialog', { name: /编辑模板/ })
        await edit.getByRole('textbox', { name: '模板名称' }).fill('道路建设类（列入年度计划）')
        await edit.getByTestId('template-save').click()
        await edit.waitFor({ state: 'hidden' })
        await list.getByText('道路建设类（列入年度计划）').waitFor()
        const templates = await county.api.get('/reply-templates')
        expect(templates.some((x) => x.name === '道路建设类（列入年度计划）' && x.version > 1), '模板修改未保存')

        const office = await t.page(DESKTOP)
        await signIn(office, county.accounts.office)
        await office.goto('/reply-templates')
        const card = office.getByTestId('templates-list').locator('li', { hasText: '道路建设类（列入年度计划）' })
        await card.getByText('县交通运输局').waitFor()
        expect(!(await office.getByRole('button', { name: '新建模板' }).count()), '办公室有“新建模板”按钮')
        expect(!(await card.getByRole('button').count()), '办公室有编辑按钮')
      },
      { skip },
    )

    await check(
      'Webhook：新建订阅（未选事件时错误在字段旁；签名密钥只显示一次）；交办后有投递记录，可重新投递；停用须确认',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.admin)
        await page.goto('/webhooks')
        await page.getByText('尚无订阅').waitFor()
        await page.getByRole('button', { name: '新建订阅' }).click()
        const dialog = page.getByRole('dialog', { name: '新建 Webhook 订阅' })
        await dialog.getByRole('textbox', { name: '名称' }).fill('县OA系统')
        await dialog.getByRole('textbox', { name: '推送地址' }).fill('http://127.0.0.1:9/banli-hook')
        await dialog.getByTestId('webhook-save').click()
        await fieldError(dialog, page, '订阅事件').waitFor()
        await dialog.getByText('交办', { exact: true }).click()
        await dialog.getByTestId('webhook-save').click()
        await dialog.getByTestId('webhook-created').waitFor()
        const secret = await dialog.getByRole('textbox', { name: '签名密钥' }).inputValue()
        expect(secret.length >= 20, `签名密钥为 ${secret}`)
        made.webhookSecret = secret
        await dialog.getByRole('button', { name: '完成' }).click()
        await dialog.waitFor({ state: 'hidden' })
        const row = page.getByTestId('webhooks-table').locator('tr', { hasText: '县OA系统' })
        await row.getByText('交办').waitFor()
        expect(!(await page.getByTestId('webhook-created').count()), '关闭后仍显示签名密钥')

        // An item assigned now is an event for the subscription.
        const item = await county.api.post('/items', {
          session_id: county.session.id,
          number: 88,
          title: '关于修缮乡村文化广场的建议',
          content: '关于修缮乡村文化广场的建议的内容。',
          topic: '文化',
          proposers: [{ proposer_id: county.deputies[1].id, is_lead: true }],
          first_assignment: chinaDate(-1),
          second_assignment: chinaDate(-1),
        })
        await county.api.call('PUT', `/items/${item.id}/assignments`, {
          units: [{ unit_id: county.units.jy.id, role: 'main' }],
        })
        await row.getByRole('button', { name: '投递记录' }).click()
        const drawer = page.getByRole('dialog', { name: '投递记录：县OA系统' })
        const deliveries = drawer.getByTestId('deliveries-table')
        await deliveries.locator('.el-table__row').first().waitFor()
        const status = await deliveries.locator('.el-table__row').first().locator('.el-tag').innerText()
        expect(['待投递', '投递失败', '已送达'].includes(status.trim()), `投递状态为 ${status}`)
        await settle(page)
        await shoot(page, outDir, 'webhook-deliveries')
        const redeliver = deliveries.getByRole('button', { name: '重新投递' }).first()
        if (await redeliver.count()) {
          const res = await answered(page, '/redeliver', () => redeliver.click(), 'POST')
          expect(res.ok(), `重新投递 → ${res.status()}`)
          await deliveries.locator('.el-tag', { hasText: '待投递' }).first().waitFor()
        }
        await page.keyboard.press('Escape')
        await drawer.waitFor({ state: 'hidden' })

        await row.getByRole('button', { name: '停用' }).click()
        await confirmPopup(page, '停用')
        await row.getByText('已停用').waitFor()
        const subs = await county.api.get('/webhooks')
        expect(subs.find((s) => s.name === '县OA系统')?.active === false, '订阅仍在启用')
      },
      { skip },
    )

    await check(
      '安全管理员：菜单只有“角色与密级”；单位显示名称；安全策略卡片与 GET /security/policy 一致；不能改本人；为新用户授予分管领导角色和涉密授权',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signInBinding(page, admins.security, outDir)
        const titles = await menuTitles(page)
        expect(titles.includes('角色与密级'), `安全管理员的菜单为 ${titles.join('、')}`)
        for (const title of ['用户管理', '审计日志', '系统配置', 'Webhook 订阅', '建议提案']) {
          expect(!titles.includes(title), `安全管理员的菜单中有“${title}”`)
        }
        await page.goto('/grants')
        const table = page.getByTestId('users-table')
        // Units by name (the security administrator may read them now), never by number.
        await table.locator('tr', { hasText: county.accounts.handler.username }).getByText('县交通运输局').waitFor()
        await table.locator('tr', { hasText: county.accounts.coHandler.username }).getByText('县教育体育局').waitFor()
        expect(!(await table.getByText(/单位 #\d+/).count()), '角色与密级页仍以编号显示单位')
        // The policy in force, read-only, as the API reports it to this administrator.
        const policy = await (
          await fetch(`${baseUrl}/api/v1/security/policy`, { headers: { Authorization: `Bearer ${await tokenOf(page)}` } })
        ).json()
        const card = page.getByTestId('security-policy')
        await card.getByText('安全策略（由部署环境设置）').waitFor()
        const rowOf = async (key) => (await card.locator(`[data-key="${key}"]`).innerText()).replace(/\s+/g, ' ')
        const expected = {
          password_min_length: `${policy.password_min_length} 位`,
          password_kinds: `至少 ${policy.password_kinds} 类`,
          password_max_age_days: `${policy.password_max_age_days} 天`,
          max_failed_logins: `连续失败 ${policy.max_failed_logins} 次锁定 ${policy.lockout_minutes} 分钟`,
          sign_in_attempts_per_minute: `每分钟最多 ${policy.sign_in_attempts_per_minute} 次`,
          idle_timeout_minutes: `${policy.idle_timeout_minutes} 分钟`,
          token_lifetime_minutes: `${policy.token_lifetime_minutes} 分钟`,
          admin_totp_required: policy.admin_totp_required ? '必须' : '不要求',
        }
        for (const [key, text] of Object.entries(expected)) {
          const shown = await rowOf(key)
          expect(shown.includes(text), `${key}：页面为“${shown}”，应含“${text}”（API ${policy[key]}）`)
        }
        expect(!(await card.locator('input, textarea, button').count()), '安全策略卡片中有可编辑项')
        await settle(page)
        await shoot(page, outDir, 'grants-policy')
        expect(
          await table.getByRole('button', { name: `授权：${admins.security.username}` }).isDisabled(),
          '可以修改本人的授权',
        )
        await table.getByRole('button', { name: '授权：e2e-newbie' }).click()
        const dialog = page.getByRole('dialog', { name: /授权：交通局新人小刘/ })
        await choose(dialog, page, '角色', '承办单位分管领导')
        await dialog.locator('.el-switch').click()
        await dialog.getByTestId('grant-save').click()
        await dialog.waitFor({ state: 'hidden' })
        const row = table.locator('tr', { hasText: 'e2e-newbie' })
        await row.getByText('承办单位分管领导').waitFor()
        await row.getByText('涉密').waitFor()
        const user = (await county.api.get('/users')).find((u) => u.username === 'e2e-newbie')
        expect(user?.role === 'unit_leader' && user.secret_clearance, `授权后为 ${JSON.stringify(user)}`)
        await page.goto('/users')
        await page.waitForURL((url) => url.pathname === '/')
      },
      { skip: noAdmins ?? (made.newbie ? undefined : '未建新用户') },
    )

    await check(
      '审计管理员：审计日志列出上述操作，按对象筛选（地址栏保存筛选），可展开查看变更；没有修改或删除按钮',
      async (t) => {
        const page = await t.page(PHONE)
        await signInBinding(page, admins.audit, outDir)
        await page.setViewportSize(DESKTOP)
        const titles = await menuTitles(page)
        expect(titles.includes('审计日志'), `审计管理员的菜单为 ${titles.join('、')}`)
        expect(!titles.includes('角色与密级') && !titles.includes('用户管理'), `审计管理员的菜单为 ${titles.join('、')}`)
        await page.getByRole('navigation', { name: '主导航' }).getByText('审计日志').click()
        const table = page.getByTestId('audit-table')
        await table.locator('.el-table__row').first().waitFor()
        await choose(page, page, '对象', 'API 密钥')
        await page.getByRole('button', { name: '查询' }).click()
        await page.waitForURL(/entity=api_keys/)
        await table.getByText('新建 · API 密钥').first().waitFor()
        await table.getByText('修改 · API 密钥').first().waitFor()
        await table.locator('.el-table__row', { hasText: '新建 · API 密钥' }).first().locator('.el-table__expand-icon').click()
        const details = table.locator('.el-table__expanded-cell').first()
        await details.getByText('key_hash').waitFor()
        expect((await details.innerText()).includes('***'), '审计日志中密钥散列未隐藏')
        expect((await details.innerText()).includes('县OA系统'), '展开内容没有密钥名称')
        await page.reload()
        await table.getByText('新建 · API 密钥').first().waitFor()
        if (made.webhookSecret) {
          // The signing secret never shows: the API records it masked (***), and the portal masks
          // any record from before that (密钥不予显示).
          await page.goto('/audit?entity=webhook_subscriptions')
          const created = table.locator('.el-table__row', { hasText: '新建 · Webhook 订阅' }).first()
          await created.locator('.el-table__expand-icon').click()
          const values = table.locator('.el-table__expanded-cell').first()
          await values.getByText('secret', { exact: true }).waitFor()
          const shown = await values.innerText()
          expect(/secret\s+(\*\*\*|.*密钥不予显示)/.test(shown), `签名密钥显示为：${shown}`)
          expect(!shown.includes(made.webhookSecret), '审计日志显示了签名密钥')
        }
        await page.goto('/audit?entity=users&action=sign_in')
        await table.getByText('登录 · 用户').first().waitFor()
        await page.goto('/audit?entity=configuration')
        await table.getByText(/修改 · 系统配置|新建 · 系统配置/).first().waitFor()
        const buttons = await page.locator('main').getByRole('button').allInnerTexts()
        for (const b of buttons) expect(!/删除|修改|编辑/.test(b), `审计日志页有按钮“${b}”`)
        await page.goto('/audit?page_size=20')
        await page.locator('.el-pagination').waitFor()
        await page.locator('.el-pagination .btn-next').click()
        await page.waitForURL(/page=2/)
        await table.locator('.el-table__row').first().waitFor()
      },
      { skip: noAdmins },
    )

    await check(
      '审计日志：按结果与时间范围筛选（截止早于起始时错误在“截止时间”旁）；导出 CSV，表头以“序号”开头，条数与筛选一致',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signInBinding(page, admins.audit, outDir)
        await page.goto('/audit')
        const table = page.getByTestId('audit-table')
        await table.locator('.el-table__row').first().waitFor()
        // An end before the start: the API refuses it by `until`, shown under that field.
        await choose(page, page, '结果', '失败')
        const since = page.getByRole('combobox', { name: '起始时间' })
        const until = page.getByRole('combobox', { name: '截止时间' })
        for (const [box, value] of [
          [since, `${chinaDate()} 12:00`],
          [until, `${chinaDate()} 08:00`],
        ]) {
          await box.click()
          await box.fill(value)
          await box.press('Enter')
        }
        await page.keyboard.press('Escape')
        const refused = await answered(page, '/api/v1/audit?', () => page.getByRole('button', { name: '查询' }).click())
        expect(refused.status() === 422, `截止早于起始 → ${refused.status()}`)
        const untilError = page.getByTestId('audit-until-error')
        await untilError.waitFor()
        expect(/截止时间/.test(await untilError.innerText()), `截止时间旁的错误为 ${await untilError.innerText()}`)
        await settle(page)
        await shoot(page, outDir, 'audit-range-refused')

        // Today's failed sign-ins (the wrong password, the wrong codes of this run).
        await page.goto(`/audit?outcome=failure&since=${chinaMinute()}`)
        await table.locator('.el-table__row').first().waitFor()
        const totalText = await page.getByRole('status').filter({ hasText: /共 \d+ 条/ }).innerText()
        const total = Number(/共 (\d+) 条/.exec(totalText)[1])
        expect(total >= 1, `今天的失败记录为 ${total} 条`)
        const outcomes = await table.locator('.el-table__row .el-tag').allInnerTexts()
        expect(outcomes.length && outcomes.every((o) => o.trim() === '失败'), `筛选“失败”后结果为 ${outcomes.join('、')}`)
        const api = await (
          await fetch(
            `${baseUrl}/api/v1/audit?outcome=failure&since=${encodeURIComponent(`${chinaDate()}T00:00:00+08:00`)}&page_size=1`,
            { headers: { Authorization: `Bearer ${await tokenOf(page)}` } },
          )
        ).json()
        expect(api.total === total, `页面 ${total} 条，API ${api.total} 条`)

        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()])
        expect(/\.csv$/.test(download.suggestedFilename()), `导出的文件名为 ${download.suggestedFilename()}`)
        const text = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '')
        const rows = csvRows(text)
        expect(rows[0][0] === '序号', `CSV 表头为 ${rows[0].join(',')}`)
        const outcome = rows[0].indexOf('结果')
        expect(outcome > 0, `CSV 表头没有“结果”：${rows[0].join(',')}`)
        expect(rows.length - 1 === total, `CSV 有 ${rows.length - 1} 条，页面筛选为 ${total} 条`)
        expect(rows.slice(1).every((r) => r[outcome] === 'failure'), 'CSV 中有非失败的记录')
        // The export is itself recorded.
        await page.goto('/audit?action=export&entity=audit_log')
        await table.getByText(/导出 · (审计日志|audit_log)/).first().waitFor()
      },
      { skip: noAdmins },
    )

    await check(
      '各管理屏幕 1280 与 375 截图，手机上不横向滚动',
      async (t) => {
        await shootBoth(t, county.admin, '/users', 'admin-users', (p) => p.getByTestId('users-table').getByText('e2e-admin').waitFor())
        await shootBoth(t, county.admin, '/users?tab=keys', 'admin-api-keys', (p) => p.getByTestId('api-keys-table').getByText('县OA系统').waitFor())
        await shootBoth(t, county.admin, '/settings', 'admin-settings', (p) => p.getByTestId('jurisdiction-form').waitFor())
        await shootBoth(t, county.admin, '/webhooks', 'admin-webhooks', (p) => p.getByTestId('webhooks-table').getByText('县OA系统').waitFor())
        await shootBoth(t, county.accounts.handler, '/reply-templates', 'reply-templates', (p) => p.getByTestId('templates-list').waitFor())
        if (admins.security) {
          await shootBoth(t, admins.security, '/grants', 'admin-grants', (p) => p.getByTestId('users-table').getByText('e2e-admin').waitFor())
        }
        if (admins.audit) {
          await shootBoth(t, admins.audit, '/audit', 'admin-audit', (p) => p.getByText('登录 · 用户').first().waitFor())
        }
      },
      { skip },
    )
  },
}
