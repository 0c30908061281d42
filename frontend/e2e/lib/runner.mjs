/**
 * A very small check runner: named checks run one after another, each failure is recorded (with a
 * screenshot of the pages it opened), and the summary ends with the line `N passed, M failed`.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const slug = (s) =>
  s
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)

export class Runner {
  constructor({ outDir, openPage }) {
    this.outDir = outDir
    this.openPage = openPage
    this.results = []
    mkdirSync(outDir, { recursive: true })
    for (const f of readdirSync(outDir)) if (f.endsWith('.png')) rmSync(join(outDir, f))
  }

  /** Run `fn(t)` as one check; `t.page(viewport)` opens a page that is closed afterwards. */
  async check(name, fn, { skip } = {}) {
    if (skip) {
      this.results.push({ name, status: 'skipped', reason: skip })
      console.log(`  - ${name}（跳过：${skip}）`)
      return
    }
    const pages = []
    const t = {
      page: async (viewport) => {
        const page = await this.openPage(viewport)
        pages.push(page)
        return page
      },
    }
    const started = Date.now()
    try {
      await fn(t)
      this.results.push({ name, status: 'passed' })
      console.log(`  ✓ ${name} (${Date.now() - started} ms)`)
    } catch (error) {
      this.results.push({ name, status: 'failed', error })
      console.log(`  ✗ ${name} (${Date.now() - started} ms)`)
      console.log(`      ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n      ')}`)
      for (const [i, page] of pages.entries()) {
        await page
          .screenshot({ path: join(this.outDir, `FAILED-${slug(name)}-${i + 1}.png`), fullPage: true })
          .catch(() => {})
      }
    } finally {
      for (const page of pages) await page.close().catch(() => {})
    }
  }

  /** Record a failure that happened outside any check (setup, teardown). */
  fail(name, error) {
    this.results.push({ name, status: 'failed', error })
    console.log(`  ✗ ${name}\n      ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n      ')}`)
  }

  summary() {
    const count = (s) => this.results.filter((r) => r.status === s).length
    const [passed, failed, skipped] = [count('passed'), count('failed'), count('skipped')]
    if (failed) {
      console.log('\n失败的检查:')
      for (const r of this.results.filter((x) => x.status === 'failed')) console.log(`  ✗ ${r.name}`)
    }
    if (skipped) console.log(`\n${skipped} 项跳过`)
    console.log(`${passed} passed, ${failed} failed`)
    return failed === 0 && passed > 0
  }
}

/** Fail with a readable message unless `condition` holds. */
export function expect(condition, message) {
  if (!condition) throw new Error(message)
}

export { slug }
