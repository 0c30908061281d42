/** What a day is in a year's arrangement (R-DL-12, R-DL-13): the API lists only the exceptions. */
import type { DayNote } from './api'
import { isWeekend, parseIsoDate, toIsoDate } from './dates'

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup'

export const DAY_KIND_LABELS: Record<DayKind, string> = {
  workday: '工作日',
  weekend: '周末',
  holiday: '休息',
  makeup: '调休上班',
}

/** 休息 for a listed non-working day, 调休上班 for a listed working weekend day, else by weekday. */
export function dayKind(iso: string, notes: Map<string, DayNote>): DayKind {
  const note = notes.get(iso)
  if (note) return note.working ? 'makeup' : 'holiday'
  const d = parseIsoDate(iso)
  return d && isWeekend(d) ? 'weekend' : 'workday'
}

/** Working days in each month of `year` (index 0 = 一月). */
export function workingDaysPerMonth(year: number, notes: Map<string, DayNote>): number[] {
  const counts = Array.from({ length: 12 }, () => 0)
  for (let d = new Date(year, 0, 1); d.getFullYear() === year; d.setDate(d.getDate() + 1)) {
    const kind = dayKind(toIsoDate(d), notes)
    if (kind === 'workday' || kind === 'makeup') counts[d.getMonth()] += 1
  }
  return counts
}
