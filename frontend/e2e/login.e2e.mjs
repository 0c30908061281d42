/**
 * 登录 and the guarded shell. The signed-out redirect is the SPA's alone and always runs; checks
 * that need POST /api/v1/auth/token run only once the OpenAPI document lists it, and the signed-in
 * ones only when the harness could make an account (`banli create-admin`).
 */
import { DESKTOP, PHONE, settle, shoot, submitLogin } from './lib/pages.mjs'
import { expect } from './lib/runner.mjs'
import { totpCode } from './lib/totp.mjs'

/** The form, with 动态口令 when the account has bound an authenticator (the harness's admin has). */
async function signIn(page, username, password, totpSecret) {
  await submitLogin(page, { username, password, totpSecret })
}

/** The office administrator's menu: the office's work, then the system administrator's screens. */
const OFFICE_MENU = [
  '首页', '建议提案', '批量导入', '交办', '重点督办', '并案', '答复审核', '反馈', '督查', '考核', '工作日历', '承办单位',
  '答复模板', '用户管理', '系统配置', 'Webhook 订阅', '答复公开',
]

export default {
  title: '登录',
  async run({ runner, openapi, outDir, database, state }) {
    const paths = openapi?.paths ?? {}
    const hasAuth = Boolean(paths['/api/v1/auth/token']?.post && paths['/api/v1/auth/me']?.get)
    const noAuth = hasAuth ? undefined : 'OpenAPI 文档中尚无 POST /api/v1/auth/token 与 GET /api/v1/auth/me'
    const account = database?.account
    const noAccount = noAuth ?? (account ? undefined : (database?.reason ?? '没有测试账号'))

    await runner.check('未登录访问首页：跳转到登录页', async (t) => {
      for (const viewport of [DESKTOP, PHONE]) {
        const page = await t.page(viewport)
        await page.goto('/')
        await page.waitForURL(/\/login/)
        await page.getByRole('textbox', { name: '用户名' }).waitFor()
        await page.getByRole('textbox', { name: '密码' }).waitFor()
        await settle(page)
        await shoot(page, outDir, 'login')
      }
    })

    await runner.check(
      '未登录访问受保护页面：登录页记下要回到的地址',
      async (t) => {
        const page = await t.page(DESKTOP)
        await page.goto('/kpi')
        await page.waitForURL(/\/login\?redirect=(%2F|\/)kpi$/)
      },
      { skip: state.deepLinks ? undefined : 'API 尚未提供 SPA 回退' },
    )

    await runner.check(
      '密码错误：表单下方显示中文错误（401 problem+json）',
      async (t) => {
        const page = await t.page(DESKTOP)
        await page.goto('/login')
        const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/token'))
        await signIn(page, 'no-such-user', 'wrong-password')
        const res = await answered
        expect(res.status() === 401, `POST /auth/token 返回 ${res.status()}`)
        const alert = page.getByTestId('login-error')
        await alert.waitFor()
        const text = await alert.innerText()
        expect(/[\u4e00-\u9fa5]/.test(text), `错误信息不是中文：${text}`)
        expect(page.url().includes('/login'), '登录失败后应留在登录页')
        const underField = await page.locator('.el-form-item__error').count()
        expect(underField === 0, '401 的错误只显示在表单下方，不应重复显示在输入框旁')
        await settle(page)
        await shoot(page, outDir, 'login-error')
      },
      { skip: noAuth },
    )

    await runner.check(
      '动态口令：已绑定的账号未填口令时在“动态口令”旁提示“请输入动态口令”，填错时提示“动态口令错误”，填对后进入首页',
      async (t) => {
        const page = await t.page(PHONE)
        await page.goto('/login')
        await page.getByRole('textbox', { name: '用户名' }).fill(account.username)
        await page.getByRole('textbox', { name: '密码' }).fill(account.password)
        const code = page.getByRole('textbox', { name: '动态口令' })
        const underCode = page.locator('.el-form-item', { has: page.locator('label:text-is("动态口令")') }).locator('.el-form-item__error')
        const send = () => page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/token')).then(async (r) => [r.status(), await r.json()])
        let answer = send()
        await page.getByTestId('login-submit').click()
        let [status, body] = await answer
        expect(status === 401 && body.field === 'totp', `未填口令 → ${status} ${JSON.stringify(body)}`)
        await underCode.getByText('请输入动态口令').waitFor()
        expect(!(await page.getByTestId('login-error').count()), '要求动态口令时表单下方另有错误提示')
        expect(await code.evaluate((e) => e === document.activeElement), '动态口令输入框未获得焦点')
        await settle(page)
        await shoot(page, outDir, 'login-totp-asked')
        const right = totpCode(account.totpSecret)
        await code.fill(right === '000000' ? '111111' : '000000')
        answer = send()
        await page.getByTestId('login-submit').click()
        ;[status, body] = await answer
        expect(status === 401 && body.field === 'totp', `口令错误 → ${status} ${JSON.stringify(body)}`)
        await underCode.getByText('动态口令错误').waitFor()
        expect(!(await underCode.getByText('请输入动态口令').count()), '口令错误时仍提示“请输入动态口令”')
        expect(!(await page.getByTestId('login-error').count()), '口令错误时表单下方另有错误提示')
        await code.fill(totpCode(account.totpSecret))
        await page.getByTestId('login-submit').click()
        await page.waitForURL((url) => url.pathname === '/')
        await page.getByText(`您好，${account.displayName}`).waitFor()
      },
      { skip: noAccount ?? (account?.totpSecret ? undefined : '测试账号未绑定动态口令') },
    )

    await runner.check(
      '登录成功：进入首页，显示姓名；菜单按角色列出栏目；刷新后仍登录；可退出',
      async (t) => {
        for (const viewport of [DESKTOP, PHONE]) {
          const page = await t.page(viewport)
          await page.goto('/login')
          await signIn(page, account.username, account.password, account.totpSecret)
          await page.waitForURL((url) => url.pathname === '/')
          await page.getByText(`您好，${account.displayName}`).waitFor()
          await settle(page)
          await shoot(page, outDir, 'home-admin')
          if (viewport === PHONE) {
            await page.getByRole('button', { name: '打开导航菜单' }).click()
            const drawer = page.getByRole('dialog', { name: '导航菜单' })
            const items = await drawer.getByRole('menuitem').allInnerTexts()
            expect(items.length === OFFICE_MENU.length, `办公室菜单为 ${items.join('、')}`)
            await drawer.getByRole('menuitem', { name: '交办' }).click()
            await drawer.waitFor({ state: 'hidden' })
          } else {
            const menu = page.locator('.shell-aside')
            const items = (await menu.getByRole('menuitem').allInnerTexts()).map((s) => s.trim())
            expect(items.join('、') === OFFICE_MENU.join('、'), `办公室菜单为 ${items.join('、')}`)
            await menu.getByRole('menuitem', { name: '交办' }).click()
          }
          await page.getByRole('heading', { name: '交办' }).waitFor()
          await page.reload()
          await page.getByRole('heading', { name: '交办' }).waitFor()
          await page.locator('.user-button').click()
          await page.getByText('退出登录').click()
          await page.waitForURL(/\/login/)
        }
      },
      { skip: noAccount },
    )
  },
}
