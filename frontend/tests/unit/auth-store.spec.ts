import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureClient } from '@/api/client'
import { ApiProblem } from '@/api/problem'
import type { CurrentUser } from '@/features/auth/api'
import { STORAGE_KEY, useAuthStore } from '@/features/auth/store'

const ME: CurrentUser = {
  id: 7,
  username: 'zhang',
  display_name: '张三',
  role: 'unit_handler',
  role_label: '承办单位经办人',
  unit_id: 3,
  unit_name: '县教育局',
  secret_clearance: false,
}

function json(body: unknown, status = 200, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

const fetchMock = vi.fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>()

/** The n-th request the code made, whichever way it called fetch. */
function requestOf(n: number): Request {
  const [input, init] = fetchMock.mock.calls[n]
  return input instanceof Request ? input : new Request(input, init)
}

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
afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('auth store', () => {
  it('signs in with a form-encoded password grant and keeps the token in sessionStorage', async () => {
    fetchMock
      .mockResolvedValueOnce(json({ access_token: 'tok-1', token_type: 'bearer', expires_in: 3600 }))
      .mockResolvedValueOnce(json(ME))
    const auth = useFreshStore()

    const user = await auth.login('zhang', 'mima 密码&=')

    expect(user.display_name).toBe('张三')
    expect(auth.isAuthenticated).toBe(true)
    const tokenRequest = requestOf(0)
    expect(new URL(tokenRequest.url).pathname).toBe('/api/v1/auth/token')
    expect(tokenRequest.method).toBe('POST')
    expect(tokenRequest.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded')
    expect(tokenRequest.headers.get('Authorization')).toBeNull()
    const form = new URLSearchParams(await tokenRequest.text())
    expect(form.get('username')).toBe('zhang')
    expect(form.get('password')).toBe('mima 密码&=')
    const meRequest = requestOf(1)
    expect(new URL(meRequest.url).pathname).toBe('/api/v1/auth/me')
    expect(meRequest.headers.get('Authorization')).toBe('Bearer tok-1')
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}')
    expect(stored.token).toBe('tok-1')
    expect(stored.user.username).toBe('zhang')
  })

  it('rethrows a 401 problem as an ApiProblem and stays signed out', async () => {
    fetchMock.mockResolvedValueOnce(
      json(
        { status: 401, title: '未登录或登录已失效', detail: '用户名或密码错误' },
        401,
        'application/problem+json',
      ),
    )
    const auth = useFreshStore()

    const error = await auth.login('zhang', 'wrong').catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiProblem)
    expect((error as ApiProblem).status).toBe(401)
    expect((error as ApiProblem).detail).toBe('用户名或密码错误')
    expect(auth.isAuthenticated).toBe(false)
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull()
  })

  it('drops the token when /auth/me refuses it', async () => {
    fetchMock
      .mockResolvedValueOnce(json({ access_token: 'tok-2', token_type: 'bearer', expires_in: 60 }))
      .mockResolvedValueOnce(json({ status: 403, detail: '账号已停用' }, 403))
    const auth = useFreshStore()

    await expect(auth.login('zhang', 'pw')).rejects.toMatchObject({ detail: '账号已停用' })
    expect(auth.token).toBeNull()
    expect(auth.user).toBeNull()
  })

  it('turns a network failure into a Chinese problem', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const auth = useFreshStore()
    await expect(auth.login('zhang', 'pw')).rejects.toMatchObject({
      status: 0,
      detail: '无法连接服务器，请检查网络后重试',
    })
  })

  it('restores a session from sessionStorage, and not an expired one', () => {
    const session = { token: 'tok-3', expiresAt: Date.now() + 60_000, user: ME }
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session))
    const auth = useFreshStore()
    expect(auth.isAuthenticated).toBe(true)
    expect(auth.user?.unit_name).toBe('县教育局')
    expect(auth.currentToken()).toBe('tok-3')

    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ ...session, expiresAt: Date.now() - 1 }))
    const expired = useFreshStore()
    expect(expired.isAuthenticated).toBe(false)
    expect(expired.currentToken()).toBeNull()
  })

  it('ignores a corrupt stored session', () => {
    sessionStorage.setItem(STORAGE_KEY, '{not json')
    expect(useFreshStore().isAuthenticated).toBe(false)
  })

  it('signs out on logout and when the API answers 401 later', async () => {
    sessionStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ token: 'tok-4', expiresAt: Date.now() + 60_000, user: ME }),
    )
    const auth = useFreshStore()
    fetchMock.mockResolvedValueOnce(json({ status: 401, detail: '登录已失效' }, 401))

    await expect(auth.refreshUser()).rejects.toBeInstanceOf(ApiProblem)
    expect(auth.isAuthenticated).toBe(false)
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull()

    auth.logout()
    expect(auth.user).toBeNull()
  })

  it('revokes the token on the server when signing out', async () => {
    sessionStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ token: 'tok-5', expiresAt: Date.now() + 60_000, user: ME }),
    )
    const auth = useFreshStore()
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))

    await auth.signOut()

    const logout = requestOf(0)
    expect(new URL(logout.url).pathname).toBe('/api/v1/auth/logout')
    expect(logout.method).toBe('POST')
    expect(logout.headers.get('Authorization')).toBe('Bearer tok-5')
    expect(auth.isAuthenticated).toBe(false)
    expect(sessionStorage.getItem(STORAGE_KEY)).toBeNull()
  })

  it('still signs out locally when the server cannot be reached', async () => {
    sessionStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({ token: 'tok-6', expiresAt: Date.now() + 60_000, user: ME }),
    )
    const auth = useFreshStore()
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    await auth.signOut()
    expect(auth.token).toBeNull()
  })
})

describe('auth store: 等保 sign-in', () => {
  it('sends the TOTP code when given and remembers an expired password until it is changed', async () => {
    fetchMock
      .mockResolvedValueOnce(
        json({ access_token: 'tok-9', token_type: 'bearer', expires_in: 3600, password_expired: true }),
      )
      .mockResolvedValueOnce(json(ME))
      .mockResolvedValueOnce(new Response(null, { status: 204 }))
    const auth = useFreshStore()

    await auth.login('zhang', 'pw', '123456')

    const form = new URLSearchParams(await requestOf(0).text())
    expect(form.get('totp')).toBe('123456')
    expect(auth.passwordExpired).toBe(true)
    expect(JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}').passwordExpired).toBe(true)

    await auth.updatePassword('pw', 'Xin-Mima-2024')
    const change = requestOf(2)
    expect(new URL(change.url).pathname).toBe('/api/v1/auth/password')
    expect(JSON.parse(await change.text())).toEqual({ old_password: 'pw', new_password: 'Xin-Mima-2024' })
    expect(auth.passwordExpired).toBe(false)
  })

  it('leaves the TOTP field out when there is none', async () => {
    fetchMock
      .mockResolvedValueOnce(json({ access_token: 'tok-10', token_type: 'bearer', expires_in: 3600 }))
      .mockResolvedValueOnce(json(ME))
    const auth = useFreshStore()
    await auth.login('zhang', 'pw')
    expect(new URLSearchParams(await requestOf(0).text()).has('totp')).toBe(false)
    expect(auth.passwordExpired).toBe(false)
  })
})
