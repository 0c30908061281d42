/**
 * 答复 (replies) through their workflow: draft → leader signs (R-RP-10) → the office returns it
 * with reasons or approves it, correcting the class (R-RP-9) → sent (R-RP-4) → published (R-DL-5).
 */
import { api, type BodyJson, ifMatch, type OkJson, unwrap } from '@/api/client'

export type Reply = OkJson<'/api/v1/replies/{reply_id}', 'get'>
export type ReplyCreate = BodyJson<'/api/v1/items/{item_id}/replies', 'post'>
export type ReplyUpdate = BodyJson<'/api/v1/replies/{reply_id}', 'patch'>
export type FormatProblem = Reply['format_problems'][number]
export type Review = Reply['reviews'][number]
export type ReplyClass = NonNullable<Reply['reply_class']>
export type Template = OkJson<'/api/v1/reply-templates', 'get'>[number]

const path = (id: number) => ({ params: { path: { reply_id: id } } })

export function fetchReplies(itemId: number): Promise<Reply[]> {
  return unwrap(api.GET('/api/v1/items/{item_id}/replies', { params: { path: { item_id: itemId } } }))
}

export function fetchReply(id: number): Promise<Reply> {
  return unwrap(api.GET('/api/v1/replies/{reply_id}', path(id)))
}

export function createReply(itemId: number, body: ReplyCreate): Promise<Reply> {
  return unwrap(
    api.POST('/api/v1/items/{item_id}/replies', { params: { path: { item_id: itemId } }, body }),
  )
}

export function updateReply(id: number, body: ReplyUpdate, version?: number): Promise<Reply> {
  return unwrap(api.PATCH('/api/v1/replies/{reply_id}', { ...path(id), body, headers: ifMatch(version) }))
}

/** 领导签发: the unit's leader in charge signs; the reply goes to the office (R-RP-10). */
export function signReply(id: number, version?: number): Promise<Reply> {
  return unwrap(api.POST('/api/v1/replies/{reply_id}/sign', { ...path(id), headers: ifMatch(version) }))
}

/** 退回 with reasons (R-RP-9). */
export function returnReply(id: number, reasons: string, version?: number): Promise<Reply> {
  return unwrap(
    api.POST('/api/v1/replies/{reply_id}/return', {
      ...path(id),
      body: { reasons },
      headers: ifMatch(version),
    }),
  )
}

/** 审核通过, correcting the A/B/C class if needed (recorded, R-RP-9). */
export function approveReply(
  id: number,
  replyClass: ReplyClass | null,
  note: string | null,
  version?: number,
): Promise<Reply> {
  return unwrap(
    api.POST('/api/v1/replies/{reply_id}/approve', {
      ...path(id),
      body: { reply_class: replyClass, note },
      headers: ifMatch(version),
    }),
  )
}

export function sendReply(id: number, sentOn: string, version?: number): Promise<Reply> {
  return unwrap(
    api.POST('/api/v1/replies/{reply_id}/send', {
      ...path(id),
      body: { sent_on: sentOn },
      headers: ifMatch(version),
    }),
  )
}

export function publishReply(
  id: number,
  publishedOn: string,
  url: string,
  version?: number,
): Promise<Reply> {
  return unwrap(
    api.POST('/api/v1/replies/{reply_id}/publish', {
      ...path(id),
      body: { published_on: publishedOn, url },
      headers: ifMatch(version),
    }),
  )
}

export function fetchTemplates(): Promise<Template[]> {
  return unwrap(api.GET('/api/v1/reply-templates'))
}

/** Where the letters of a reply download from (one per deputy of a joint suggestion, R-RP-3). */
export function lettersUrl(id: number, format: 'docx' | 'pdf' = 'docx'): string {
  return `/api/v1/replies/${id}/letters?format=${format}`
}

export type RepeatCheck = OkJson<'/api/v1/replies/{reply_id}/repeat-check', 'get'>

/** R-RP-8: does this reply say nearly what an earlier year's reply to the same matter said? */
export function fetchRepeatCheck(id: number): Promise<RepeatCheck> {
  return unwrap(api.GET('/api/v1/replies/{reply_id}/repeat-check', path(id)))
}
