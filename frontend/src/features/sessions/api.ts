/** 会次: the congress and CPPCC sessions items are numbered within (第X届第Y次会议). */
import { api, type BodyJson, type OkJson, unwrap } from '@/api/client'

export type Session = OkJson<'/api/v1/sessions', 'get'>[number]
export type SessionCreate = BodyJson<'/api/v1/sessions', 'post'>

export function fetchSessions(): Promise<Session[]> {
  return unwrap(api.GET('/api/v1/sessions'))
}

export function createSession(body: SessionCreate): Promise<Session> {
  return unwrap(api.POST('/api/v1/sessions', { body }))
}
