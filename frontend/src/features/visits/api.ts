/**
 * 走访 (R-VS): one visit card per item visited (附件13), the lead proposer of a joint item
 * (R-VS-2), organised by the unit itself (R-VS-3); all cards submitted by R-DL-8.
 */
import { api, type BodyJson, type OkJson, unwrap } from '@/api/client'

export type Visit = OkJson<'/api/v1/items/{item_id}/visits', 'get'>[number]
export type VisitCreate = BodyJson<'/api/v1/items/{item_id}/visits', 'post'>
export type BatchVisitCreate = BodyJson<'/api/v1/visits/batch', 'post'>
export type VisitMode = Visit['mode']

export function fetchVisits(itemId: number): Promise<Visit[]> {
  return unwrap(api.GET('/api/v1/items/{item_id}/visits', { params: { path: { item_id: itemId } } }))
}

export function createVisit(itemId: number, body: VisitCreate): Promise<Visit> {
  return unwrap(
    api.POST('/api/v1/items/{item_id}/visits', { params: { path: { item_id: itemId } }, body }),
  )
}

/** 集中走访: the same visit recorded on each item's card. */
export function createVisits(body: BatchVisitCreate): Promise<Visit[]> {
  return unwrap(api.POST('/api/v1/visits/batch', { body }))
}

/** 报送走访卡 (R-DL-8): marks the unit's cards as submitted; answers how many. */
export function submitCards(unitId: number, submittedOn: string): Promise<number> {
  return unwrap(
    api.POST('/api/v1/units/{unit_id}/visit-cards/submit', {
      params: { path: { unit_id: unitId } },
      body: { submitted_on: submittedOn },
    }),
  )
}

export function visitCardUrl(visitId: number): string {
  return `/api/v1/visits/${visitId}/card?format=docx`
}

export function unitCardsUrl(unitId: number): string {
  return `/api/v1/units/${unitId}/visit-cards?format=docx`
}
