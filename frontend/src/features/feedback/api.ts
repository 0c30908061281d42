/**
 * 征询意见与跟进 (R-FB): feedback forms entered by the liaisons (R-FB-1), the office's referral of
 * dissatisfied feedback (R-FB-2), the unit's follow-up within R-DL-7, and the look-back (R-FB-3).
 */
import { api, type BodyJson, type OkJson, unwrap } from '@/api/client'

export type Feedback = OkJson<'/api/v1/items/{item_id}/feedback', 'get'>[number]
export type FeedbackCreate = BodyJson<'/api/v1/items/{item_id}/feedback', 'post'>
export type Referral = OkJson<'/api/v1/referrals', 'get'>[number]
export type FollowUp = BodyJson<'/api/v1/referrals/{referral_id}/follow-up', 'put'>
export type LookBack = OkJson<'/api/v1/items/{item_id}/lookback', 'get'>[number]
export type LookBackBody = BodyJson<'/api/v1/items/{item_id}/lookback', 'put'>

const item = (id: number) => ({ params: { path: { item_id: id } } })

export function fetchFeedback(itemId: number): Promise<Feedback[]> {
  return unwrap(api.GET('/api/v1/items/{item_id}/feedback', item(itemId)))
}

export function createFeedback(itemId: number, body: FeedbackCreate): Promise<Feedback> {
  return unwrap(api.POST('/api/v1/items/{item_id}/feedback', { ...item(itemId), body }))
}

/** 交办不满意意见 (R-FB-2): starts the unit's R-DL-7 clock and listed supervision. */
export function referFeedback(feedbackId: number, referredOn: string, note: string | null): Promise<Referral> {
  return unwrap(
    api.POST('/api/v1/feedback/{feedback_id}/referral', {
      params: { path: { feedback_id: feedbackId } },
      body: { referred_on: referredOn, note },
    }),
  )
}

/**
 * 征询意见表 awaiting the office's referral (R-FB-2): dissatisfied and not referred yet, oldest
 * first; a unit sees only those about its own replies.
 */
export function fetchAwaitingReferral(year?: number): Promise<Feedback[]> {
  return unwrap(api.GET('/api/v1/feedback', { params: { query: year ? { year } : {} } }))
}

export function fetchReferrals(openOnly: boolean): Promise<Referral[]> {
  return unwrap(api.GET('/api/v1/referrals', { params: { query: { open_only: openOnly } } }))
}

export function saveFollowUp(referralId: number, body: FollowUp): Promise<Referral> {
  return unwrap(
    api.PUT('/api/v1/referrals/{referral_id}/follow-up', {
      params: { path: { referral_id: referralId } },
      body,
    }),
  )
}

export function fetchLookBack(itemId: number): Promise<LookBack[]> {
  return unwrap(api.GET('/api/v1/items/{item_id}/lookback', item(itemId)))
}

export function saveLookBack(itemId: number, body: LookBackBody): Promise<LookBack> {
  return unwrap(api.PUT('/api/v1/items/{item_id}/lookback', { ...item(itemId), body }))
}
