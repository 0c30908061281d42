/**
 * Deadline countdowns (倒计时): how a due date reads to a person today, and its colour —
 * overdue red, due soon amber (the API decides the state; we only count the days to show).
 */
import { daysBetween, todayIso } from '@/features/calendar/dates'

export type Urgency = 'overdue' | 'due_soon' | 'open' | 'done' | 'none'

/** Element Plus tag types by urgency: red, amber, blue, green, grey. */
export const URGENCY_TAG: Record<Urgency, 'danger' | 'warning' | 'primary' | 'success' | 'info'> = {
  overdue: 'danger',
  due_soon: 'warning',
  open: 'primary',
  done: 'success',
  none: 'info',
}

/** An item's list state (unassigned/open/due_soon/overdue/done) or a deadline's state as urgency. */
export function urgencyOf(state: string | null | undefined): Urgency {
  switch (state) {
    case 'overdue':
      return 'overdue'
    case 'due_soon':
      return 'due_soon'
    case 'open':
    case 'not_started':
      return 'open'
    case 'done':
    case 'done_on_time':
    case 'done_late':
    case 'closed':
      return 'done'
    default:
      return 'none'
  }
}

/**
 * `剩 5 天` / `今天到期` / `逾期 3 天` for a due date seen on `today` (calendar days);
 * '' when there is no due date.
 */
export function countdownText(due: string | null | undefined, today: string = todayIso()): string {
  if (!due) return ''
  const days = daysBetween(today, due)
  if (Number.isNaN(days)) return ''
  if (days > 0) return `剩 ${days} 天`
  if (days === 0) return '今天到期'
  return `逾期 ${-days} 天`
}

/** `剩 3 个工作日` / `今天到期` / `逾期 2 个工作日` from the API's working_days_left. */
export function workingDaysText(left: number | null | undefined): string {
  if (left === null || left === undefined) return ''
  if (left > 0) return `剩 ${left} 个工作日`
  if (left === 0) return '今天到期'
  return `逾期 ${-left} 个工作日`
}

/** Items sorted most urgent first: overdue, then due soon, then open by due date; done last. */
export function byUrgency<T extends { state: string; next_due: string | null }>(items: readonly T[]): T[] {
  const rank: Record<Urgency, number> = { overdue: 0, due_soon: 1, open: 2, none: 3, done: 4 }
  return [...items].sort((a, b) => {
    const r = rank[urgencyOf(a.state)] - rank[urgencyOf(b.state)]
    if (r !== 0) return r
    return (a.next_due ?? '9999').localeCompare(b.next_due ?? '9999')
  })
}
