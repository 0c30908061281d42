/**
 * The audit log's filters and page as they live in the address bar
 * (`/audit?entity=users&action=update&page=2`), so a search can be reloaded and shared.
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { AuditQuery } from './api'

export interface AuditFilter {
  entity: string
  action: string
  itemId: number | null
  actorUserId: number | null
  page: number
  pageSize: number
}

export const AUDIT_PAGE_SIZES = [20, 50, 100, 200] as const
export const DEFAULT_AUDIT_FILTER: AuditFilter = {
  entity: '',
  action: '',
  itemId: null,
  actorUserId: null,
  page: 1,
  pageSize: 50,
}

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

export function parseAuditQuery(query: LocationQuery): AuditFilter {
  const size = Number(one(query.page_size))
  return {
    entity: code(one(query.entity)),
    action: code(one(query.action)),
    itemId: id(one(query.item_id)),
    actorUserId: id(one(query.actor_user_id)),
    page: id(one(query.page), MAX_PAGE) ?? 1,
    pageSize: (AUDIT_PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_AUDIT_FILTER.pageSize,
  }
}

/** For the address bar: only what differs from the default. */
export function toAuditRouteQuery(f: AuditFilter): LocationQueryRaw {
  const out: LocationQueryRaw = {}
  if (f.entity) out.entity = f.entity
  if (f.action) out.action = f.action
  if (f.itemId !== null) out.item_id = String(f.itemId)
  if (f.actorUserId !== null) out.actor_user_id = String(f.actorUserId)
  if (f.page !== 1) out.page = String(f.page)
  if (f.pageSize !== DEFAULT_AUDIT_FILTER.pageSize) out.page_size = String(f.pageSize)
  return out
}

export function toAuditApiQuery(f: AuditFilter): AuditQuery {
  const q: AuditQuery = { page: f.page, page_size: f.pageSize }
  if (f.entity) q.entity = f.entity
  if (f.action) q.action = f.action
  if (f.itemId !== null) q.item_id = f.itemId
  if (f.actorUserId !== null) q.actor_user_id = f.actorUserId
  return q
}

export function isAuditFiltered(f: AuditFilter): boolean {
  return !!(f.entity || f.action || f.itemId !== null || f.actorUserId !== null)
}
