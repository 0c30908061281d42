/** 并案 (R-MG): link items with the same or similar content into one reply; undo before it is sent. */
import { api, type OkJson, unwrap } from '@/api/client'
import type { operations } from '@/api/schema'

export type Merge = OkJson<'/api/v1/merges/{group_id}', 'get'>
export type MergeQuery = NonNullable<operations['merges-list']['parameters']['query']>

/** The groups in force (not undone) whose items the caller may see, newest first. */
export function fetchMerges(query: MergeQuery = {}): Promise<Merge[]> {
  return unwrap(api.GET('/api/v1/merges', { params: { query } }))
}

export function createMerge(itemIds: number[], reason: string | null): Promise<Merge> {
  return unwrap(api.POST('/api/v1/merges', { body: { item_ids: itemIds, reason } }))
}

export function fetchMerge(groupId: number): Promise<Merge> {
  return unwrap(api.GET('/api/v1/merges/{group_id}', { params: { path: { group_id: groupId } } }))
}

export function undoMerge(groupId: number): Promise<Merge> {
  return unwrap(api.POST('/api/v1/merges/{group_id}/undo', { params: { path: { group_id: groupId } } }))
}
