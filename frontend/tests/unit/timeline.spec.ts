import { describe, expect, it } from 'vitest'
import { describeEntry, describeValue, formatTimestamp, parseTimestamp } from '@/features/items/timeline'

describe('the timeline in words', () => {
  it('names the record, the action and each change, hiding bookkeeping columns', () => {
    const line = describeEntry({
      at: '2024-05-06T01:30:00',
      actor: '督查室王科长',
      action: 'update',
      entity: 'replies',
      entity_id: '3',
      changes: { status: { old: 'submitted', new: 'returned' }, version: { old: 1, new: 2 } },
    })
    expect(line.actor).toBe('督查室王科长')
    expect(line.what).toBe('修改答复')
    expect(line.changes).toEqual([{ field: 'status', label: '状态', from: '已签发待审核', to: '已退回' }])
  })

  it('reads created records and recomputed deadlines', () => {
    const created = describeEntry({
      at: '2024-05-06T01:30:00Z',
      actor: null,
      action: 'create',
      entity: 'assignments',
      entity_id: '6',
      changes: { id: { new: 6 }, role: { new: 'main' }, key_item: { new: false } },
    })
    expect(created.actor).toBe('系统')
    expect(created.changes.map((c) => `${c.label}=${c.to}`)).toEqual(['承办方式=主办', '重点处理=否'])
    const recomputed = describeEntry({
      at: '2024-05-06T01:30:00',
      actor: null,
      action: 'recompute',
      entity: 'calendar',
      entity_id: '2025',
      changes: { reason: '录入放假安排', 'R-DL-4@12': { old: '2025-06-20', new: '2025-06-23' } },
    })
    expect(recomputed.what).toBe('重新计算期限：工作日历')
    expect(recomputed.changes[1]).toEqual({ field: 'R-DL-4@12', label: 'R-DL-4', from: '2025-06-20', to: '2025-06-23' })
  })

  it('treats naive timestamps as UTC and writes them in Chinese', () => {
    expect(parseTimestamp('2024-05-06T01:30:00').toISOString()).toBe('2024-05-06T01:30:00.000Z')
    expect(parseTimestamp('2024-05-06T09:30:00+08:00').toISOString()).toBe('2024-05-06T01:30:00.000Z')
    expect(formatTimestamp(new Date(2024, 4, 6, 9, 5))).toBe('2024年5月6日 09:05')
    expect(describeValue('x'.repeat(70))).toHaveLength(61)
    expect(describeValue(null)).toBe('空')
  })
})
