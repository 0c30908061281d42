/**
 * 审计日志, read-only (GET /audit) and exported as CSV (GET /audit/export.csv, the same filters):
 * the API deliberately has no way to edit or delete it.
 */
import { api, API_PREFIX, type OkJson, unwrap } from '@/api/client'
import { downloadFile } from '@/api/download'
import type { operations } from '@/api/schema'

export type AuditPage = OkJson<'/api/v1/audit', 'get'>
export type AuditEntry = AuditPage['items'][number]
export type AuditQuery = NonNullable<operations['audit-list']['parameters']['query']>
export type AuditExportQuery = NonNullable<operations['audit-export']['parameters']['query']>

export function fetchAudit(query: AuditQuery): Promise<AuditPage> {
  return unwrap(api.GET('/api/v1/audit', { params: { query } }))
}

/** The address of the CSV export for `query` (every filter set, none of the page). */
export function auditExportUrl(query: AuditExportQuery): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value))
  }
  const search = params.toString()
  return `${API_PREFIX}/audit/export.csv${search ? `?${search}` : ''}`
}

/** Download the filtered log as CSV (the export is itself audited); the file's name. */
export function exportAudit(query: AuditExportQuery): Promise<string> {
  return downloadFile(auditExportUrl(query), '审计日志.csv')
}
