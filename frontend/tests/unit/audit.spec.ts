import { describe, expect, it } from 'vitest'
import { type AuditEntry, auditExportUrl } from '@/features/audit/api'
import { auditActor, auditChanges, auditSubject, outcomeTag, showValue } from '@/features/audit/entries'
import {
  DEFAULT_AUDIT_FILTER,
  isAuditFiltered,
  localMinute,
  parseAuditQuery,
  toApiTime,
  toAuditApiQuery,
  toAuditExportQuery,
  toAuditRouteQuery,
} from '@/features/audit/query'

describe('audit log filters in the address bar', () => {
  it('reads filters and page, and writes back only what differs from the default', () => {
    const f = parseAuditQuery({
      entity: 'users',
      action: 'update',
      outcome: 'failure',
      item_id: '12',
      actor_user_id: '3',
      since: '2024-05-06T08:00',
      until: '2024-05-07 18:30:59',
      page: '2',
      page_size: '100',
    })
    expect(f).toEqual({
      entity: 'users',
      action: 'update',
      outcome: 'failure',
      itemId: 12,
      actorUserId: 3,
      since: '2024-05-06T08:00',
      until: '2024-05-07T18:30',
      page: 2,
      pageSize: 100,
    })
    expect(toAuditRouteQuery(f)).toEqual({
      entity: 'users',
      action: 'update',
      outcome: 'failure',
      item_id: '12',
      actor_user_id: '3',
      since: '2024-05-06T08:00',
      until: '2024-05-07T18:30',
      page: '2',
      page_size: '100',
    })
    expect(parseAuditQuery(toAuditRouteQuery(f) as never)).toEqual(f)
    expect(toAuditRouteQuery(DEFAULT_AUDIT_FILTER)).toEqual({})
  })

  it('drops what is malformed instead of sending it to the API', () => {
    expect(parseAuditQuery({ entity: 'users; drop', item_id: '-1', actor_user_id: 'x', page: '0', page_size: '7' })).toEqual(
      DEFAULT_AUDIT_FILTER,
    )
    // Only the outcomes the API records; only real local times (no offset: that is added when sent).
    expect(
      parseAuditQuery({ outcome: 'maybe', since: '2024-02-30T08:00', until: '2024-05-06T08:00Z' }),
    ).toEqual(DEFAULT_AUDIT_FILTER)
    expect(localMinute('2024-05-06T24:00')).toBe('')
    expect(localMinute('1999-12-31T23:59')).toBe('')
    expect(localMinute('2024-02-29 07:05')).toBe('2024-02-29T07:05')
    expect(parseAuditQuery({ entity: ['api_keys', 'users'] }).entity).toBe('api_keys')
    // Past what the API accepts (ids up to 2³¹−1, pages up to a million): dropped, not a 422.
    expect(parseAuditQuery({ item_id: '2147483648', page: '1000001' })).toEqual(DEFAULT_AUDIT_FILTER)
    expect(parseAuditQuery({ item_id: '2147483647', page: '1000000' })).toMatchObject({ itemId: 2147483647, page: 1000000 })
  })

  it('asks the API for the page and the filters that are set', () => {
    expect(toAuditApiQuery(DEFAULT_AUDIT_FILTER)).toEqual({ page: 1, page_size: 50 })
    expect(toAuditApiQuery({ ...DEFAULT_AUDIT_FILTER, entity: 'configuration', itemId: 4 })).toEqual({
      page: 1,
      page_size: 50,
      entity: 'configuration',
      item_id: 4,
    })
    expect(isAuditFiltered(DEFAULT_AUDIT_FILTER)).toBe(false)
    expect(isAuditFiltered({ ...DEFAULT_AUDIT_FILTER, actorUserId: 1 })).toBe(true)
    expect(isAuditFiltered({ ...DEFAULT_AUDIT_FILTER, outcome: 'challenge' })).toBe(true)
    expect(isAuditFiltered({ ...DEFAULT_AUDIT_FILTER, until: '2024-05-06T08:00' })).toBe(true)
  })

  it('sends the time range as ISO 8601 with this browser’s offset, the same instant as the local time', () => {
    const q = toAuditApiQuery({ ...DEFAULT_AUDIT_FILTER, outcome: 'failure', since: '2024-05-06T08:00', until: '2024-05-07T00:00' })
    expect(q.outcome).toBe('failure')
    expect(q.since).toMatch(/^2024-05-06T08:00:00[+-]\d{2}:\d{2}$/)
    expect(new Date(q.since as string).getTime()).toBe(new Date(2024, 4, 6, 8, 0).getTime())
    expect(new Date(q.until as string).getTime()).toBe(new Date(2024, 4, 7, 0, 0).getTime())
    expect(toApiTime('2024-01-15T23:30')).toMatch(/^2024-01-15T23:30:00/)
  })

  it('exports with the same filters as the list, without its page', () => {
    const f = { ...DEFAULT_AUDIT_FILTER, entity: 'users', action: 'sign_in', outcome: 'challenge' as const, page: 3, pageSize: 20 }
    const query = toAuditExportQuery(f)
    expect(query).toEqual({ entity: 'users', action: 'sign_in', outcome: 'challenge' })
    expect(auditExportUrl(query)).toBe('/api/v1/audit/export.csv?entity=users&action=sign_in&outcome=challenge')
    expect(auditExportUrl({})).toBe('/api/v1/audit/export.csv')
    const since = toAuditExportQuery({ ...DEFAULT_AUDIT_FILTER, since: '2024-05-06T08:00' }).since as string
    const url = new URL(auditExportUrl({ since }), 'http://x')
    expect(url.searchParams.get('since')).toBe(since) // the offset's + survives the address
  })
})

describe('audit rows in words', () => {
  const entry = (over: Partial<AuditEntry>): AuditEntry => ({
    id: 1,
    at: '2024-05-06T01:30:00',
    actor_user_id: null,
    actor_api_key_id: null,
    actor_name: null,
    source_ip: null,
    action: 'update',
    entity: 'users',
    entity_id: '7',
    item_id: null,
    changes: {},
    outcome: 'success',
    ...over,
  })

  it('lists every changed value, old and new, and direct records as they are', () => {
    expect(
      auditChanges({ active: { old: true, new: false }, password_hash: { new: '***' }, reason: '凭据错误', scopes: { new: ['items.read'] } }),
    ).toEqual([
      { field: 'active', from: 'true', to: 'false' },
      { field: 'password_hash', to: '***' },
      { field: 'reason', to: '凭据错误' },
      { field: 'scopes', to: '["items.read"]' },
    ])
    expect(auditChanges({ unit_id: { old: null, new: 3 } })).toEqual([{ field: 'unit_id', from: '（空）', to: '3' }])
    expect(showValue('x'.repeat(300))).toHaveLength(201)
  })

  it('masks the secrets the API records in the clear, but not an item’s 涉密 flag', () => {
    expect(auditChanges({ totp_secret: { old: null, new: 'PA3SHSJIPQZRX4CD' } }, 'users')).toEqual([
      { field: 'totp_secret', from: '（空）', to: '***（密钥不予显示）' },
    ])
    expect(auditChanges({ secret: { new: 'whsec-abc' } }, 'webhook_subscriptions')).toEqual([
      { field: 'secret', to: '***（密钥不予显示）' },
    ])
    expect(auditChanges({ secret: { old: false, new: true } }, 'items')).toEqual([
      { field: 'secret', from: 'false', to: 'true' },
    ])
  })

  it('names the action, the record and who did it', () => {
    expect(auditSubject(entry({}))).toBe('修改 · 用户 #7')
    expect(auditSubject(entry({ action: 'sign_in', entity: 'users', entity_id: null }))).toBe('登录 · 用户')
    expect(auditSubject(entry({ action: 'purge', entity: 'widgets', entity_id: '1' }))).toBe('purge · widgets #1')
    const names = (id: number) => (id === 3 ? '王科长（wang）' : undefined)
    expect(auditActor(entry({ actor_user_id: 3, actor_name: '王科长' }), names)).toBe('王科长（wang）')
    expect(auditActor(entry({ actor_user_id: 9, actor_name: '旧名' }), names)).toBe('旧名')
    expect(auditActor(entry({ actor_api_key_id: 2, actor_name: 'API密钥:县OA' }), names)).toBe('API密钥:县OA')
    expect(auditActor(entry({ actor_api_key_id: 2 }), names)).toBe('API 密钥 #2')
    expect(auditActor(entry({ actor_name: 'banli create-admin' }), names)).toBe('banli create-admin')
    expect(auditActor(entry({}), names)).toBe('系统')
  })

  it('shows a sign-in asked for its 动态口令 as a challenge, not a failure', () => {
    expect([outcomeTag('success'), outcomeTag('challenge'), outcomeTag('failure')]).toEqual(['success', 'warning', 'danger'])
  })
})
