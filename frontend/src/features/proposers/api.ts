/** 提出人: deputies, CPPCC members and organisations (代表、委员、党派团体). */
import { api, type BodyJson, type OkJson, unwrap } from '@/api/client'

export type ProposerPage = OkJson<'/api/v1/proposers', 'get'>
export type Proposer = ProposerPage['items'][number]
export type ProposerCreate = BodyJson<'/api/v1/proposers', 'post'>
export type ProposerKind = Proposer['kind']

export function searchProposers(q: string, kind?: ProposerKind): Promise<ProposerPage> {
  return unwrap(
    api.GET('/api/v1/proposers', {
      params: { query: { q: q || undefined, kind, page: 1, page_size: 30 } },
    }),
  )
}

export function createProposer(body: ProposerCreate): Promise<Proposer> {
  return unwrap(api.POST('/api/v1/proposers', { body }))
}
