import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureClient, owedStep } from '@/api/client'
import { ApiProblem } from '@/api/problem'
import { fetchItems } from '@/features/items/api'
import type { CurrentUser } from '@/features/auth/api'
import { STORAGE_KEY, useAuthStore } from '@/features/auth/store'
import { pendingRedirect, pendingStep } from '@/router/guard'

const ADMIN: CurrentUser = {
  id: 1,
  username: 'admin',
  display_name: '管理员',
  role: 'office_admin',
  role_label: '办公室管理员',
  unit_id: null,
  unit_name: null,
  secret_clearance: false,
  pending: 'totp',
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const fetchMock = vi.fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>()
const requestOf = (n: number) => fetchMock.mock.calls[n][0] as Request

function useFreshStore() {
  setActivePinia(createPinia())
  const auth = useAuthStore()
  configureClient({ token: () => auth.currentToken(), onUnauthorized: () => auth.logout() })
  return auth
}

beforeEach(() => {
  sessionStorage.clear()
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => vi.unstubAllGlobals())

describe('an administrator binds 动态口令 first', () => {
  it('remembers the binding owed after sign-in, and what is owed next once bound', async () => {
    fetchMock
      .mockResolvedValueOnce(json({ access_token: 't', token_type: 'bearer', expires_in: 3600, totp_required: true }))
      .mockResolvedValueOnce(json(ADMIN))
      .mockResolvedValueOnce(new Response(null, { status: 204 }))
      .mockResolvedValueOnce(json({ ...ADMIN, pending: 'password' }))
    const auth = useFreshStore()
    await auth.login('admin', 'pw')
    expect(auth.totpRequired).toBe(true)
    expect(JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}').totpRequired).toBe(true)
    expect(pendingStep(auth)).toBe('totp')

    await auth.confirmTotp('123456')
    const confirm = requestOf(2)
    expect(new URL(confirm.url).pathname).toBe('/api/v1/auth/totp/confirm')
    expect(await confirm.json()).toEqual({ code: '123456' })
    expect(auth.totpRequired).toBe(false)
    expect(auth.passwordExpired).toBe(true)
    expect(pendingStep(auth)).toBe('password')
  })

  it('follows /auth/me when it says nothing is owed, and the token when /auth/me is silent', async () => {
    fetchMock
      .mockResolvedValueOnce(json({ access_token: 't', token_type: 'bearer', expires_in: 3600, password_expired: true }))
      .mockResolvedValueOnce(json({ ...ADMIN, pending: null }))
    const auth = useFreshStore()
    await auth.login('admin', 'pw')
    expect(auth.passwordExpired).toBe(false)
    expect(auth.totpRequired).toBe(false)
  })
})

describe('a step owed while signed in (403 by password / totp)', () => {
  const SIGNED_IN = JSON.stringify({ token: 'tok', expiresAt: Date.now() + 60_000, user: { ...ADMIN, pending: null } })

  it('marks the step owed when any call is refused for it, and tells the app', async () => {
    sessionStorage.setItem(STORAGE_KEY, SIGNED_IN)
    setActivePinia(createPinia())
    const auth = useAuthStore()
    const told: string[] = []
    configureClient({
      token: () => auth.currentToken(),
      onUnauthorized: () => auth.logout(),
      onPending: (step) => {
        told.push(step)
        auth.owe(step)
      },
    })
    expect(pendingStep(auth)).toBeNull()
    fetchMock.mockResolvedValueOnce(
      json({ status: 403, detail: '密码已过期或由管理员重置，请先修改密码', field: 'password' }, 403),
    )
    await expect(fetchItems({})).rejects.toMatchObject({ status: 403, field: 'password' })
    expect(told).toEqual(['password'])
    expect(auth.passwordExpired).toBe(true)
    expect(pendingStep(auth)).toBe('password')
    expect(JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}').passwordExpired).toBe(true)
    expect(auth.isAuthenticated).toBe(true)
  })

  it('reads only those refusals as a step owed', () => {
    expect(owedStep(new ApiProblem({ status: 403, detail: '…', field: 'totp' }))).toBe('totp')
    expect(owedStep(new ApiProblem({ status: 403, detail: '无权', field: 'role' }))).toBeNull()
    expect(owedStep(new ApiProblem({ status: 422, detail: '密码至少10位', field: 'password' }))).toBeNull()
    expect(owedStep(new ApiProblem({ status: 401, detail: '动态口令错误', field: 'totp' }))).toBeNull()
  })

  it('owes nothing once signed out', () => {
    const auth = useFreshStore()
    auth.owe('password')
    expect(auth.passwordExpired).toBe(false)
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull()
  })
})

describe('pending steps in the router', () => {
  const to = (name: string, isPublic = false) => ({ name, meta: { public: isPublic } })
  it('sends a user who owes a step to it, except to public pages', () => {
    expect(pendingStep({ totpRequired: true, passwordExpired: true })).toBe('totp')
    expect(pendingStep({ totpRequired: false, passwordExpired: true })).toBe('password')
    expect(pendingStep({ totpRequired: false, passwordExpired: false })).toBeNull()
    expect(pendingRedirect(to('users'), 'totp')).toEqual({ name: 'totp' })
    expect(pendingRedirect(to('password'), 'totp')).toEqual({ name: 'totp' })
    expect(pendingRedirect(to('totp'), 'totp')).toBeNull()
    expect(pendingRedirect(to('calendar', true), 'totp')).toBeNull()
    expect(pendingRedirect(to('items'), 'password')).toEqual({ name: 'password' })
    expect(pendingRedirect(to('items'), null)).toBeNull()
  })

  it('keeps the binding page for those who owe it (starting one would undo a binding)', () => {
    expect(pendingRedirect(to('totp'), null)).toEqual({ name: 'home' })
    expect(pendingRedirect(to('totp'), 'password')).toEqual({ name: 'password' })
  })
})
