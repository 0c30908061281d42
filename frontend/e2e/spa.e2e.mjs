/** How the API serves the SPA: deep links fall back to index.html, /api stays problem+json. */
import { DESKTOP, PHONE, settle, shoot } from './lib/pages.mjs'
import { expect } from './lib/runner.mjs'

export default {
  title: '前端托管（API 提供 SPA）',
  async run({ runner, baseUrl, outDir, state }) {
    state.deepLinks = false

    await runner.check('首页地址 / 返回 SPA 的 index.html', async () => {
      const res = await fetch(`${baseUrl}/`)
      const body = await res.text()
      expect(res.status === 200, `GET / → ${res.status}`)
      expect(body.includes('<div id="app">'), 'GET / 不是 SPA 的 index.html')
    })

    await runner.check('前端地址的深链接（/calendar、/items/12）回退到 index.html', async () => {
      for (const path of ['/calendar', '/items/12']) {
        const res = await fetch(`${baseUrl}${path}`, { headers: { Accept: 'text/html' } })
        const body = await res.text()
        expect(
          res.status === 200 && body.includes('<div id="app">'),
          `GET ${path} → ${res.status} ${res.headers.get('content-type')}：API 需对非 /api 的未知路径返回 index.html`,
        )
      }
      state.deepLinks = true
    })

    await runner.check('未知的 /api 路径仍返回 problem+json 404', async () => {
      const res = await fetch(`${baseUrl}/api/v1/no-such-endpoint`)
      expect(res.status === 404, `GET /api/v1/no-such-endpoint → ${res.status}`)
      const type = res.headers.get('content-type') ?? ''
      expect(type.includes('application/problem+json'), `content-type 为 ${type}`)
    })

    await runner.check(
      '未知页面显示“页面不存在”',
      async (t) => {
        for (const viewport of [DESKTOP, PHONE]) {
          const page = await t.page(viewport)
          await page.goto('/no-such-page')
          await page.getByText('页面不存在').first().waitFor()
          await settle(page)
          await shoot(page, outDir, 'not-found')
        }
      },
      { skip: state.deepLinks ? undefined : 'API 尚未提供 SPA 回退（见上一项）' },
    )
  },
}
