/** 建议提案 (items): list and search, create, read with deadlines, change, timeline, notes. */
import { api, type BodyJson, ifMatch, type OkJson, unwrap } from '@/api/client'
import type { components, operations } from '@/api/schema'

export type ItemPage = OkJson<'/api/v1/items', 'get'>
export type ItemSummary = ItemPage['items'][number]
export type Item = OkJson<'/api/v1/items/{item_id}', 'get'>
export type ItemCreate = BodyJson<'/api/v1/items', 'post'>
export type ItemUpdate = BodyJson<'/api/v1/items/{item_id}', 'patch'>
export type Assignment = Item['assignments'][number]
export type Deadline = components['schemas']['ItemDeadlineRead']
export type TimelineEntry = OkJson<'/api/v1/items/{item_id}/timeline', 'get'>[number]
export type Note = OkJson<'/api/v1/items/{item_id}/notes', 'get'>[number]
export type ItemQuery = NonNullable<operations['items-list']['parameters']['query']>
export type ItemSort = NonNullable<ItemQuery['sort']>
export type ItemState = NonNullable<ItemQuery['state']>

export function fetchItems(query: ItemQuery): Promise<ItemPage> {
  return unwrap(api.GET('/api/v1/items', { params: { query } }))
}

export function fetchItem(id: number): Promise<Item> {
  return unwrap(api.GET('/api/v1/items/{item_id}', { params: { path: { item_id: id } } }))
}

export function createItem(body: ItemCreate): Promise<Item> {
  return unwrap(api.POST('/api/v1/items', { body }))
}

export function updateItem(id: number, body: ItemUpdate, version?: number): Promise<Item> {
  return unwrap(
    api.PATCH('/api/v1/items/{item_id}', {
      params: { path: { item_id: id } },
      body,
      headers: ifMatch(version),
    }),
  )
}

export function fetchTimeline(id: number): Promise<TimelineEntry[]> {
  return unwrap(api.GET('/api/v1/items/{item_id}/timeline', { params: { path: { item_id: id } } }))
}

export function fetchNotes(id: number): Promise<Note[]> {
  return unwrap(api.GET('/api/v1/items/{item_id}/notes', { params: { path: { item_id: id } } }))
}

export function createNote(id: number, body: string): Promise<Note> {
  return unwrap(
    api.POST('/api/v1/items/{item_id}/notes', { params: { path: { item_id: id } }, body: { body } }),
  )
}

/** R-KY-2: mark (or unmark) an item for a county leader to supervise (领导领衔督办). */
export function setLeaderSupervision(
  id: number,
  leaderSupervised: boolean,
  supervisingLeader: string | null,
): Promise<Item> {
  return unwrap(
    api.PUT('/api/v1/items/{item_id}/leader-supervision', {
      params: { path: { item_id: id } },
      body: { leader_supervised: leaderSupervised, supervising_leader: supervisingLeader },
    }),
  )
}

/**
 * Every item matching `query` (all pages), for drill-downs and overviews; the API allows
 * up to 500 a page.
 */
export async function fetchAllItems(query: ItemQuery): Promise<ItemSummary[]> {
  const pageSize = 500
  const first = await fetchItems({ ...query, page: 1, page_size: pageSize })
  const rest = Math.ceil(first.total / pageSize) - 1
  const more = await Promise.all(
    Array.from({ length: Math.max(0, rest) }, (_, i) =>
      fetchItems({ ...query, page: i + 2, page_size: pageSize }),
    ),
  )
  return [first, ...more].flatMap((p) => p.items)
}

/** How many ids GET /items?ids= takes in one request. */
export const MAX_IDS = 500

/**
 * The items with these ids that the caller may see (GET /items?ids=…), in the API's order:
 * one request per 500 ids, instead of one per item.
 */
export async function fetchItemsByIds(ids: readonly number[], sort: ItemSort = 'number'): Promise<ItemSummary[]> {
  const unique = [...new Set(ids)]
  const chunks: number[][] = []
  for (let i = 0; i < unique.length; i += MAX_IDS) chunks.push(unique.slice(i, i + MAX_IDS))
  const pages = await Promise.all(
    chunks.map((chunk) => fetchItems({ ids: chunk, sort, page: 1, page_size: MAX_IDS })),
  )
  return pages.flatMap((p) => p.items)
}
