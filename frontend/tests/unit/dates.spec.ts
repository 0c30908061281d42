import { describe, expect, it } from 'vitest'
import type { DayNote } from '@/features/calendar/api'
import {
  daysBetween,
  formatChineseDate,
  formatMonthDay,
  monthWeeks,
  parseIsoDate,
  toIsoDate,
  todayIso,
  weekdayName,
} from '@/features/calendar/dates'
import { dayKind, workingDaysPerMonth } from '@/features/calendar/workdays'

describe('calendar dates', () => {
  it('reads and writes YYYY-MM-DD in local time, refusing impossible dates', () => {
    const d = parseIsoDate('2024-04-28')
    expect(d?.getFullYear()).toBe(2024)
    expect(d?.getMonth()).toBe(3)
    expect(d?.getDate()).toBe(28)
    expect(toIsoDate(d as Date)).toBe('2024-04-28')
    expect(parseIsoDate('2023-02-29')).toBeNull()
    expect(parseIsoDate('2024-13-01')).toBeNull()
    expect(parseIsoDate('2024-4-8')).toBeNull()
    expect(todayIso(new Date(2025, 0, 5))).toBe('2025-01-05')
  })

  it('formats dates the Chinese way', () => {
    expect(formatChineseDate('2024-04-28')).toBe('2024年4月28日')
    expect(formatMonthDay('2024-05-01')).toBe('5月1日')
    expect(weekdayName('2024-04-28')).toBe('星期日')
    expect(formatChineseDate('bad')).toBe('bad')
  })

  it('counts days across a month and a leap day', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2)
    expect(daysBetween('2024-04-28', '2024-04-08')).toBe(-20)
  })

  it('lays a month out Monday first', () => {
    const weeks = monthWeeks(2024, 4) // 2024-04-01 is a Monday
    expect(weeks[0][0]).toBe('2024-04-01')
    expect(weeks).toHaveLength(5)
    const sept = monthWeeks(2024, 9) // 2024-09-01 is a Sunday
    expect(sept[0].slice(0, 6).every((c) => c === null)).toBe(true)
    expect(sept[0][6]).toBe('2024-09-01')
    expect(sept.flat().filter(Boolean)).toHaveLength(30)
  })
})

describe('working days from a year arrangement', () => {
  const note = (date: string, working: boolean, name: string): DayNote => ({
    date,
    weekday: weekdayName(date),
    name,
    working,
    source: 'package',
  })
  const notes = new Map(
    [
      note('2024-04-28', true, '调休上班（5月2日休息）'),
      note('2024-05-01', false, '劳动节'),
      note('2024-05-02', false, '休息日'),
      note('2024-05-03', false, '休息日'),
      note('2024-05-11', true, '调休上班（5月3日休息）'),
    ].map((n) => [n.date, n]),
  )

  it('classifies days', () => {
    expect(dayKind('2024-04-28', notes)).toBe('makeup')
    expect(dayKind('2024-05-01', notes)).toBe('holiday')
    expect(dayKind('2024-04-27', notes)).toBe('weekend')
    expect(dayKind('2024-04-26', notes)).toBe('workday')
  })

  it('counts working days per month', () => {
    const counts = workingDaysPerMonth(2024, notes)
    expect(counts[3]).toBe(22 + 1) // April: 22 weekdays + the 28th
    expect(counts[4]).toBe(23 - 3 + 1) // May: 23 weekdays, 3 off, the 11th on
    expect(counts).toHaveLength(12)
  })
})
