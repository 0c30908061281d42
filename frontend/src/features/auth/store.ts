/**
 * Who is signed in (当前用户): the bearer token, kept in sessionStorage so a reload keeps the
 * session but closing the browser ends it, and the user it belongs to.
 */
import { defineStore } from 'pinia'
import type { OwedStep } from '@/api/client'
import { computed, ref } from 'vue'
import {
  changePassword,
  confirmTotpSetup,
  type CurrentUser,
  fetchCurrentUser,
  requestToken,
  revokeToken,
} from './api'
import { type Action, may, roleGroup } from './roles'

export const STORAGE_KEY = 'banli.auth'

interface StoredSession {
  token: string
  /** Epoch milliseconds. */
  expiresAt: number
  user: CurrentUser | null
  /** The password has expired or was reset: it must be changed before anything else. */
  passwordExpired?: boolean
  /** An administrator without a bound authenticator must bind one before anything else. */
  totpRequired?: boolean
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
  const passwordExpired = ref(stored?.passwordExpired ?? false)
  const totpRequired = ref(stored?.totpRequired ?? false)

  const isAuthenticated = computed(() => token.value !== null && expiresAt.value > Date.now())
  /** 办公室 / 承办单位 / 联络员 / 审计: which home page and menu the user gets. */
  const group = computed(() => roleGroup(user.value?.role))
  /** The signed-in user's own role (null while unknown): finer than the group, for admin screens. */
  const role = computed(() => user.value?.role ?? null)

  /** Whether the signed-in role may take `action` (the API still decides). */
  function can(action: Action): boolean {
    return may(user.value?.role, action)
  }

  function persist(): void {
    if (token.value === null) {
      sessionStorage.removeItem(STORAGE_KEY)
      return
    }
    const session: StoredSession = {
      token: token.value,
      expiresAt: expiresAt.value,
      user: user.value,
      passwordExpired: passwordExpired.value,
      totpRequired: totpRequired.value,
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
    passwordExpired.value = false
    totpRequired.value = false
    persist()
  }

  /**
   * The step the API says is owed (`pending` of /auth/me, worked out on every request): an
   * older API without the field leaves what the token said.
   */
  function syncPending(me: CurrentUser): void {
    if (me.pending === undefined) return
    totpRequired.value = me.pending === 'totp'
    passwordExpired.value = me.pending === 'password'
  }

  /** The API refused a call until `step` is taken (403 by `password` / `totp`): remember it. */
  function owe(step: OwedStep): void {
    if (!token.value) return
    if (step === 'totp') totpRequired.value = true
    else passwordExpired.value = true
    persist()
  }

  /** Sign out: revoke the token on the server (best effort), then forget it. */
  async function signOut(): Promise<void> {
    if (currentToken()) await revokeToken().catch(() => {})
    logout()
  }

  /** Sign in; on any failure the store is left signed out and the ApiProblem is rethrown. */
  async function login(username: string, password: string, totp?: string): Promise<CurrentUser> {
    logout()
    const issued = await requestToken(username, password, totp)
    token.value = issued.access_token
    expiresAt.value = Date.now() + issued.expires_in * 1000
    passwordExpired.value = issued.password_expired === true
    totpRequired.value = issued.totp_required === true
    try {
      user.value = await fetchCurrentUser()
      syncPending(user.value)
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
    syncPending(user.value)
    persist()
    return user.value
  }

  /** Change the password; clears the "must change" mark. */
  async function updatePassword(oldPassword: string, newPassword: string): Promise<void> {
    await changePassword(oldPassword, newPassword)
    passwordExpired.value = false
    persist()
  }

  /** Confirm a new authenticator with its current code; then re-read what is still owed. */
  async function confirmTotp(code: string): Promise<void> {
    await confirmTotpSetup(code)
    totpRequired.value = false
    persist()
    await refreshUser().catch(() => {})
  }

  return {
    token,
    expiresAt,
    user,
    passwordExpired,
    totpRequired,
    confirmTotp,
    updatePassword,
    owe,
    isAuthenticated,
    group,
    role,
    can,
    currentToken,
    login,
    logout,
    signOut,
    refreshUser,
  }
})
