/** 答复模板: a unit's reusable reply texts (the unit writes its own; the office and auditor read all). */
import { api, type BodyJson, ifMatch, type OkJson, unwrap } from '@/api/client'

export { fetchTemplates, type Template } from '@/features/replies/api'
export type TemplateBody = BodyJson<'/api/v1/reply-templates', 'post'>
type Saved = OkJson<'/api/v1/reply-templates', 'post'>

export function createTemplate(body: TemplateBody): Promise<Saved> {
  return unwrap(api.POST('/api/v1/reply-templates', { body }))
}

export function updateTemplate(id: number, body: TemplateBody, version?: number): Promise<Saved> {
  return unwrap(
    api.PUT('/api/v1/reply-templates/{template_id}', {
      params: { path: { template_id: id } },
      body,
      headers: ifMatch(version),
    }),
  )
}
