/** Sign-in endpoints (登录): OAuth2 password form → bearer token, who am I, sign out. */
import { api, type OkJson, unwrap } from '@/api/client'

export type TokenRead = OkJson<'/api/v1/auth/token', 'post'>
export type CurrentUser = OkJson<'/api/v1/auth/me', 'get'>
export type UserRole = CurrentUser['role']

export const ROLE_LABELS: Record<UserRole, string> = {
  office_admin: '办公室管理员',
  office_staff: '办公室工作人员',
  unit_handler: '承办单位经办人',
  unit_leader: '承办单位分管领导',
  npc_liaison: '人大联络员',
  cppcc_liaison: '政协联络员',
  auditor: '审计员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
}

/** The API's own label when it sent one, else ours. */
export function roleLabel(user: Pick<CurrentUser, 'role'> & { role_label?: string }): string {
  return user.role_label || ROLE_LABELS[user.role] || user.role
}

/**
 * POST /auth/token with `application/x-www-form-urlencoded` username and password, and the
 * TOTP code (动态口令) once the account has bound an authenticator.
 */
export function requestToken(username: string, password: string, totp?: string): Promise<TokenRead> {
  return unwrap(
    api.POST('/api/v1/auth/token', {
      body: { username, password, scope: '', totp: totp || null },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      bodySerializer: (body) => {
        const form = new URLSearchParams({ username: body.username, password: body.password })
        if (body.totp) form.set('totp', body.totp)
        return form.toString()
      },
    }),
  )
}

/** POST /auth/password — change one's own password (complexity per 等保; not the old one). */
export async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  await unwrap(
    api.POST('/api/v1/auth/password', {
      body: { old_password: oldPassword, new_password: newPassword },
    }),
  )
}

/** GET /auth/me: the signed-in user, with role and unit. */
export function fetchCurrentUser(): Promise<CurrentUser> {
  return unwrap(api.GET('/api/v1/auth/me'))
}

export type TotpSetup = OkJson<'/api/v1/auth/totp', 'post'>

/**
 * POST /auth/totp — start binding an authenticator (动态口令): a new secret and its otpauth://
 * address; the old binding stops until the new one is confirmed.
 */
export function startTotpSetup(): Promise<TotpSetup> {
  return unwrap(api.POST('/api/v1/auth/totp'))
}

/** POST /auth/totp/confirm — the authenticator's current 6-digit code; 422 by `code` when wrong. */
export async function confirmTotpSetup(code: string): Promise<void> {
  await unwrap(api.POST('/api/v1/auth/totp/confirm', { body: { code } }))
}

/** POST /auth/logout: revoke the token on the server. */
export async function revokeToken(): Promise<void> {
  await unwrap(api.POST('/api/v1/auth/logout'))
}
