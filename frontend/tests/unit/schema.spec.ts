import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const frontend = resolve(__dirname, '..', '..')

describe('generated API types', () => {
  it('src/api/schema.d.ts matches the current OpenAPI document (else: npm run gen:api)', () => {
    const work = mkdtempSync(join(tmpdir(), 'banli-schema-'))
    try {
      const fresh = join(work, 'schema.d.ts')
      execFileSync(process.execPath, ['scripts/gen-api.mjs', '--out', fresh], {
        cwd: frontend,
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      const committed = readFileSync(join(frontend, 'src', 'api', 'schema.d.ts'), 'utf8')
      expect(
        readFileSync(fresh, 'utf8') === committed,
        'src/api/schema.d.ts 已过期：请运行 npm run gen:api 并提交',
      ).toBe(true)
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  })
})
