/** 承办单位: the units that handle items (GET/POST /units, PATCH /units/{id}). */
import { api, type BodyJson, ifMatch, type OkJson, unwrap } from '@/api/client'

export type Unit = OkJson<'/api/v1/units/{unit_id}', 'get'>
export type UnitCreate = BodyJson<'/api/v1/units', 'post'>
export type UnitUpdate = BodyJson<'/api/v1/units/{unit_id}', 'patch'>

export function fetchUnits(includeInactive = false): Promise<Unit[]> {
  return unwrap(api.GET('/api/v1/units', { params: { query: { include_inactive: includeInactive } } }))
}

export function createUnit(body: UnitCreate): Promise<Unit> {
  return unwrap(api.POST('/api/v1/units', { body }))
}

export function updateUnit(id: number, body: UnitUpdate, version?: number): Promise<Unit> {
  return unwrap(
    api.PATCH('/api/v1/units/{unit_id}', {
      params: { path: { unit_id: id } },
      body,
      headers: ifMatch(version),
    }),
  )
}
