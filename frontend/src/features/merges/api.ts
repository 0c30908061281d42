/** 并案 (R-MG): link items with the same or similar content into one reply; undo before it is sent. */
import { api, type OkJson, unwrap } from '@/api/client'

export type Merge = OkJson<'/api/v1/merges/{group_id}', 'get'>

export function createMerge(itemIds: number[], reason: string | null): Promise<Merge> {
  return unwrap(api.POST('/api/v1/merges', { body: { item_ids: itemIds, reason } }))
}

export function fetchMerge(groupId: number): Promise<Merge> {
  return unwrap(api.GET('/api/v1/merges/{group_id}', { params: { path: { group_id: groupId } } }))
}

export function undoMerge(groupId: number): Promise<Merge> {
  return unwrap(api.POST('/api/v1/merges/{group_id}/undo', { params: { path: { group_id: groupId } } }))
}
