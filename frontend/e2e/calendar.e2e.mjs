/** 工作日历 as a person uses it: a due date with its explanation, errors by the field, the year. */
import { DESKTOP, PHONE, openCalendar, settle, shoot } from './lib/pages.mjs'
import { expect } from './lib/runner.mjs'

async function enterStart(page, iso) {
  const input = page.getByRole('combobox', { name: '起算日' })
  await input.click()
  await input.fill(iso)
  await input.press('Enter')
  await page.keyboard.press('Escape')
  await page.getByRole('heading', { name: '工作日历' }).click()
  const shown = await input.inputValue()
  expect(shown === iso, `起算日输入框显示 ${shown}，应为 ${iso}`)
}

async function choosePeriod(page, label) {
  await page.locator('[data-testid=field-period]').getByText(label, { exact: true }).click()
}

async function calculate(page) {
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/calendar/deadline'))
  await page.getByRole('button', { name: '计算截止日' }).click()
  return answered
}

function fieldError(page, field) {
  return page.locator(`[data-testid=field-${field}] .el-form-item__error`)
}

export default {
  title: '工作日历',
  async run({ runner, outDir, state }) {
    await runner.check('2024-04-08 起 15 个工作日：截止日 2024-04-28，说明提及调休上班', async (t) => {
      for (const viewport of [DESKTOP, PHONE]) {
        const page = await t.page(viewport)
        await openCalendar(page, state)
        await enterStart(page, '2024-04-08')
        await choosePeriod(page, '15个工作日')
        const res = await calculate(page)
        expect(res.status() === 200, `API 返回 ${res.status()}`)
        const due = page.getByTestId('due-iso')
        await due.waitFor()
        expect((await due.textContent())?.trim() === '2024-04-28', `截止日为 ${await due.textContent()}`)
        const big = (await page.getByTestId('due-date').textContent())?.trim()
        expect(big === '2024年4月28日', `大字截止日为 ${big}`)
        const steps = await page.getByTestId('explanation').innerText()
        expect(steps.includes('调休上班'), `计算过程未提及调休上班：${steps}`)
        const makeup = await page.getByTestId('makeup-days').innerText()
        expect(makeup.includes('4月28日'), `调休上班日标签为 ${makeup}`)
        expect((await page.getByTestId('provisional-tag').count()) === 0, '不应标为暂定')
        expect(new URL(page.url()).searchParams.get('period') === '15wd', '地址栏未记下期间')
        await settle(page)
        await shoot(page, outDir, 'calendar-deadline')
      }
    })

    await runner.check('无效期间：API 的错误显示在“期间”旁', async (t) => {
      for (const viewport of [DESKTOP, PHONE]) {
        const page = await t.page(viewport)
        await openCalendar(page, state)
        await enterStart(page, '2024-04-08')
        await choosePeriod(page, '自定义')
        await page.getByRole('textbox', { name: '自定义期间' }).fill('abc')
        const res = await calculate(page)
        expect(res.status() === 422, `API 返回 ${res.status()}`)
        const error = fieldError(page, 'period')
        await error.waitFor()
        const text = (await error.textContent()) ?? ''
        expect(text.includes('无法识别'), `期间旁的错误为「${text}」`)
        expect((await fieldError(page, 'start').count()) === 0, '起算日旁不应有错误')
        expect((await page.getByTestId('deadline-result').count()) === 0, '出错时不应显示结果')
        await settle(page)
        await shoot(page, outDir, 'calendar-error')
        await page.getByRole('textbox', { name: '自定义期间' }).fill('20个工作日')
        await error.waitFor({ state: 'detached', timeout: 3000 }).catch(() => {
          throw new Error('修改输入后错误应清除')
        })
        const fixed = await calculate(page)
        expect(fixed.url().includes('period=20wd'), `“20个工作日”应作为 20wd 发送：${fixed.url()}`)
        await page.getByTestId('due-iso').waitFor()
      }
    })

    await runner.check('超出日历范围的起算日：错误显示在“起算日”旁', async (t) => {
      const page = await t.page(DESKTOP)
      await openCalendar(page, state)
      await enterStart(page, '1999-06-01')
      await choosePeriod(page, '7日')
      const res = await calculate(page)
      expect(res.status() === 422, `API 返回 ${res.status()}`)
      const error = fieldError(page, 'start')
      await error.waitFor()
      const text = (await error.textContent()) ?? ''
      expect(/超出|范围|日期/.test(text), `起算日旁的错误为「${text}」`)
      expect((await fieldError(page, 'period').count()) === 0, '期间旁不应有错误')
    })

    await runner.check('放假安排未公布的年份：截止日标为“暂定”', async (t) => {
      const page = await t.page(DESKTOP)
      await openCalendar(page, state)
      await enterStart(page, '2079-12-20')
      await choosePeriod(page, '1个月')
      await calculate(page)
      await page.getByTestId('provisional-tag').waitFor()
      const due = (await page.getByTestId('due-iso').textContent())?.trim()
      expect(due?.startsWith('2080-01'), `截止日为 ${due}`)
      const hint = await page.getByTestId('explanation').innerText()
      expect(hint.includes('暂定'), `计算过程应说明暂定：${hint}`)
    })

    await runner.check('2024 年放假安排：月历标出“休”“班”，可切换为列表', async (t) => {
      for (const viewport of [DESKTOP, PHONE]) {
        const page = await t.page(viewport)
        await openCalendar(page, state)
        const year = page.getByRole('spinbutton', { name: '年份' })
        const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/calendar/2024'))
        await year.fill('2024')
        await year.press('Enter')
        await answered
        const view = page.getByTestId('year-view')
        await view.getByText('已公布').waitFor()
        const april = view.locator('table[data-month="4"]')
        const makeup = april.locator('td.makeup', { hasText: '28' })
        expect((await makeup.count()) === 1, '4月28日未标为调休上班')
        expect(((await makeup.textContent()) ?? '').includes('班'), '4月28日无“班”字')
        const may = view.locator('table[data-month="5"]')
        const mayOff = await may.locator('td.holiday').allInnerTexts()
        expect(mayOff.length === 3, `5月应有 3 个工作日放假（1—3日），实为 ${mayOff.join(' ')}`)
        expect((await may.locator('td.makeup', { hasText: '11' }).count()) === 1, '5月11日应为“班”')
        await settle(page)
        await view.locator('canvas').first().waitFor()
        await shoot(page, outDir, 'calendar-year')
        await page.getByText('列表', { exact: true }).click()
        const table = view.locator('.el-table')
        await table.getByText('劳动节').first().waitFor()
        const rows = await table.innerText()
        expect(rows.includes('调休上班') && rows.includes('休息'), '列表中应有“调休上班”和“休息”')
      }
    })

    await runner.check('手机宽度 375：菜单收进抽屉，页面无横向滚动', async (t) => {
      const page = await t.page(PHONE)
      await openCalendar(page, state)
      expect(!(await page.locator('.shell-aside').isVisible()), '手机上不应常驻侧边菜单')
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(width <= PHONE.width, `页面宽 ${width}px，超出 ${PHONE.width}px`)
      await page.getByRole('button', { name: '打开导航菜单' }).click()
      const drawer = page.getByRole('dialog', { name: '导航菜单' })
      await drawer.waitFor()
      for (const item of ['工作日历', '答复公开']) {
        await drawer.getByRole('menuitem', { name: item }).waitFor()
      }
      const items = await drawer.getByRole('menuitem').allInnerTexts()
      expect(items.length === 2, `未登录时菜单只列公开栏目，实为 ${items.join('、')}`)
      await settle(page)
      await shoot(page, outDir, 'menu-drawer', { fullPage: false })
      await drawer.getByRole('menuitem', { name: '工作日历' }).click()
      await drawer.waitFor({ state: 'hidden' })
    })

    await runner.check('桌面宽度 1280：侧边菜单常驻；未登录时只列公开栏目', async (t) => {
      const page = await t.page(DESKTOP)
      await openCalendar(page, state)
      const menu = page.locator('.shell-aside')
      await menu.waitFor()
      const items = await menu.getByRole('menuitem').allInnerTexts()
      expect(items.join('、') === '工作日历、答复公开', `菜单有 ${items.length} 项：${items.join('、')}`)
      const active = await menu.locator('.el-menu-item.is-active').innerText()
      expect(active.includes('工作日历'), `当前菜单项为 ${active}`)
    })
  },
}
