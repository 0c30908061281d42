import { execFileSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ACTIONS } from '@/features/auth/roles'

const repoRoot = resolve(__dirname, '..', '..', '..')
const DUMP =
  'import json,sys; from api.auth.permissions import PERMISSIONS; ' +
  'json.dump({k: sorted(r.value for r in v) for k, v in PERMISSIONS.items()}, sys.stdout)'

describe('the portal’s role table', () => {
  it('mirrors the API’s permission table (api/auth/permissions.py) for every action it uses', () => {
    const api = JSON.parse(
      execFileSync(join(repoRoot, '.venv', 'bin', 'python'), ['-c', DUMP], { cwd: repoRoot, encoding: 'utf8' }),
    ) as Record<string, string[]>
    for (const [action, roles] of Object.entries(ACTIONS)) {
      expect(api[action], `API 没有操作 ${action}`).toBeDefined()
      expect([...roles].sort(), action).toEqual(api[action])
    }
  })
})
