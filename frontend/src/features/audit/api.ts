/** 审计日志, read-only (GET /audit): the API deliberately has no way to edit or delete it. */
import { api, type OkJson, unwrap } from '@/api/client'
import type { operations } from '@/api/schema'

export type AuditPage = OkJson<'/api/v1/audit', 'get'>
export type AuditEntry = AuditPage['items'][number]
export type AuditQuery = NonNullable<operations['audit-list']['parameters']['query']>

export function fetchAudit(query: AuditQuery): Promise<AuditPage> {
  return unwrap(api.GET('/api/v1/audit', { params: { query } }))
}
