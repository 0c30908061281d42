/**
 * What a person may do to a reply now, from their role and unit, the reply's status and the
 * item's level — so the panel shows only buttons the API would accept (it still decides).
 */
import type { UserRole } from '@/features/auth/api'
import { roleGroup } from '@/features/auth/roles'

export type ReplyAction = 'edit' | 'sign' | 'review' | 'send' | 'publish'

export interface ReplyFacts {
  status: 'draft' | 'submitted' | 'returned' | 'approved' | 'sent'
  unit_id: number
  published_on: string | null
  disclosure: 'agree' | 'disagree' | 'unmarked'
}

export interface Viewer {
  role: UserRole
  unit_id: number | null
}

const EDITABLE = new Set(['draft', 'returned'])

export function replyActions(
  reply: ReplyFacts,
  viewer: Viewer,
  item: { level: 'city' | 'county'; secret: boolean },
): ReplyAction[] {
  const group = roleGroup(viewer.role)
  const ownUnit = group === 'unit' && viewer.unit_id === reply.unit_id
  const office = group === 'office'
  const actions: ReplyAction[] = []
  if (ownUnit && EDITABLE.has(reply.status)) actions.push('edit')
  if (ownUnit && viewer.role === 'unit_leader' && EDITABLE.has(reply.status)) actions.push('sign')
  if (office && reply.status === 'submitted') actions.push('review')
  if (reply.status === 'approved' && (office || (ownUnit && item.level === 'county'))) {
    actions.push('send')
  }
  const publishable = !item.secret && reply.disclosure !== 'disagree'
  if (reply.status === 'sent' && !reply.published_on && publishable && (office || ownUnit)) {
    actions.push('publish')
  }
  return actions
}

/** The workflow's steps for el-steps, and which one the reply is at (0-based). */
export const REPLY_STEPS = ['起草', '领导签发', '办公室审核', '答复代表委员', '公开'] as const

export function stepOf(reply: Pick<ReplyFacts, 'status' | 'published_on'>): number {
  switch (reply.status) {
    case 'draft':
    case 'returned':
      return 0
    case 'submitted':
      return 2
    case 'approved':
      return 3
    case 'sent':
      return reply.published_on ? 5 : 4
  }
}
