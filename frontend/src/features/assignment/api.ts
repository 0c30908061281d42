/**
 * 交办与承办: assign an item to units (R-AS-1), re-assignment requests (R-AS-2), key items
 * (R-KY-1), responsibility breakdowns (R-DL-1) and open-door handling (R-KY-3).
 */
import { api, type BodyJson, ifMatch, type OkJson, unwrap } from '@/api/client'

export type UnitRole = BodyJson<'/api/v1/items/{item_id}/assignments', 'put'>['units'][number]
export type Reassignment = OkJson<'/api/v1/reassignment-requests', 'get'>[number]
export type ReassignmentCreate = BodyJson<'/api/v1/items/{item_id}/reassignment-requests', 'post'>
export type ReassignmentDecision = BodyJson<
  '/api/v1/reassignment-requests/{request_id}/decision',
  'post'
>
export type Breakdown = OkJson<'/api/v1/items/{item_id}/breakdowns', 'get'>[number]
export type BreakdownEntry = BodyJson<'/api/v1/items/{item_id}/breakdowns', 'put'>['entries'][number]
export type OpenDoor = OkJson<'/api/v1/items/{item_id}/open-door', 'get'>
export type OpenDoorBody = BodyJson<'/api/v1/items/{item_id}/open-door', 'put'>

/** PUT /items/{id}/assignments — replaces the item's units. */
export function assignItem(itemId: number, units: UnitRole[], version?: number) {
  return unwrap(
    api.PUT('/api/v1/items/{item_id}/assignments', {
      params: { path: { item_id: itemId } },
      body: { units },
      headers: ifMatch(version),
    }),
  )
}

export function fetchReassignments(pendingOnly: boolean): Promise<Reassignment[]> {
  return unwrap(
    api.GET('/api/v1/reassignment-requests', { params: { query: { pending_only: pendingOnly } } }),
  )
}

export function requestReassignment(itemId: number, body: ReassignmentCreate): Promise<Reassignment> {
  return unwrap(
    api.POST('/api/v1/items/{item_id}/reassignment-requests', {
      params: { path: { item_id: itemId } },
      body,
    }),
  )
}

export function decideReassignment(
  requestId: number,
  body: ReassignmentDecision,
): Promise<Reassignment> {
  return unwrap(
    api.POST('/api/v1/reassignment-requests/{request_id}/decision', {
      params: { path: { request_id: requestId } },
      body,
    }),
  )
}

/** PUT /units/{id}/key-items — the unit's 1–2 key items of the year (R-KY-1). */
export function selectKeyItems(
  unitId: number,
  year: number,
  itemIds: number[],
  registrationFiledOn: string | null,
): Promise<number[]> {
  return unwrap(
    api.PUT('/api/v1/units/{unit_id}/key-items', {
      params: { path: { unit_id: unitId } },
      body: { year, item_ids: itemIds, registration_filed_on: registrationFiledOn },
    }),
  )
}

export function fetchBreakdowns(itemId: number): Promise<Breakdown[]> {
  return unwrap(
    api.GET('/api/v1/items/{item_id}/breakdowns', { params: { path: { item_id: itemId } } }),
  )
}

export function saveBreakdowns(itemId: number, entries: BreakdownEntry[]): Promise<Breakdown[]> {
  return unwrap(
    api.PUT('/api/v1/items/{item_id}/breakdowns', {
      params: { path: { item_id: itemId } },
      body: { entries },
    }),
  )
}

export function fetchOpenDoor(itemId: number): Promise<OpenDoor> {
  return unwrap(api.GET('/api/v1/items/{item_id}/open-door', { params: { path: { item_id: itemId } } }))
}

export function saveOpenDoor(itemId: number, body: OpenDoorBody): Promise<OpenDoor> {
  return unwrap(
    api.PUT('/api/v1/items/{item_id}/open-door', { params: { path: { item_id: itemId } }, body }),
  )
}
