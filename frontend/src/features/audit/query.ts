/**
 * The audit log's filters and page as they live in the address bar
 * (`/audit?entity=users&outcome=failure&since=2024-05-06T08:00&page=2`), so a search can be
 * reloaded and shared. Times are the reader's local time there, and sent with their offset.
 */
import dayjs from 'dayjs'
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { AuditExportQuery, AuditQuery } from './api'

export type AuditOutcome = 'success' | 'failure' | 'challenge'
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['success', 'failure', 'challenge']

export interface AuditFilter {
  entity: string
  action: string
  outcome: AuditOutcome | ''
  itemId: number | null
  actorUserId: number | null
  /** Local date and time, `YYYY-MM-DDTHH:mm` (from, included), or ''. */
  since: string
  /** Local date and time, `YYYY-MM-DDTHH:mm` (until, not included), or ''. */
  until: string
  page: number
  pageSize: number
}

export const AUDIT_PAGE_SIZES = [20, 50, 100, 200] as const
export const DEFAULT_AUDIT_FILTER: AuditFilter = {
  entity: '',
  action: '',
  outcome: '',
  itemId: null,
  actorUserId: null,
  since: '',
  until: '',
  page: 1,
  pageSize: 50,
}

/** The format of `since` and `until` in the filter and the address bar. */
export const LOCAL_MINUTE = 'YYYY-MM-DDTHH:mm'

function one(value: LocationQuery[string] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v.trim() : ''
}

/** The API's row ids: 1 … 2³¹−1 (anything else is a 422). */
export const MAX_ID = 2 ** 31 - 1
const MAX_PAGE = 1_000_000

function id(text: string, max = MAX_ID): number | null {
  if (!/^\d{1,10}$/.test(text)) return null
  const n = Number(text)
  return n >= 1 && n <= max ? n : null
}

/** Entity and action names are the API's codes: letters, digits and underscores. */
function code(text: string): string {
  return /^[a-z][a-z0-9_]{0,63}$/.test(text) ? text : ''
}

/** A local date and time as `YYYY-MM-DDTHH:mm` (seconds dropped), or '' when it is not one. */
export function localMinute(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/.exec(text)
  if (!m) return ''
  const [, y, mo, d, h, mi] = m.map(Number)
  const at = new Date(y, mo - 1, d, h, mi)
  const real = at.getFullYear() === y && at.getMonth() === mo - 1 && at.getDate() === d && h < 24 && mi < 60
  return real && y >= 2000 && y <= 2100 ? dayjs(at).format(LOCAL_MINUTE) : ''
}

/** A local `YYYY-MM-DDTHH:mm` as the API reads it: ISO 8601 with this browser's offset. */
export function toApiTime(local: string): string {
  return dayjs(local).format('YYYY-MM-DDTHH:mm:ssZ')
}

function pickOutcome(text: string): AuditOutcome | '' {
  return (AUDIT_OUTCOMES as readonly string[]).includes(text) ? (text as AuditOutcome) : ''
}

export function parseAuditQuery(query: LocationQuery): AuditFilter {
  const size = Number(one(query.page_size))
  return {
    entity: code(one(query.entity)),
    action: code(one(query.action)),
    outcome: pickOutcome(one(query.outcome)),
    itemId: id(one(query.item_id)),
    actorUserId: id(one(query.actor_user_id)),
    since: localMinute(one(query.since)),
    until: localMinute(one(query.until)),
    page: id(one(query.page), MAX_PAGE) ?? 1,
    pageSize: (AUDIT_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_AUDIT_FILTER.pageSize,
  }
}

/** For the address bar: only what differs from the default. */
export function toAuditRouteQuery(f: AuditFilter): LocationQueryRaw {
  const out: LocationQueryRaw = {}
  if (f.entity) out.entity = f.entity
  if (f.action) out.action = f.action
  if (f.outcome) out.outcome = f.outcome
  if (f.itemId !== null) out.item_id = String(f.itemId)
  if (f.actorUserId !== null) out.actor_user_id = String(f.actorUserId)
  if (f.since) out.since = f.since
  if (f.until) out.until = f.until
  if (f.page !== 1) out.page = String(f.page)
  if (f.pageSize !== DEFAULT_AUDIT_FILTER.pageSize) out.page_size = String(f.pageSize)
  return out
}

/** The filters the API reads (GET /audit and its CSV export alike), without the page. */
export function toAuditExportQuery(f: AuditFilter): AuditExportQuery {
  const q: AuditExportQuery = {}
  if (f.entity) q.entity = f.entity
  if (f.action) q.action = f.action
  if (f.outcome) q.outcome = f.outcome
  if (f.itemId !== null) q.item_id = f.itemId
  if (f.actorUserId !== null) q.actor_user_id = f.actorUserId
  if (f.since) q.since = toApiTime(f.since)
  if (f.until) q.until = toApiTime(f.until)
  return q
}

export function toAuditApiQuery(f: AuditFilter): AuditQuery {
  return { page: f.page, page_size: f.pageSize, ...toAuditExportQuery(f) }
}

export function isAuditFiltered(f: AuditFilter): boolean {
  return !!(f.entity || f.action || f.outcome || f.itemId !== null || f.actorUserId !== null || f.since || f.until)
}
