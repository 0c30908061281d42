/** 会办意见 (R-DL-3, R-RP-5): a co-unit's opinion to the main unit (and the office on city items). */
import { api, type BodyJson, type OkJson, unwrap } from '@/api/client'

export type CoOpinion = OkJson<'/api/v1/items/{item_id}/co-opinions', 'get'>[number]
export type CoOpinionBody = BodyJson<'/api/v1/items/{item_id}/co-opinion', 'put'>

const item = (id: number) => ({ params: { path: { item_id: id } } })

export function fetchCoOpinions(itemId: number): Promise<CoOpinion[]> {
  return unwrap(api.GET('/api/v1/items/{item_id}/co-opinions', item(itemId)))
}

export function saveCoOpinion(itemId: number, body: CoOpinionBody): Promise<CoOpinion> {
  return unwrap(api.PUT('/api/v1/items/{item_id}/co-opinion', { ...item(itemId), body }))
}

export function deliverCoOpinion(
  itemId: number,
  deliveredOn: string,
  sentToOfficeOn: string | null,
): Promise<CoOpinion> {
  return unwrap(
    api.POST('/api/v1/items/{item_id}/co-opinion/deliver', {
      ...item(itemId),
      body: { delivered_on: deliveredOn, sent_to_office_on: sentToOfficeOn },
    }),
  )
}

export function coOpinionLetterUrl(itemId: number, unitId?: number): string {
  return `/api/v1/items/${itemId}/co-opinion/letter?format=docx${unitId ? `&unit_id=${unitId}` : ''}`
}
