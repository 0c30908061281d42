/** 答复公开: published replies, for everyone, without signing in (R-DL-5, R-RP-2). */
import { api, type OkJson, unwrap } from '@/api/client'
import type { operations } from '@/api/schema'

export type PublicPage = OkJson<'/api/v1/public/replies', 'get'>
export type PublicReply = PublicPage['items'][number]
export type PublicQuery = NonNullable<operations['public-replies-list']['parameters']['query']>

export function fetchPublicReplies(query: PublicQuery): Promise<PublicPage> {
  return unwrap(api.GET('/api/v1/public/replies', { params: { query } }))
}

export function fetchPublicReply(id: number): Promise<PublicReply> {
  return unwrap(api.GET('/api/v1/public/replies/{reply_id}', { params: { path: { reply_id: id } } }))
}
