/**
 * 安全策略: the identity controls in force (等保三级) as GET /security/policy reports them. They
 * come from the deployment's environment, so the portal only shows them.
 */
import { api, type OkJson, unwrap } from '@/api/client'

export type SecurityPolicy = OkJson<'/api/v1/security/policy', 'get'>

export function fetchSecurityPolicy(): Promise<SecurityPolicy> {
  return unwrap(api.GET('/api/v1/security/policy'))
}

export interface PolicyRow {
  key: keyof SecurityPolicy
  label: string
  value: string
}

/** `120 分钟（2 小时）`: minutes, with the hours when they are whole. */
function minutes(n: number): string {
  return n >= 60 && n % 60 === 0 ? `${n} 分钟（${n / 60} 小时）` : `${n} 分钟`
}

/** The policy in words, in the order people think of it: password, sign-in, session. */
export function policyRows(p: SecurityPolicy): PolicyRow[] {
  return [
    { key: 'password_min_length', label: '密码最短长度', value: `${p.password_min_length} 位` },
    {
      key: 'password_kinds',
      label: '密码复杂度',
      value: `大写字母、小写字母、数字、符号中至少 ${p.password_kinds} 类`,
    },
    { key: 'password_max_age_days', label: '密码有效期', value: `${p.password_max_age_days} 天，到期须修改` },
    {
      key: 'max_failed_logins',
      label: '登录失败锁定',
      value: `连续失败 ${p.max_failed_logins} 次锁定 ${minutes(p.lockout_minutes)}`,
    },
    {
      key: 'sign_in_attempts_per_minute',
      label: '登录频率限制',
      value: `每个来源地址每分钟最多 ${p.sign_in_attempts_per_minute} 次`,
    },
    { key: 'idle_timeout_minutes', label: '会话空闲超时', value: minutes(p.idle_timeout_minutes) },
    { key: 'token_lifetime_minutes', label: '登录有效期', value: minutes(p.token_lifetime_minutes) },
    {
      key: 'admin_totp_required',
      label: '管理员动态口令',
      value: p.admin_totp_required ? '必须绑定并使用' : '不要求',
    },
  ]
}
