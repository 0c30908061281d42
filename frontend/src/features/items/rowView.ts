/**
 * What one row of the item list shows, computed once per page of rows: plain strings and class
 * names, so a page of 300 rows renders as plain elements (no component per cell).
 */
import { formatMonthDay } from '@/features/calendar/dates'
import { countdownText, type Urgency, urgencyOf } from '@/utils/deadlines'
import { ITEM_STATE_LABELS, REPLY_STATUS_LABELS } from '@/utils/labels'
import type { ItemSummary } from './api'

export interface RowFlag {
  text: string
  tone: 'danger' | 'warning' | 'success' | 'info'
  solid?: boolean
}

export interface RowView {
  item: ItemSummary
  href: string
  urgency: Urgency
  countdown: string
  dueText: string
  reply: string
  replyTone: string
  flags: RowFlag[]
}

const REPLY_TONES: Record<string, string> = {
  draft: 'info',
  submitted: 'warning',
  returned: 'danger',
  approved: 'primary',
  sent: 'success',
}

export function flagsOf(
  item: Pick<ItemSummary, 'level' | 'key_item' | 'leader_supervised' | 'merge_group_id' | 'secret'>,
): RowFlag[] {
  const flags: RowFlag[] = []
  if (item.level === 'city') flags.push({ text: '市级', tone: 'info' })
  if (item.key_item) flags.push({ text: '重点', tone: 'danger' })
  if (item.leader_supervised) flags.push({ text: '领导督办', tone: 'warning' })
  if (item.merge_group_id) flags.push({ text: '并案', tone: 'success' })
  if (item.secret) flags.push({ text: '涉密', tone: 'danger', solid: true })
  return flags
}

export function rowViewOf(item: ItemSummary, today?: string): RowView {
  const urgency = urgencyOf(item.state)
  const countdown =
    urgency === 'done'
      ? ITEM_STATE_LABELS.done
      : item.state === 'unassigned'
        ? ITEM_STATE_LABELS.unassigned
        : countdownText(item.next_due, today) || '未定期限'
  const status = item.reply_status
  return {
    item,
    href: `/items/${item.id}`,
    urgency,
    countdown,
    dueText: item.next_due && urgency !== 'done' ? formatMonthDay(item.next_due) : '',
    reply: status
      ? `${(REPLY_STATUS_LABELS as Record<string, string>)[status] ?? status}${item.reply_class ? ` · ${item.reply_class}类` : ''}`
      : '',
    replyTone: status ? (REPLY_TONES[status] ?? 'info') : '',
    flags: flagsOf(item),
  }
}
