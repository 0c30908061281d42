import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '@/features/audit/api'
import { auditActor, auditChanges, auditSubject, showValue } from '@/features/audit/entries'
import {
  DEFAULT_AUDIT_FILTER,
  isAuditFiltered,
  parseAuditQuery,
  toAuditApiQuery,
  toAuditRouteQuery,
} from '@/features/audit/query'

describe('audit log filters in the address bar', () => {
  it('reads filters and page, and writes back only what differs from the default', () => {
    const f = parseAuditQuery({ entity: 'users', action: 'update', item_id: '12', actor_user_id: '3', page: '2', page_size: '100' })
    expect(f).toEqual({ entity: 'users', action: 'update', itemId: 12, actorUserId: 3, page: 2, pageSize: 100 })
    expect(toAuditRouteQuery(f)).toEqual({
      entity: 'users',
      action: 'update',
      item_id: '12',
      actor_user_id: '3',
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
})
