import { describe, expect, it } from 'vitest'
import { byUrgency, countdownText, URGENCY_TAG, urgencyOf, workingDaysText } from '@/utils/deadlines'

describe('deadline countdowns', () => {
  it('counts calendar days to a due date, and days overdue', () => {
    expect(countdownText('2024-05-10', '2024-05-06')).toBe('剩 4 天')
    expect(countdownText('2024-05-06', '2024-05-06')).toBe('今天到期')
    expect(countdownText('2024-05-01', '2024-05-06')).toBe('逾期 5 天')
    expect(countdownText(null, '2024-05-06')).toBe('')
    expect(countdownText('not a date', '2024-05-06')).toBe('')
  })

  it('reads the API working days left', () => {
    expect(workingDaysText(3)).toBe('剩 3 个工作日')
    expect(workingDaysText(0)).toBe('今天到期')
    expect(workingDaysText(-2)).toBe('逾期 2 个工作日')
    expect(workingDaysText(null)).toBe('')
  })

  it('colours overdue red and due soon amber', () => {
    expect(URGENCY_TAG[urgencyOf('overdue')]).toBe('danger')
    expect(URGENCY_TAG[urgencyOf('due_soon')]).toBe('warning')
    expect(urgencyOf('done_late')).toBe('done')
    expect(urgencyOf('not_started')).toBe('open')
    expect(urgencyOf('unassigned')).toBe('none')
  })

  it('puts the most urgent items first', () => {
    const items = [
      { id: 1, state: 'done', next_due: null },
      { id: 2, state: 'open', next_due: '2024-06-30' },
      { id: 3, state: 'overdue', next_due: '2024-04-01' },
      { id: 4, state: 'open', next_due: '2024-06-01' },
      { id: 5, state: 'due_soon', next_due: '2024-05-08' },
    ]
    expect(byUrgency(items).map((i) => i.id)).toEqual([3, 5, 4, 2, 1])
  })
})
