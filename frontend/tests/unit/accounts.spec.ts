import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  generatePassword,
  matchesUser,
  needsUnit,
  normaliseScopes,
  ORDINARY_ROLES,
  passwordProblems,
  secureRandom,
} from '@/features/accounts/accounts'
import { useUsersStore } from '@/features/accounts/store'

describe('account rules', () => {
  it('finds an account by username or name, in any case', () => {
    const u = { username: 'Wang.Ke', display_name: '督查室王科长' }
    expect(matchesUser(u, '')).toBe(true)
    expect(matchesUser(u, ' wang ')).toBe(true)
    expect(matchesUser(u, '王科长')).toBe(true)
    expect(matchesUser(u, '李')).toBe(false)
  })

  it('checks passwords as the API does (等保: 10 characters, three kinds, not the username)', () => {
    expect(passwordProblems('Abcdefgh12', 'wang')).toEqual([])
    expect(passwordProblems('Abc12#', 'wang')).toEqual(['密码至少10位'])
    expect(passwordProblems('abcdefghijk', 'wang')).toEqual(['密码须包含大写字母、小写字母、数字、符号中的至少三类'])
    expect(passwordProblems('abcdefgh12#', 'wang')).toEqual([])
    expect(passwordProblems('Wang-2024-xyz', 'WANG')).toEqual(['密码不能包含用户名'])
    expect(passwordProblems('Anything-1x', '')).toEqual([])
  })

  it('generates passwords that pass those rules, of every kind of character', () => {
    for (let i = 0; i < 50; i++) {
      const pw = generatePassword()
      expect(pw).toHaveLength(14)
      expect(passwordProblems(pw, 'e2e-office')).toEqual([])
      expect(pw).toMatch(/[A-Z]/)
      expect(pw).toMatch(/[a-z]/)
      expect(pw).toMatch(/[0-9]/)
      expect(pw).toMatch(/[^A-Za-z0-9]/)
      expect(pw).not.toMatch(/[0O1lI]/)
    }
    // Even a degenerate random source yields each kind (the shuffle only moves them).
    const pw = generatePassword(10, () => 0)
    expect(passwordProblems(pw, '')).toEqual([])
    expect(generatePassword(2)).toHaveLength(4)
  })

  it('draws uniformly below n', () => {
    const seen = new Set<number>()
    for (let i = 0; i < 200; i++) {
      const n = secureRandom(3)
      expect(n).toBeGreaterThanOrEqual(0)
      expect(n).toBeLessThan(3)
      seen.add(n)
    }
    expect(seen.size).toBe(3)
  })

  it('leaves admin roles to the security administrator, and asks units for unit roles', () => {
    expect(ORDINARY_ROLES).not.toContain('office_admin')
    expect(ORDINARY_ROLES).not.toContain('security_admin')
    expect(ORDINARY_ROLES).not.toContain('audit_admin')
    expect(ORDINARY_ROLES).toContain('office_staff')
    expect(needsUnit('unit_leader')).toBe(true)
    expect(needsUnit('npc_liaison')).toBe(false)
  })

  it('tidies API-key scopes and names the malformed ones', () => {
    expect(normaliseScopes([' items.read', 'items.read', '', 'kpi.*'])).toEqual({
      scopes: ['items.read', 'kpi.*'],
      invalid: [],
    })
    expect(normaliseScopes(['*', '*.read']).invalid).toEqual([])
    expect(normaliseScopes(['items', 'Items.Read', 'items.read;drop']).invalid).toEqual([
      'items',
      'Items.Read',
      'items.read;drop',
    ])
  })
})

describe('users store', () => {
  const fetchMock = vi.fn<(input: RequestInfo | URL) => Promise<Response>>()
  beforeEach(() => {
    setActivePinia(createPinia())
    fetchMock.mockReset()
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => vi.unstubAllGlobals())

  it('loads once, names users, and replaces a saved one', async () => {
    const user = { id: 3, username: 'wang', display_name: '王科长', role: 'office_staff', unit_id: null, secret_clearance: false, active: true, version: 1 }
    fetchMock.mockResolvedValue(new Response(JSON.stringify([user]), { headers: { 'Content-Type': 'application/json' } }))
    const store = useUsersStore()
    await Promise.all([store.load(), store.load()])
    await store.load()
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(store.nameOf(3)).toBe('王科长（wang）')
    expect(store.nameOf(9)).toBe('用户9')
    expect(store.nameOf(null)).toBe('')
    store.upsert({ ...user, display_name: '王主任', version: 2 } as never)
    expect(store.users).toHaveLength(1)
    expect(store.nameOf(3)).toBe('王主任（wang）')
  })
})
