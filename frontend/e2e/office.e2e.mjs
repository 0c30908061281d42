/**
 * The office's other workflows and the tools of issue 6, in the browser: the assignment queue,
 * re-assignment requests, merges and their undo, co-opinions, downloads (ledger, KPI sheet and
 * yearly summary, circular, reply letter), a supervision record with its refusal by the field,
 * a reset password changed first (等保), and the calendar arrangement editor; the merge groups in
 * force listed from GET /merges and undone there; the home page's figures from one request
 * (GET /items/overview), equal to what the API counts.
 */
import { chinaDate } from './lib/seed.mjs'
import { choose, DESKTOP, PHONE, settle, shoot, signIn } from './lib/pages.mjs'
import { expect } from './lib/runner.mjs'

const STATES = ['unassigned', 'open', 'due_soon', 'overdue', 'done']

/** GET `path` of the API with the session the page holds (the page's own user sees the same). */
async function apiOfPage(page, baseUrl, path) {
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('banli.auth') ?? '{}').token)
  const res = await fetch(`${baseUrl}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } })
  if (!res.ok) throw new Error(`GET ${path} → ${res.status} ${await res.text()}`)
  return res.json()
}

/** The paths and queries of the API calls a page makes under `prefix`, from now on. */
function recordCalls(page, prefix) {
  const calls = []
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (url.pathname.startsWith(prefix)) calls.push({ path: url.pathname, query: url.searchParams })
  })
  return calls
}

export default {
  title: '办公室的其余工作流程与工具',
  async run({ runner, outDir, state, baseUrl }) {
    const county = state.county
    const skip = county ? undefined : (state.seedError ?? '没有测试数据')
    const flow = state.flow ?? {}
    const items = state.items ?? {}
    const noItems = skip ?? (items.c ? undefined : '准备步骤未建立建议')

    await runner.check(
      '交办队列：勾选待交办的件批量交办',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.office)
        await page.goto('/assignments')
        await page.getByRole('checkbox', { name: '选择第18号建议' }).check()
        await page.getByRole('button', { name: /交办所选（1）/ }).click()
        const dialog = page.getByRole('dialog', { name: '交办：第18号建议' })
        await choose(dialog, page, '主办单位', '县交通运输局')
        await dialog.getByTestId('assign-save').click()
        await dialog.waitFor({ state: 'hidden' })
        await page.getByTestId('items-table').getByText('关于规范校车管理的建议').waitFor({ state: 'detached' })
      },
      { skip: noItems },
    )

    await runner.check(
      '调整申请：承办单位申请调整，办公室不同意',
      async (t) => {
        const unit = await t.page(DESKTOP)
        await signIn(unit, county.accounts.handler)
        await unit.goto(`/items/${items.c.id}`)
        await unit.getByRole('button', { name: '申请调整承办单位', exact: true }).click()
        const dialog = unit.getByRole('dialog', { name: '申请调整承办单位' })
        await dialog.getByRole('textbox', { name: '申请理由' }).fill('校车管理属教育部门职责，建议改由县教育体育局承办。')
        await dialog.getByRole('textbox', { name: '建议承办单位' }).fill('县教育体育局')
        await dialog.getByRole('button', { name: '提交申请' }).click()
        await dialog.waitFor({ state: 'hidden' })
        const office = await t.page(DESKTOP)
        await signIn(office, county.accounts.office)
        await office.goto('/assignments?tab=requests')
        const table = office.getByTestId('reassignment-table')
        await table.getByText('校车管理属教育部门职责').waitFor()
        await settle(office)
        await shoot(office, outDir, 'reassignment-queue')
        await table.getByRole('button', { name: '处理' }).click()
        const decide = office.getByRole('dialog', { name: /处理调整申请/ })
        await decide.getByText('不同意').click()
        await decide.getByRole('textbox', { name: '处理说明' }).fill('校车安全由交通运输部门牵头。')
        await decide.getByRole('button', { name: '确定' }).click()
        await decide.waitFor({ state: 'hidden' })
        await table.getByText('校车管理属教育部门职责').waitFor({ state: 'detached' })
      },
      { skip: noItems },
    )

    await runner.check(
      '并案：列表勾选两件 → 并案（提示相似件）→ 撤销并案',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.office)
        await page.goto('/items?q=公交')
        for (const label of ['第16号建议', '第17号建议']) {
          await page.getByRole('checkbox', { name: `选择${label}` }).check()
        }
        await page.getByRole('button', { name: '并案办理' }).click()
        await page.waitForURL(/\/merges\?ids=/)
        const form = page.getByTestId('merge-form')
        await form.getByText('关于增开城乡公交班次线路的建议').waitFor()
        await page.getByRole('textbox', { name: '并案理由' }).fill('均涉及城乡公交线路')
        await page.getByRole('button', { name: '并案（2 件）' }).click()
        await page.getByText(/已并案：第16、17号/).waitFor()
        const group = page.locator('[data-group]').first()
        await group.getByText('关于增开城乡公交线路的建议').waitFor()
        await settle(page)
        await shoot(page, outDir, 'merges-done')
        await group.getByRole('button', { name: '撤销并案' }).click()
        await page.getByText('尚无并案').waitFor()
        await page.goto(`/merges?ids=${items.a.id}`)
        await page.getByTestId('merge-suggestions').getByText('关于增开城乡公交班次线路的建议').waitFor()
      },
      { skip: noItems },
    )

    await runner.check(
      '现有并案组：GET /merges 的组逐一列出（编号、主办单位、理由、各件链接），按 id 一次取件；撤销后从列表和接口消失',
      async (t) => {
        const group = await county.api.post('/merges', { item_ids: [items.a.id, items.b.id], reason: '均涉及城乡公交线路（接口并案）' })
        const page = await t.page(DESKTOP)
        const calls = recordCalls(page, '/api/v1/items')
        await signIn(page, county.accounts.office)
        await page.goto('/merges')
        const listed = await apiOfPage(page, baseUrl, '/merges')
        expect(listed.some((g) => g.id === group.id), `GET /merges 未列出并案组 ${group.id}`)
        const groups = page.getByTestId('merge-groups')
        const row = groups.locator(`[data-group="${group.id}"]`)
        await row.getByText('关于增开城乡公交班次线路的建议').waitFor()
        expect((await groups.locator('[data-group]').count()) === listed.length, `页面列出 ${await groups.locator('[data-group]').count()} 组，接口 ${listed.length} 组`)
        const text = await row.innerText()
        for (const part of [`第${group.numbers.join('、')}号`, '主办单位：县交通运输局', '均涉及城乡公交线路（接口并案）']) {
          expect(text.includes(part), `并案组显示为「${text}」，缺「${part}」`)
        }
        for (const id of group.item_ids) {
          expect((await row.locator(`a[href="/items/${id}"]`).count()) === 1, `并案组中没有到 /items/${id} 的链接`)
        }
        // The members are read in one request by their ids, not the whole list nor one by one.
        const byIds = calls.filter((c) => c.path === '/api/v1/items' && c.query.getAll('ids').length)
        expect(byIds.length >= 1, '并案页未按 ids 读取各件')
        expect(!calls.some((c) => /^\/api\/v1\/items\/\d+$/.test(c.path)), '并案页逐件读取建议提案')
        expect(!calls.some((c) => c.path === '/api/v1/items' && c.query.get('page_size') === '500' && !c.query.getAll('ids').length), '并案页读取了全部建议提案')
        await settle(page)
        await shoot(page, outDir, 'merges-groups')
        await row.getByRole('link', { name: /第16号建议/ }).click()
        await page.waitForURL(new RegExp(`/items/${items.a.id}$`))
        await page.goBack()
        await row.getByRole('button', { name: '撤销并案' }).click()
        await row.waitFor({ state: 'detached' })
        const after = await apiOfPage(page, baseUrl, '/merges')
        expect(!after.some((g) => g.id === group.id), `撤销后 GET /merges 仍列出并案组 ${group.id}`)
        const item = await county.api.get(`/items/${items.a.id}`)
        expect(item.merge_group_id === null, `撤销后第16号的并案组为 ${item.merge_group_id}`)
      },
      { skip: noItems },
    )

    await runner.check(
      '会办单位填写会办意见并送达主办单位',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.coHandler)
        await page.goto(`/items/${flow.itemId}?tab=co`)
        const editor = page.getByTestId('co-opinion-editor')
        await editor.getByRole('textbox', { name: '会办意见正文' }).fill('我局同意主办单位意见，将配合做好学校周边道路改造。')
        await editor.getByTestId('co-opinion-deliver').click()
        await page.getByText(/已于 .* 送达主办单位/).waitFor()
        await settle(page)
        await shoot(page, outDir, 'co-opinion')
      },
      { skip: skip ?? (flow.itemId ? undefined : '流程未建立建议') },
    )

    await runner.check(
      '下载：台账、考核表、年度总结草稿、通报草稿、答复函（中文文件名）',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.office)
        const expectDownload = async (action, pattern) => {
          const [download] = await Promise.all([page.waitForEvent('download'), action()])
          const name = download.suggestedFilename()
          expect(pattern.test(name), `下载的文件名为 ${name}`)
        }
        await page.goto(`/items?year=${county.year}`)
        await expectDownload(() => page.getByRole('button', { name: '导出台账' }).click(), /[\u4e00-\u9fa5].*\.xlsx$/)
        await page.goto(`/kpi?year=${county.year}`)
        await page.getByTestId('kpi-as-of').waitFor()
        await expectDownload(() => page.getByRole('button', { name: '导出考核表' }).click(), /[\u4e00-\u9fa5].*\.xlsx$/)
        await expectDownload(() => page.getByRole('button', { name: '年度总结草稿' }).click(), /\.docx$/)
        await page.goto('/supervision')
        await expectDownload(() => page.getByRole('button', { name: '下载通报草稿' }).click(), /\.docx$/)
        await page.goto(`/items/${flow.itemId}?tab=reply`)
        await expectDownload(() => page.getByRole('button', { name: '下载答复函' }).first().click(), /\.(docx|zip)$/)
      },
      { skip: skip ?? (flow.itemId ? undefined : '流程未建立建议') },
    )

    await runner.check(
      '督查：新增约谈记录，未指明单位时错误显示在“涉及单位”旁',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.office)
        await page.goto('/supervision')
        await page.getByRole('button', { name: '新增督查记录' }).click()
        const dialog = page.getByRole('dialog', { name: '新增督查记录' })
        await choose(dialog, page, '督查类型', '约谈')
        await dialog.getByRole('textbox', { name: '标题' }).fill('约谈县交通运输局分管领导')
        await dialog.getByRole('button', { name: '保存' }).click()
        const error = dialog.locator('.el-form-item', { has: page.locator('label:text-is("涉及单位")') }).locator('.el-form-item__error')
        await error.waitFor()
        expect((await error.innerText()).includes('单位'), `涉及单位旁的错误为 ${await error.innerText()}`)
        await choose(dialog, page, '涉及单位', '县交通运输局', { close: true })
        await dialog.getByRole('button', { name: '保存' }).click()
        await dialog.waitFor({ state: 'hidden' })
        await page.getByTestId('supervision-table').getByText('约谈县交通运输局分管领导').waitFor()
      },
      { skip },
    )

    await runner.check(
      '密码被管理员重置后登录：先修改密码（等保），再进入首页',
      async (t) => {
        const account = county.accounts.auditor
        const users = await county.api.get('/users')
        const user = users.find((u) => u.username === account.username)
        const reset = `Reset-${Date.now()}#a`
        await county.api.call('PATCH', `/users/${user.id}`, { password: reset })
        const page = await t.page(PHONE)
        await signIn(page, { ...account, password: reset }, { viaForm: true, expectPath: '/password' })
        await page.getByText('您的密码已过期或由管理员重置').waitFor()
        await page.goto('/items')
        await page.waitForURL(/\/password$/)
        const renewed = `Renewed-${Date.now()}#b`
        await page.getByLabel('原密码').fill(reset)
        await page.getByLabel('新密码', { exact: true }).fill(renewed)
        await page.getByLabel('确认新密码').fill(renewed)
        await settle(page)
        await shoot(page, outDir, 'password-change')
        await page.getByRole('button', { name: '修改密码' }).click()
        await page.waitForURL((url) => url.pathname === '/')
        await page.getByTestId('office-home').waitFor()
        account.password = renewed
      },
      { skip },
    )

    await runner.check(
      '办公室首页：各状态件数与逾期单位来自一次 GET /items/overview，与接口和列表筛选的计数一致',
      async (t) => {
        // An item assigned half a year ago is overdue: the unit list has something to show.
        const late = await county.api.post('/items', {
          session_id: county.session.id,
          number: 31,
          title: '关于改善乡村学校供暖条件的建议',
          content: '关于改善乡村学校供暖条件的建议的内容。',
          topic: '教育',
          proposers: [{ proposer_id: county.deputies[1].id, is_lead: true }],
          first_assignment: chinaDate(-200),
          second_assignment: chinaDate(-200),
        })
        await county.api.call('PUT', `/items/${late.id}/assignments`, {
          units: [{ unit_id: county.units.jy.id, role: 'main' }],
        })
        for (const viewport of [DESKTOP, PHONE]) {
          const page = await t.page(viewport)
          const calls = recordCalls(page, '/api/v1/items')
          await signIn(page, county.accounts.office)
          await page.getByTestId('office-home').waitFor()
          await page.getByTestId('count-total').getByText(/\d+/).waitFor()
          await settle(page)
          const overview = await apiOfPage(page, baseUrl, '/items/overview')
          const shown = async (key) => Number((await page.getByTestId(`count-${key}`).innerText()).trim())
          expect((await shown('total')) === overview.total, `全部：页面 ${await shown('total')}，接口 ${overview.total}`)
          for (const s of STATES) {
            const n = overview.by_state[s] ?? 0
            expect((await shown(s)) === n, `${s}：页面 ${await shown(s)}，接口 ${n}`)
          }
          expect(overview.by_state.overdue >= 1, `接口的逾期件数为 ${overview.by_state.overdue}`)
          const units = page.getByRole('list', { name: '逾期单位' }).locator('li')
          const texts = (await units.allInnerTexts()).map((x) => x.replace(/\s+/g, ''))
          const expected = overview.overdue_by_unit.filter((u) => u.overdue > 0).map((u) => `${u.unit_name}${u.overdue}件`)
          expect(texts.join('|') === expected.join('|'), `逾期单位：页面 ${texts.join('、')}，接口 ${expected.join('、')}`)
          expect(expected.some((x) => x.startsWith('县教育体育局')), `逾期单位中没有县教育体育局：${expected.join('、')}`)
          // One request for the figures: no count per state or per unit any more.
          expect(calls.filter((c) => c.path === '/api/v1/items/overview').length === 1, '首页未调用或多次调用 GET /items/overview')
          const counting = calls.filter(
            (c) => c.path === '/api/v1/items' && (c.query.get('unit_id') || (c.query.get('state') ?? 'due_soon') !== 'due_soon'),
          )
          expect(!counting.length, `首页仍逐项计数：${counting.map((c) => c.query.toString()).join('；')}`)
          if (viewport === DESKTOP) {
            // The overview counts as the list's filters count.
            for (const s of STATES) {
              const list = await apiOfPage(page, baseUrl, `/items?state=${s}&page_size=1`)
              expect(list.total === (overview.by_state[s] ?? 0), `${s}：概况 ${overview.by_state[s]}，列表筛选 ${list.total}`)
            }
            for (const u of overview.overdue_by_unit) {
              const list = await apiOfPage(page, baseUrl, `/items?state=overdue&unit_id=${u.unit_id}&page_size=1`)
              expect(list.total === u.overdue, `${u.unit_name}：概况逾期 ${u.overdue}，列表筛选 ${list.total}`)
            }
            await units.filter({ hasText: '县教育体育局' }).getByRole('link').click()
            await page.waitForURL(new RegExp(`/items\\?.*unit_id=${county.units.jy.id}`))
            await page.getByTestId('items-table').getByText('关于改善乡村学校供暖条件的建议').waitFor()
          }
          await settle(page)
          await shoot(page, outDir, 'home-office-overview')
        }
      },
      { skip: noItems },
    )

    await runner.check(
      '工作日历：管理员录入次年放假安排，显示重新计算的件数',
      async (t) => {
        for (const viewport of [DESKTOP, PHONE]) {
          const page = await t.page(viewport)
          await signIn(page, county.admin)
          await page.goto('/calendar')
          const editor = page.getByTestId('arrangement-editor')
          await editor.waitFor()
          if (viewport === DESKTOP) {
            await editor.getByRole('button', { name: '添加放假日' }).click()
            await editor.getByRole('textbox', { name: '放假日1日期' }).fill(`${county.year + 1}-01-01`)
            await editor.getByRole('textbox', { name: '放假日1名称' }).fill('元旦')
            await editor.getByRole('button', { name: '保存并重新计算期限' }).click()
            const result = await editor.getByTestId('recomputed').innerText()
            expect(/重新计算了 \d+ 件/.test(result), `保存结果为 ${result}`)
          }
          await settle(page)
          await shoot(page, outDir, 'calendar-editor')
        }
      },
      { skip },
    )
  },
}
