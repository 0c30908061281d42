/**
 * Every main screen, by the role that works in it, screenshotted at 1280×800 and 375×812; and
 * the phone work done at 375 px without sideways scrolling: an item's deadlines with their
 * explanations, a visit card, the unit's key items, a liaison's feedback form (dissatisfied),
 * which the office refers and the unit follows up; the office's queue of dissatisfied forms
 * awaiting referral (GET /feedback), referred from there.
 */
import { chinaDate } from './lib/seed.mjs'
import { choose, DESKTOP, expectFits, PHONE, settle, shoot, signIn } from './lib/pages.mjs'
import { expect } from './lib/runner.mjs'

async function createItem(county, number, title, { assign = true, second = chinaDate(-2) } = {}) {
  const item = await county.api.post('/items', {
    session_id: county.session.id,
    number,
    title,
    content: `${title}的内容。`,
    topic: '交通',
    proposers: [{ proposer_id: county.deputies[0].id, is_lead: true }],
    second_assignment: second,
    first_assignment: chinaDate(-2),
  })
  if (assign) {
    await county.api.call('PUT', `/items/${item.id}/assignments`, {
      units: [{ unit_id: county.units.jt.id, role: 'main' }],
    })
  }
  return item
}

async function visit(page, outDir, path, name, ready) {
  await page.goto(path)
  await ready(page)
  await settle(page)
  await shoot(page, outDir, name)
}

export default {
  title: '各屏幕（1280×800 与 375×812）与其余工作流程',
  async run({ runner, outDir, state, baseUrl }) {
    const county = state.county
    const skip = county ? undefined : (state.seedError ?? '没有测试数据')
    const flow = state.flow ?? {}
    const items = (state.items = {})

    await runner.check(
      '准备：通过 API 新建三件（两件标题相近，一件待交办）',
      async () => {
        items.a = await createItem(county, 16, '关于增开城乡公交线路的建议')
        items.b = await createItem(county, 17, '关于增开城乡公交班次线路的建议')
        items.c = await createItem(county, 18, '关于规范校车管理的建议', { assign: false, second: null })
      },
      { skip },
    )

    await runner.check(
      '办公室各屏幕：首页、列表、详情、交办、重点督办、并案、审核、反馈、督查、承办单位',
      async (t) => {
        for (const viewport of [DESKTOP, PHONE]) {
          const page = await t.page(viewport)
          await signIn(page, county.accounts.office)
          await page.getByTestId('office-home').waitFor()
          await page.getByTestId('count-total').getByText(/\d+/).waitFor()
          await settle(page)
          await shoot(page, outDir, 'home-office')
          await visit(page, outDir, '/items', 'items', (p) => p.getByTestId('items-table').getByText('第18号建议').waitFor())
          await visit(page, outDir, `/items/${flow.itemId ?? items.a.id}`, 'item-overview', (p) =>
            p.getByTestId('item-deadlines').waitFor(),
          )
          await visit(page, outDir, `/items/${flow.itemId ?? items.a.id}?tab=timeline`, 'item-timeline', (p) =>
            p.getByTestId('timeline').locator('.el-timeline-item').first().waitFor(),
          )
          await visit(page, outDir, '/assignments', 'assignments', (p) => p.getByText('关于规范校车管理的建议').waitFor())
          await visit(page, outDir, '/key-items', 'key-items', (p) => p.getByTestId('leader-table').waitFor())
          await visit(page, outDir, '/merges', 'merges', (p) => p.getByTestId('merge-form').waitFor())
          await visit(page, outDir, '/reviews', 'reviews-queue', (p) => p.getByTestId('reviews-table').waitFor())
          await visit(page, outDir, '/feedback', 'feedback-office', (p) => p.getByTestId('referrals-table').waitFor())
          await visit(page, outDir, '/supervision', 'supervision', (p) => p.getByTestId('supervision-table').waitFor())
          await visit(page, outDir, '/units', 'units', (p) => p.getByTestId('units-table').getByText('县交通运输局').waitFor())
          if (viewport === PHONE) await expectFits(page)
        }
      },
      { skip },
    )

    await runner.check(
      '手机 375：经办人查看期限、填写走访卡、设定重点处理件，页面不横向滚动',
      async (t) => {
        const page = await t.page(PHONE)
        await signIn(page, county.accounts.handler)
        await settle(page)
        await shoot(page, outDir, 'home-unit-phone')
        await page.goto(`/items/${flow.itemId}`)
        const deadlines = page.getByTestId('item-deadlines')
        await deadlines.locator('[data-testid=deadline]').first().waitFor()
        await expectFits(page)
        await deadlines.getByRole('button', { name: /答复代表委员的计算依据/ }).first().click()
        await page.locator('[data-testid=explanation-text]:visible').filter({ hasText: '起算日' }).waitFor()
        await settle(page)
        await shoot(page, outDir, 'item-deadlines')
        await page.keyboard.press('Escape')
        await page.goto('/visits')
        await page.getByText('关于增开城乡公交线路的建议').click()
        const card = page.getByTestId('visit-card')
        await card.getByText('面对面').click()
        await card.getByRole('textbox', { name: '走访地点' }).fill('代表工作单位')
        await card.getByRole('textbox', { name: '走访人员' }).fill('县交通运输局 田胜春 徐梅亚')
        await card.getByRole('textbox', { name: '对办理态度的意见' }).fill('态度诚恳')
        await expectFits(page)
        await settle(page)
        await shoot(page, outDir, 'visit-card')
        await card.getByTestId('visit-save').click()
        await page.getByTestId('recent-visits').getByText('张建国').waitFor()
        await expectFits(page)
        await page.goto('/key-items')
        const key = page.getByTestId('unit-key-items')
        await key.getByText('关于增开城乡公交线路的建议').click()
        await key.getByRole('button', { name: '保存重点处理件' }).click()
        await key.getByText('已保存').waitFor()
        await settle(page)
        await shoot(page, outDir, 'key-items-unit')
      },
      { skip: skip ?? (flow.itemId ? undefined : '流程未建立建议') },
    )

    await runner.check(
      '手机 375：人大联络员录入“不满意”征询意见表；办公室交办；经办人填写跟进',
      async (t) => {
        const liaison = await t.page(PHONE)
        await signIn(liaison, county.accounts.npc)
        await liaison.goto('/feedback')
        await choose(liaison, liaison, '选择建议提案', '关于加快农村公路提档升级的建议', { search: '农村公路' })
        const form = liaison.getByTestId('feedback-form')
        await form.waitFor()
        await form.getByText('不满意', { exact: true }).click()
        await form.getByRole('textbox', { name: '对办理结果的意见' }).fill('进度太慢，希望明年完成。')
        await form.getByText('希望与承办单位当面沟通').click()
        await expectFits(liaison)
        await settle(liaison)
        await shoot(liaison, outDir, 'feedback-entry')
        await form.getByTestId('feedback-save').click()
        await form.getByText('不满意意见将由县政府办公室交办承办单位').waitFor()
        await expectFits(liaison)

        const office = await t.page(DESKTOP)
        await signIn(office, county.accounts.office)
        await office.goto(`/items/${flow.itemId}?tab=feedback`)
        await office.getByRole('button', { name: '交办不满意意见' }).click()
        const refer = office.getByRole('dialog', { name: '交办不满意意见' })
        await refer.getByRole('textbox', { name: '交办意见' }).fill('请当面沟通并书面反馈。')
        await refer.getByRole('button', { name: '交办' }).click()
        await refer.waitFor({ state: 'hidden' })
        await office.getByText('已交办跟进').waitFor()

        const unit = await t.page(PHONE)
        await signIn(unit, county.accounts.handler)
        await unit.goto('/feedback')
        const table = unit.getByTestId('referrals-table')
        await table.getByRole('button', { name: '填写跟进' }).first().click()
        const dialog = unit.getByRole('dialog', { name: '不满意件跟进' })
        await dialog.getByRole('textbox', { name: '当面沟通日期' }).fill(chinaDate())
        await dialog.getByRole('textbox', { name: '跟进情况' }).fill('已与代表当面沟通，说明明年计划。')
        await dialog.getByRole('button', { name: '保存' }).click()
        await dialog.waitFor({ state: 'hidden' })
        await table.getByText('已与代表当面沟通').waitFor()
        await settle(unit)
        await shoot(unit, outDir, 'feedback-unit')
      },
      { skip: skip ?? (flow.itemId ? undefined : '流程未建立建议') },
    )

    await runner.check(
      '待交办的不满意意见：新录入的“不满意”征询意见表列在办公室的队列中（与 GET /feedback 一致），交办后离开队列并进入跟进列表',
      async (t) => {
        const comment = '路面修好后又出现坑槽，希望彻底整治。'
        const form = await county.api.post(`/items/${flow.itemId}/feedback`, {
          unit_id: county.units.jt.id,
          proposer_id: county.deputies[1].id,
          received_on: chinaDate(),
          satisfaction: 'dissatisfied',
          result_comment: comment,
          wants_face_to_face: true,
        })
        for (const viewport of [PHONE, DESKTOP]) {
          const page = await t.page(viewport)
          await signIn(page, county.accounts.office)
          await page.goto('/feedback')
          const queue = page.getByTestId('awaiting-referral-table')
          await queue.getByText(comment).waitFor()
          await settle(page)
          if (viewport === PHONE) {
            await expectFits(page)
            await shoot(page, outDir, 'feedback-queue')
            continue
          }
          const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('banli.auth') ?? '{}').token)
          const awaiting = await (await fetch(`${baseUrl}/api/v1/feedback`, { headers: { Authorization: `Bearer ${token}` } })).json()
          expect(awaiting.some((f) => f.id === form.id), `GET /feedback 未列出征询意见表 ${form.id}`)
          const rows = queue.locator('.el-table__body-wrapper .el-table__row')
          expect((await rows.count()) === awaiting.length, `队列有 ${await rows.count()} 行，接口 ${awaiting.length} 条`)
          const row = rows.filter({ hasText: comment })
          const text = await row.innerText()
          for (const part of ['第15号建议', '县交通运输局', '不满意', '希望当面沟通']) {
            expect(text.includes(part), `队列中的行为「${text}」，缺「${part}」`)
          }
          const referralsBefore = await page.getByTestId('referrals-table').locator('.el-table__body-wrapper .el-table__row').count()
          await row.getByRole('button', { name: /^交办：/ }).click()
          const dialog = page.getByRole('dialog', { name: '交办不满意意见' })
          await dialog.getByRole('textbox', { name: '交办意见' }).fill('请再次当面沟通并书面反馈整治计划。')
          await dialog.getByRole('button', { name: '交办' }).click()
          await dialog.waitFor({ state: 'hidden' })
          await queue.getByText(comment).waitFor({ state: 'detached' })
          await page
            .getByTestId('referrals-table')
            .locator('.el-table__body-wrapper .el-table__row')
            .nth(referralsBefore)
            .waitFor()
          const after = await (await fetch(`${baseUrl}/api/v1/feedback`, { headers: { Authorization: `Bearer ${token}` } })).json()
          expect(!after.some((f) => f.id === form.id), '交办后 GET /feedback 仍列出该表')
          const referred = (await county.api.get(`/items/${flow.itemId}/feedback`)).find((f) => f.id === form.id)
          expect(referred?.referral_id, '交办后征询意见表没有交办记录')
          await page.reload()
          await page.getByTestId('awaiting-referral-table').waitFor()
          await settle(page)
          expect(!(await page.getByText(comment).count()), '刷新后队列中仍有已交办的表')
        }
      },
      { skip: skip ?? (flow.itemId ? undefined : '流程未建立建议') },
    )
  },
}
