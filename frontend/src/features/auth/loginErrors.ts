/**
 * Where the login page shows an API refusal. Validation (422) goes under the input it blames; a
 * refusal (401, 423, 429 …) is one message under the form; a 动态口令 asked for (`请输入动态口令`,
 * no code sent to an account with a bound authenticator) or refused (`动态口令错误`) goes under
 * that input, which the page then shows.
 */
import type { ApiProblem } from '@/api/problem'

export const LOGIN_FIELDS = ['username', 'password', 'totp'] as const
export type LoginField = (typeof LOGIN_FIELDS)[number]
export type LoginMessages = Record<LoginField | 'form', string>

const CHINESE = /[\u4e00-\u9fa5]/

export function loginMessages(p: ApiProblem | null): LoginMessages {
  const out: LoginMessages = { username: '', password: '', totp: '', form: '' }
  if (!p) return out
  if (p.field === 'totp') return { ...out, totp: p.detail || '请输入动态口令' }
  if (p.status === 422) {
    for (const f of LOGIN_FIELDS) out[f] = p.messageFor(f) ?? ''
    out.form = p.blamesAnyOf(LOGIN_FIELDS) ? '' : p.detail
    return out
  }
  if (p.status === 404 || p.status === 405) out.form = '登录服务暂不可用，请联系系统管理员'
  else if (p.status === 401 && !CHINESE.test(p.detail)) out.form = '用户名或密码错误'
  else out.form = p.detail
  return out
}

/** Whether the refusal asks for the 动态口令 (the field is then shown). */
export function asksTotp(p: ApiProblem | null): boolean {
  return p?.field === 'totp'
}
