/**
 * Who is signed in (当前用户): the bearer token, kept in sessionStorage so a reload keeps the
 * session but closing the browser ends it, and the user it belongs to.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { type CurrentUser, fetchCurrentUser, requestToken, revokeToken } from './api'

export const STORAGE_KEY = 'banli.auth'

interface StoredSession {
  token: string
  /** Epoch milliseconds. */
  expiresAt: number
  user: CurrentUser | null
}

function readStored(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY)
    if (!raw) return null
    const parsed = JSON.parse(raw) as StoredSession
    return typeof parsed.token === 'string' && typeof parsed.expiresAt === 'number' ? parsed : null
  } catch {
    return null
  }
}

export const useAuthStore = defineStore('auth', () => {
  const stored = readStored()
  const token = ref<string | null>(stored?.token ?? null)
  const expiresAt = ref<number>(stored?.expiresAt ?? 0)
  const user = ref<CurrentUser | null>(stored?.user ?? null)

  const isAuthenticated = computed(() => token.value !== null && expiresAt.value > Date.now())

  function persist(): void {
    if (token.value === null) {
      sessionStorage.removeItem(STORAGE_KEY)
      return
    }
    const session: StoredSession = {
      token: token.value,
      expiresAt: expiresAt.value,
      user: user.value,
    }
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session))
  }

  /** The token to send, or null when there is none or it has expired. */
  function currentToken(): string | null {
    return isAuthenticated.value ? token.value : null
  }

  /** Forget the session here; `signOut` also revokes it on the server. */
  function logout(): void {
    token.value = null
    expiresAt.value = 0
    user.value = null
    persist()
  }

  /** Sign out: revoke the token on the server (best effort), then forget it. */
  async function signOut(): Promise<void> {
    if (currentToken()) await revokeToken().catch(() => {})
    logout()
  }

  /** Sign in; on any failure the store is left signed out and the ApiProblem is rethrown. */
  async function login(username: string, password: string): Promise<CurrentUser> {
    logout()
    const issued = await requestToken(username, password)
    token.value = issued.access_token
    expiresAt.value = Date.now() + issued.expires_in * 1000
    try {
      user.value = await fetchCurrentUser()
    } catch (e) {
      logout()
      throw e
    }
    persist()
    return user.value
  }

  /** Re-read the user (e.g. after a reload); signs out if the token is no longer accepted. */
  async function refreshUser(): Promise<CurrentUser | null> {
    if (!isAuthenticated.value) {
      if (token.value) logout()
      return null
    }
    user.value = await fetchCurrentUser()
    persist()
    return user.value
  }

  return {
    token,
    expiresAt,
    user,
    isAuthenticated,
    currentToken,
    login,
    logout,
    signOut,
    refreshUser,
  }
})
