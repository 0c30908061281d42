import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fetchSecurityPolicy, policyRows, type SecurityPolicy } from '@/features/accounts/policy'
import { may } from '@/features/auth/roles'

const POLICY: SecurityPolicy = {
  password_min_length: 10,
  password_kinds: 3,
  password_max_age_days: 90,
  max_failed_logins: 5,
  lockout_minutes: 15,
  sign_in_attempts_per_minute: 20,
  idle_timeout_minutes: 30,
  token_lifetime_minutes: 120,
  admin_totp_required: true,
}

const fetchMock = vi.fn<(input: RequestInfo | URL) => Promise<Response>>()
beforeEach(() => {
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => vi.unstubAllGlobals())

describe('安全策略（由部署环境设置）', () => {
  it('reads GET /security/policy', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify(POLICY), { headers: { 'Content-Type': 'application/json' } }))
    expect(await fetchSecurityPolicy()).toEqual(POLICY)
    const input = fetchMock.mock.calls[0][0]
    expect(new URL(input instanceof Request ? input.url : String(input), 'http://x').pathname).toBe('/api/v1/security/policy')
  })

  it('shows every control in force in words, with its numbers', () => {
    const rows = policyRows(POLICY)
    expect(rows.map((r) => r.key).sort()).toEqual(Object.keys(POLICY).filter((k) => k !== 'lockout_minutes').sort())
    const text = Object.fromEntries(rows.map((r) => [r.label, r.value]))
    expect(text).toEqual({
      密码最短长度: '10 位',
      密码复杂度: '大写字母、小写字母、数字、符号中至少 3 类',
      密码有效期: '90 天，到期须修改',
      登录失败锁定: '连续失败 5 次锁定 15 分钟',
      登录频率限制: '每个来源地址每分钟最多 20 次',
      会话空闲超时: '30 分钟',
      登录有效期: '120 分钟（2 小时）',
      管理员动态口令: '必须绑定并使用',
    })
    expect(policyRows({ ...POLICY, admin_totp_required: false, lockout_minutes: 60 }).map((r) => r.value)).toContain(
      '不要求',
    )
    expect(policyRows({ ...POLICY, lockout_minutes: 60 })[3].value).toBe('连续失败 5 次锁定 60 分钟（1 小时）')
  })

  it('is read by the administrators and the auditor; units also by the security administrator', () => {
    for (const role of ['security_admin', 'audit_admin', 'office_admin', 'auditor'] as const) {
      expect(may(role, 'security.policy.read'), role).toBe(true)
    }
    expect(may('office_staff', 'security.policy.read')).toBe(false)
    expect(may('security_admin', 'units.read')).toBe(true)
    expect(may('audit_admin', 'units.read')).toBe(false)
  })
})
