/**
 * 考核: the dashboard shows the same figures as GET /api/v1/kpi and /kpi/units for the same year
 * and "as of" date, and each figure opens the list of the items behind it.
 */
import { DESKTOP, PHONE, settle, shoot, signIn } from './lib/pages.mjs'
import { expect } from './lib/runner.mjs'

export default {
  title: '考核：仪表板与 API 数字一致，可下钻到件',
  async run({ runner, outDir, state }) {
    const county = state.county
    const skip = county ? undefined : (state.seedError ?? '没有测试数据')

    await runner.check(
      '全县指标卡片的分子、分母、比率与 GET /api/v1/kpi 一致',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.office)
        await page.goto(`/kpi?year=${county.year}`)
        const asOfText = await page.getByTestId('kpi-as-of').innerText()
        const asOf = /截至 (\d{4}-\d{2}-\d{2})/.exec(asOfText)?.[1]
        expect(asOf, `未显示截至日期：${asOfText}`)
        const api = await county.api.get(`/kpi?year=${county.year}&as_of=${asOf}`)
        expect(api.results.length === 7, `API 返回 ${api.results.length} 项指标`)
        for (const r of api.results) {
          const card = page.getByTestId(`kpi-county-${r.rule_id}`)
          const numerator = (await card.getByTestId('kpi-numerator').innerText()).trim()
          const denominator = (await card.getByTestId('kpi-denominator').innerText()).trim()
          const rate = (await card.getByTestId('kpi-rate').innerText()).trim()
          expect(
            numerator === String(r.numerator) && denominator === String(r.denominator) && rate === r.rate_text,
            `${r.rule_id}：页面 ${numerator}/${denominator} ${rate}，API ${r.numerator}/${r.denominator} ${r.rate_text}`,
          )
        }
        const sent = api.results.find((r) => r.rule_id === 'R-KPI-1')
        expect(sent.denominator >= 1, '流程中已发出的答复应计入按时办复率')
        state.kpi = { asOf, county: api }
        await page.getByTestId('kpi-chart').locator('canvas').first().waitFor()
        await settle(page)
        await shoot(page, outDir, 'kpi')
      },
      { skip },
    )

    await runner.check(
      '各单位表格与 GET /api/v1/kpi/units 一致（县交通运输局）',
      async (t) => {
        const page = await t.page(DESKTOP)
        await signIn(page, county.accounts.office)
        await page.goto(`/kpi?year=${county.year}&as_of=${state.kpi.asOf}`)
        const units = await county.api.get(`/kpi/units?year=${county.year}&as_of=${state.kpi.asOf}`)
        const jt = units.find((u) => u.unit_name === '县交通运输局')
        expect(jt, 'API 没有县交通运输局的指标')
        const row = page.getByTestId('kpi-unit-table').locator('tr', { hasText: '县交通运输局' }).first()
        await row.waitFor()
        const text = await row.innerText()
        for (const r of jt.results) {
          expect(
            text.includes(`${r.numerator}/${r.denominator}`) && text.includes(r.rate_text),
            `${r.rule_id} 应显示 ${r.numerator}/${r.denominator}（${r.rate_text}）：${text}`,
          )
        }
      },
      { skip },
    )

    await runner.check(
      '下钻：点击按时办复率的分母，列出计入的件',
      async (t) => {
        for (const viewport of [DESKTOP, PHONE]) {
          const page = await t.page(viewport)
          await signIn(page, county.accounts.office)
          await page.goto(`/kpi?year=${county.year}&as_of=${state.kpi.asOf}`)
          await settle(page)
          if (viewport === PHONE) await shoot(page, outDir, 'kpi')
          const r = state.kpi.county.results.find((x) => x.rule_id === 'R-KPI-1')
          await page.getByTestId('kpi-county-R-KPI-1').getByTestId('kpi-denominator').click()
          await page.waitForURL(/\/items\?/)
          const banner = await page.getByTestId('drill-down').innerText()
          const ids = new Set(r.counted_item_ids)
          expect(banner.includes(`共 ${ids.size} 件`), `下钻提示为 ${banner}`)
          const rows = page.getByTestId('items-table').locator('.item-row')
          await rows.first().waitFor()
          expect((await rows.count()) === ids.size, `列表有 ${await rows.count()} 行，应为 ${ids.size}`)
          await settle(page)
          await shoot(page, outDir, 'kpi-drill-down')
        }
      },
      { skip },
    )
  },
}
