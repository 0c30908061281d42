/**
 * The item list's filters, search, sort and page as they live in the address bar
 * (`/items?state=overdue&unit_id=31&page=2`), so a list can be shared, reloaded and linked to
 * from the home page and the KPI drill-down (`ids=4,5,8`).
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { type ItemQuery, type ItemSort, type ItemState, MAX_IDS } from './api'

export interface ListQuery {
  q: string
  kind: 'suggestion' | 'proposal' | ''
  level: 'city' | 'county' | ''
  state: ItemState | ''
  unitId: number | null
  year: number | null
  key: boolean | null
  leaderSupervised: boolean | null
  replyClass: 'A' | 'B' | 'C' | ''
  replyStatus: 'draft' | 'submitted' | 'returned' | 'approved' | 'sent' | ''
  sort: ItemSort
  page: number
  pageSize: number
  /** A drill-down: only these items (KPI figures), shown whatever the other filters say. */
  ids: number[] | null
  /** What the drill-down shows, e.g. 县交通运输局 · 按时办复率 · 未达标. */
  label: string
}

export const PAGE_SIZES = [20, 50, 100, 300] as const
export const DEFAULT_QUERY: ListQuery = {
  q: '',
  kind: '',
  level: '',
  state: '',
  unitId: null,
  year: null,
  key: null,
  leaderSupervised: null,
  replyClass: '',
  replyStatus: '',
  sort: 'number',
  page: 1,
  pageSize: 50,
  ids: null,
  label: '',
}

const SORTS: readonly ItemSort[] = ['number', '-number', 'due', '-updated', 'title']
const STATES: readonly ItemState[] = ['unassigned', 'open', 'due_soon', 'overdue', 'done']

function one(value: LocationQuery[string] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v.trim() : ''
}

function int(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null
  const n = Number(text)
  return n >= min && n <= max ? n : null
}

function bool(text: string): boolean | null {
  return text === 'true' ? true : text === 'false' ? false : null
}

function pick<T extends string>(text: string, allowed: readonly T[]): T | '' {
  return (allowed as readonly string[]).includes(text) ? (text as T) : ''
}

/** The route's query as a ListQuery; anything unknown or malformed falls back to the default. */
export function parseListQuery(query: LocationQuery): ListQuery {
  const ids = one(query.ids)
    .split(',')
    .map((s) => int(s, 1, 1e9))
    .filter((n): n is number => n !== null)
  const size = int(one(query.page_size), 1, 500)
  return {
    q: one(query.q).slice(0, 100),
    kind: pick(one(query.kind), ['suggestion', 'proposal'] as const),
    level: pick(one(query.level), ['city', 'county'] as const),
    state: pick(one(query.state), STATES),
    unitId: int(one(query.unit_id), 1, 1e9),
    year: int(one(query.year), 2000, 2100),
    key: bool(one(query.key)),
    leaderSupervised: bool(one(query.leader_supervised)),
    replyClass: pick(one(query.reply_class), ['A', 'B', 'C'] as const),
    replyStatus: pick(one(query.reply_status), [
      'draft',
      'submitted',
      'returned',
      'approved',
      'sent',
    ] as const),
    sort: pick(one(query.sort), SORTS) || DEFAULT_QUERY.sort,
    page: int(one(query.page), 1, 1e6) ?? 1,
    pageSize: size && (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_QUERY.pageSize,
    ids: one(query.ids) ? ids : null,
    label: one(query.label).slice(0, 100),
  }
}

/** The ListQuery for the address bar, leaving out what equals the default. */
export function toRouteQuery(q: ListQuery): LocationQueryRaw {
  const out: LocationQueryRaw = {}
  const put = (key: string, value: string | number | boolean | null, fallback: unknown) => {
    if (value !== null && value !== '' && value !== fallback) out[key] = String(value)
  }
  put('q', q.q, '')
  put('kind', q.kind, '')
  put('level', q.level, '')
  put('state', q.state, '')
  put('unit_id', q.unitId, null)
  put('year', q.year, null)
  put('key', q.key, null)
  put('leader_supervised', q.leaderSupervised, null)
  put('reply_class', q.replyClass, '')
  put('reply_status', q.replyStatus, '')
  put('sort', q.sort, DEFAULT_QUERY.sort)
  put('page', q.page, 1)
  put('page_size', q.pageSize, DEFAULT_QUERY.pageSize)
  if (q.ids) out.ids = q.ids.join(',')
  put('label', q.label, '')
  return out
}

/** Whether the API can answer a drill-down by its ids (`ids=4&ids=5…`), paged on its side. */
export function idsFit(ids: readonly number[] | null): boolean {
  return ids !== null && ids.length > 0 && ids.length <= MAX_IDS
}

/**
 * The API's query for GET /items. A drill-down sends its ids (and year), whatever the other
 * filters say; one too long for the API asks for every item of the year, filtered here.
 */
export function toApiQuery(q: ListQuery): ItemQuery {
  const api: ItemQuery = { sort: q.sort, page: q.page, page_size: q.pageSize }
  if (q.ids) {
    if (q.year) api.year = q.year
    if (idsFit(q.ids)) api.ids = [...new Set(q.ids)]
    return api
  }
  if (q.q) api.q = q.q
  if (q.kind) api.kind = q.kind
  if (q.level) api.level = q.level
  if (q.state) api.state = q.state
  if (q.unitId) api.unit_id = q.unitId
  if (q.year) api.year = q.year
  if (q.key !== null) api.key = q.key
  if (q.leaderSupervised !== null) api.leader_supervised = q.leaderSupervised
  if (q.replyClass) api.reply_class = q.replyClass
  if (q.replyStatus) api.reply_status = q.replyStatus
  return api
}

/** Whether any filter narrows the list (for the 清除筛选 button and the empty state). */
export function isFiltered(q: ListQuery): boolean {
  const d = DEFAULT_QUERY
  return (
    q.q !== d.q ||
    q.kind !== d.kind ||
    q.level !== d.level ||
    q.state !== d.state ||
    q.unitId !== d.unitId ||
    q.year !== d.year ||
    q.key !== d.key ||
    q.leaderSupervised !== d.leaderSupervised ||
    q.replyClass !== d.replyClass ||
    q.replyStatus !== d.replyStatus ||
    q.ids !== null
  )
}

/** One page of `all` (already in order) for a drill-down too long for the API's id filter. */
export function pageOf<T>(all: readonly T[], page: number, pageSize: number): T[] {
  const start = (page - 1) * pageSize
  return all.slice(start, start + pageSize)
}
