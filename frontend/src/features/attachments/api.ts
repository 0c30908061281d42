/** 附件: files kept with an item, a reply, a visit or a report (multipart upload, download). */
import { api, authorizedFetch, type OkJson, unwrap } from '@/api/client'

export type Attachment = OkJson<'/api/v1/attachments', 'get'>[number]
export type ParentType = Attachment['parent_type'] & ('item' | 'reply' | 'visit' | 'report')

export function fetchAttachments(parentType: ParentType, parentId: number): Promise<Attachment[]> {
  return unwrap(
    api.GET('/api/v1/attachments', { params: { query: { parent_type: parentType, parent_id: parentId } } }),
  )
}

/** POST /attachments as multipart/form-data (parent_type, parent_id, file). */
export async function uploadAttachment(
  parentType: ParentType,
  parentId: number,
  file: File,
): Promise<Attachment> {
  const form = new FormData()
  form.append('parent_type', parentType)
  form.append('parent_id', String(parentId))
  form.append('file', file, file.name)
  const response = await authorizedFetch('/api/v1/attachments', { method: 'POST', body: form })
  return (await response.json()) as Attachment
}

export function attachmentUrl(id: number): string {
  return `/api/v1/attachments/${id}/content`
}

/** 12345 → 12.1 KB */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
