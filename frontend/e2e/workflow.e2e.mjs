/**
 * The flow, as people do it in the browser against the real API: the office imports a
 * sheet (a dry run lists its problems by row and column first; another item is made by hand) →
 * assigns it (the R-AS-1 refusal shown by the field first) → the unit handler drafts the reply
 * (format problems live, R-RP-7) → the leader signs (R-RP-10) → the office returns it with a
 * reason → the handler fixes it → the leader signs again → the office approves, correcting the
 * class (R-RP-9) → sends it → publishes it → it appears on the public page, without login.
 */
import { chinaDate } from './lib/seed.mjs'
import { answered, choose, DESKTOP, PHONE, pickDate, settle, shoot, signIn } from './lib/pages.mjs'
import { expect } from './lib/runner.mjs'

const TITLE = '关于加快农村公路提档升级的建议'
const FIRST_BODY = '你提出的“关于加快农村公路提档升级的建议”收悉，现答复如下：我局将积极推进。'
const FIXED = '今年已完成农村公路提档升级42公里，明年计划再完成60公里，资金已列入预算。'

function errorUnder(scope, label) {
  return scope
    .locator('.el-form-item', { has: scope.page().locator(`label:text-is("${label}")`) })
    .locator('.el-form-item__error')
}

async function openReplyTab(page, itemId) {
  await page.goto(`/items/${itemId}?tab=reply`)
  await page.getByTestId('reply-panel').waitFor()
  await settle(page)
}

export default {
  title: '办理流程：导入 → 交办 → 起草 → 签发 → 退回 → 修改 → 审核通过 → 发出 → 公开',
  async run({ runner, outDir, state }) {
    const county = state.county
    const skip = county ? undefined : (state.seedError ?? '没有测试数据')
    const flow = (state.flow = {})

    await runner.check(
      '办公室批量导入：试导入列出问题（行、列、原因）；修正后正式导入，显示进度',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.office)
        await page.goto('/imports')
        const form = page.getByTestId('import-form')
        await form.waitFor()
        const header = '编号,标题,内容,领衔人,联名代表,类别,交办日期'
        const row = (date) => `15,${TITLE},农村公路等级低、路面窄，群众出行不便，建议加快提档升级。,张建国,李秀梅,交通,${date}`
        const sheet = (rows) => ({ name: '建议汇总.csv', mimeType: 'text/csv', buffer: Buffer.from(`${[header, ...rows].join('\n')}\n`) })
        await page.getByTestId('import-file').setInputFiles(sheet([row('2026-13-40'), '16,,缺少标题的一行,张建国,,交通,']))
        await page.getByTestId('import-check').click()
        const verdict = page.getByTestId('import-verdict')
        await verdict.getByText('文件有问题').waitFor({ timeout: 20_000 })
        const problems = await page.getByTestId('import-problems').innerText()
        expect(/第?\s*3\s*/.test(problems) && problems.includes('标题'), `问题列表应指出第3行“标题”：${problems}`)
        await settle(page)
        await shoot(page, outDir, 'import-problems')
        await page.getByRole('button', { name: '重新选择文件' }).click()
        await page.getByTestId('import-file').setInputFiles(sheet([row(chinaDate(-3))]))
        await page.getByTestId('import-check').click()
        await verdict.getByText('检查通过').waitFor({ timeout: 20_000 })
        await page.getByTestId('import-run').click()
        const done = page.getByTestId('import-done')
        await done.waitFor({ timeout: 30_000 })
        expect((await done.innerText()).includes('新增 1 件'), `导入结果为 ${await done.innerText()}`)
        await settle(page)
        await shoot(page, outDir, 'import-done')
        const found = await county.api.get(`/items?q=${encodeURIComponent('农村公路提档升级')}`)
        expect(found.total === 1, `导入后应有 1 件，实为 ${found.total}`)
        flow.itemId = found.items[0].id
      },
      { skip },
    )

    await runner.check(
      '办公室新建建议提案：空标题时错误显示在“标题”旁；保存后进入详情',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.office)
        await page.goto('/items')
        await page.getByRole('button', { name: '新建建议提案' }).click()
        const dialog = page.getByRole('dialog', { name: '新建建议提案' })
        await dialog.waitFor()
        await dialog.getByRole('spinbutton', { name: '编号' }).fill('14')
        await choose(dialog, page, '提出人', '张建国', { search: '张', close: true })
        const refused = await answered(page, '/api/v1/items', () =>
          dialog.getByRole('button', { name: '保存' }).click(),
        'POST')
        expect(refused.status() === 422, `空标题应被拒绝，实为 ${refused.status()}`)
        const titleError = errorUnder(dialog, '标题')
        await titleError.waitFor()
        expect(/[\u4e00-\u9fa5]/.test(await titleError.innerText()), '标题旁应有中文错误')
        await dialog.getByRole('textbox', { name: '标题' }).fill('关于完善农村客运站点建设的建议')
        await dialog.getByRole('textbox', { name: '内容' }).fill('建议在各乡镇完善农村客运站点。')
        await choose(dialog, page, '提出人', '李秀梅', { search: '李', close: true })
        await pickDate(dialog, page, '第二次交办日期', chinaDate(-3))
        await settle(page)
        await shoot(page, outDir, 'item-create')
        await dialog.getByRole('button', { name: '保存' }).click()
        await page.waitForURL(/\/items\/\d+/)
        await page.getByTestId('item-title').getByText('关于完善农村客运站点建设的建议').waitFor()
        const label = await page.getByTestId('item-label').innerText()
        expect(label.includes('第14号建议'), `编号显示为 ${label}`)
      },
      { skip },
    )

    await runner.check(
      '交办：只选一个分办单位时显示 R-AS-1 错误；改为主办+会办后交办成功，期限逐项列出',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.office)
        await page.goto(`/items/${flow.itemId}`)
        await page.getByTestId('assign-button').click()
        const dialog = page.getByRole('dialog', { name: /交办：/ })
        await dialog.getByText('分办', { exact: true }).click()
        await choose(dialog, page, '分办单位', '县交通运输局', { close: true })
        await dialog.getByTestId('assign-save').click()
        const error = errorUnder(dialog, '分办单位')
        await error.waitFor()
        const text = await error.innerText()
        expect(text.includes('分办须有两个及以上单位'), `分办单位旁的错误为「${text}」`)
        await settle(page)
        await shoot(page, outDir, 'assign-error')
        await dialog.getByText('主办（可加会办）').click()
        await choose(dialog, page, '主办单位', '县交通运输局')
        await choose(dialog, page, '会办单位', '县教育体育局', { close: true })
        const summary = await dialog.getByTestId('assign-summary').innerText()
        expect(summary.includes('主办：县交通运输局') && summary.includes('会办：县教育体育局'), summary)
        await dialog.getByTestId('assign-save').click()
        await dialog.waitFor({ state: 'hidden' })
        await page.getByText('县交通运输局（主办）').first().waitFor()
        const deadlines = page.getByTestId('item-deadlines')
        await deadlines.locator('[data-rule="R-DL-4"]').first().waitFor()
        await deadlines.locator('[data-rule="R-DL-3"]').first().waitFor()
        await settle(page)
        await shoot(page, outDir, 'item-detail')
      },
      { skip },
    )

    await runner.check(
      '承办单位经办人起草答复：格式问题随输入实时显示在字段旁，标题、主送、抄送由系统生成',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.handler)
        const mine = page.getByTestId('unit-items')
        await mine.getByText(TITLE).waitFor()
        await settle(page)
        await shoot(page, outDir, 'home-unit')
        await openReplyTab(page, flow.itemId)
        await page.getByTestId('reply-create').click()
        const editor = page.getByTestId('reply-editor')
        await editor.waitFor()
        expect((await page.getByTestId('reply-sign').count()) === 0, '经办人不应看到签发按钮')
        const count = page.getByTestId('problem-count')
        expect((await count.innerText()).includes('不规范'), '新草稿应提示格式问题')
        await editor.getByText('A类 得到解决或予以采纳').click()
        await editor.getByRole('textbox', { name: '发文字号' }).fill('魏交函(2026)第15号')
        await editor.getByRole('textbox', { name: '正文' }).fill(FIRST_BODY)
        await pickDate(editor, page, '成文日期', chinaDate())
        const numberProblem = editor.locator('.format-problem', { hasText: '发文字号' })
        await numberProblem.waitFor({ timeout: 8000 })
        await editor.getByRole('textbox', { name: '发文字号' }).fill(`魏交函〔${county.year}〕15号`)
        await numberProblem.waitFor({ state: 'detached', timeout: 8000 })
        await page.getByTestId('save-state').getByText('已保存').waitFor()
        await count.getByText('格式规范').waitFor({ timeout: 8000 })
        const heading = await page.getByTestId('letter-heading').innerText()
        expect(heading === '魏县第十届人民代表大会第五次会议第15号建议的答复', `标题为 ${heading}`)
        const recipients = await page.getByTestId('letter-recipients').innerText()
        expect(recipients.includes('张建国代表：') && recipients.includes('李秀梅代表：'), `主送为 ${recipients}`)
        const copyTo = await page.getByTestId('letter-copy-to').innerText()
        expect(copyTo.includes('县教育体育局'), `抄送为 ${copyTo}`)
        await settle(page)
        await shoot(page, outDir, 'reply-editor')
      },
      { skip },
    )

    await runner.check(
      '分管领导签发：答复报送办公室（已签发待审核）',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.leader)
        await openReplyTab(page, flow.itemId)
        await page.getByTestId('reply-sign').click()
        await page.getByTestId('reply-status').getByText('已签发待审核').first().waitFor()
        expect((await page.getByTestId('reply-editor').count()) === 0, '签发后不应再可编辑')
      },
      { skip },
    )

    await runner.check(
      '办公室审核：退回并写明理由',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.office)
        await page.goto('/reviews')
        const table = page.getByTestId('reviews-table')
        await table.getByText(TITLE).waitFor()
        await settle(page)
        await shoot(page, outDir, 'reviews')
        await page.getByTestId(`open-${flow.itemId}`).click()
        const dialog = page.getByRole('dialog', { name: /答复审核/ })
        await dialog.getByTestId('letter-preview').waitFor()
        await dialog.getByText('退回修改').click()
        await dialog.getByRole('textbox', { name: '退回理由' }).fill('答复内容笼统，未说明具体进展和计划，请补充。')
        await settle(page)
        await shoot(page, outDir, 'review-return')
        await dialog.getByTestId('review-submit').click()
        await dialog.waitFor({ state: 'hidden' })
        await table.getByText(TITLE).waitFor({ state: 'detached' })
      },
      { skip },
    )

    await runner.check(
      '经办人看到退回理由并修改；领导再次签发',
      async (t) => {
        const handler = await t.page(DESKTOP)
        await signIn(handler, county.accounts.handler)
        await openReplyTab(handler, flow.itemId)
        const reasons = await handler.getByTestId('return-reasons').innerText()
        expect(reasons.includes('答复内容笼统'), `退回理由为 ${reasons}`)
        const body = handler.getByTestId('reply-editor').getByRole('textbox', { name: '正文' })
        await body.fill(`${FIRST_BODY}${FIXED}`)
        await handler.getByTestId('save-state').getByText('已保存').waitFor({ timeout: 8000 })
        await settle(handler)
        await shoot(handler, outDir, 'reply-returned')
        const leader = await t.page(DESKTOP)
        await signIn(leader, county.accounts.leader)
        await openReplyTab(leader, flow.itemId)
        await leader.getByTestId('reply-sign').click()
        await leader.getByTestId('reply-status').getByText('已签发待审核').first().waitFor()
      },
      { skip },
    )

    await runner.check(
      '办公室审核通过（办理结果由 A 类更正为 B 类并记录），发出答复，公开答复',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.office)
        await page.goto('/reviews')
        await page.getByTestId(`open-${flow.itemId}`).click()
        const dialog = page.getByRole('dialog', { name: /答复审核/ })
        await dialog.getByTestId('review-form').getByText('B类 列入计划拟解决或拟采纳').click()
        await dialog.getByText('将由承办单位标注的 A 类更正为 B 类').waitFor()
        await dialog.getByTestId('review-submit').click()
        await dialog.waitFor({ state: 'hidden' })
        await page.goto('/reviews?tab=approved')
        await page.getByTestId(`open-${flow.itemId}`).click()
        const send = page.getByRole('dialog', { name: '发出答复' })
        await send.getByTestId('dispatch-submit').click()
        await send.waitFor({ state: 'hidden' })
        await openReplyTab(page, flow.itemId)
        const history = await page.getByTestId('review-history').innerText()
        expect(history.includes('由 A 类改为 B 类'), `审核记录为 ${history}`)
        await page.getByTestId('reply-publish').click()
        const publish = page.getByRole('dialog', { name: '公开答复' })
        await publish.getByRole('textbox', { name: '公开网址' }).fill('https://www.weixian.gov.cn/zwgk/jytadf/15.html')
        await publish.getByTestId('dispatch-submit').click()
        await publish.waitFor({ state: 'hidden' })
        await page.getByText('公开于').first().waitFor()
        const status = await page.getByTestId('reply-status').first().innerText()
        expect(status.includes('已答复') && status.includes('B类'), `答复状态为 ${status}`)
        await settle(page)
        await shoot(page, outDir, 'reply-published')
      },
      { skip },
    )

    await runner.check(
      '公开答复页（无需登录）：刚公开的答复可查到，正文为修改后的内容',
      async (t) => {
        for (const viewport of [DESKTOP, PHONE]) {
          const page = await t.page(viewport)
          await page.goto('/public')
          await page.getByRole('heading', { name: '建议提案答复公开' }).waitFor()
          await page.getByRole('textbox', { name: '查找' }).fill('农村公路')
          await page.getByRole('button', { name: '查找' }).click()
          const list = page.getByTestId('public-list')
          const entry = list.getByText('魏县第十届人民代表大会第五次会议第15号建议的答复')
          await entry.waitFor()
          await entry.click()
          await list.getByText(FIXED, { exact: false }).waitFor()
          expect(!(await page.locator('.shell-aside').count()), '公开页不应显示工作人员菜单')
          await settle(page)
          await shoot(page, outDir, 'public')
        }
      },
      { skip },
    )
  },
}
