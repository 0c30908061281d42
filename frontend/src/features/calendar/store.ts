/** Year arrangements (年度放假安排), fetched once per year and shared by the calendar screens. */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { type DayNote, fetchYear, type YearRead } from './api'

export const useCalendarStore = defineStore('calendar', () => {
  const years = ref<Record<number, YearRead>>({})
  const pending = new Map<number, Promise<YearRead>>()

  /** The arrangement of `year`, from cache or the API; concurrent calls share one request. */
  async function loadYear(year: number): Promise<YearRead> {
    const cached = years.value[year]
    if (cached) return cached
    let request = pending.get(year)
    if (!request) {
      request = fetchYear(year).finally(() => pending.delete(year))
      pending.set(year, request)
    }
    const loaded = await request
    years.value[year] = loaded
    return loaded
  }

  /** Drop cached years, e.g. after the office edits an arrangement. */
  function invalidate(): void {
    years.value = {}
  }

  return { years, loadYear, invalidate }
})

/** The day notes of a year by date, for month grids. */
export function notesByDate(year: YearRead | undefined): Map<string, DayNote> {
  return new Map((year?.days ?? []).map((n) => [n.date, n]))
}
