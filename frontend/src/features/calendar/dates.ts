/**
 * Calendar dates as the API writes them (`YYYY-MM-DD`, no time zone), read and written in local
 * time so a date never shifts by a day in the browser.
 */

export const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']
/** Column heads of a month grid, Monday first as Chinese calendars print them. */
export const WEEK_HEADS = ['一', '二', '三', '四', '五', '六', '日']

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A `YYYY-MM-DD` string as a local Date, or null when it is not a real calendar date. */
export function parseIsoDate(text: string): Date | null {
  const m = ISO_DATE.exec(text.trim())
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const d = new Date(year, month - 1, day)
  const real = d.getFullYear() === year && d.getMonth() === month - 1 && d.getDate() === day
  return real ? d : null
}

export function toIsoDate(d: Date): string {
  const mm = String(d.getMonth() + 1).padStart(2, '0')
  const dd = String(d.getDate()).padStart(2, '0')
  return `${d.getFullYear()}-${mm}-${dd}`
}

export function todayIso(now: Date = new Date()): string {
  return toIsoDate(now)
}

/** 2024-04-28 → 2024年4月28日 */
export function formatChineseDate(iso: string): string {
  const d = parseIsoDate(iso)
  return d ? `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日` : iso
}

/** 2024-04-28 → 4月28日 */
export function formatMonthDay(iso: string): string {
  const d = parseIsoDate(iso)
  return d ? `${d.getMonth() + 1}月${d.getDate()}日` : iso
}

export function weekdayName(iso: string): string {
  const d = parseIsoDate(iso)
  return d ? WEEKDAY_NAMES[d.getDay()] : ''
}

export function isWeekend(d: Date): boolean {
  return d.getDay() === 0 || d.getDay() === 6
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(fromIso: string, toIso: string): number {
  const a = parseIsoDate(fromIso)
  const b = parseIsoDate(toIso)
  if (!a || !b) return NaN
  const utc = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())
  return Math.round((utc(b) - utc(a)) / 86_400_000)
}

/**
 * The weeks of a month as rows of 7 cells (Monday first); cells outside the month are null.
 * `month` is 1–12.
 */
export function monthWeeks(year: number, month: number): (string | null)[][] {
  const first = new Date(year, month - 1, 1)
  const daysInMonth = new Date(year, month, 0).getDate()
  const lead = (first.getDay() + 6) % 7
  const cells: (string | null)[] = Array.from({ length: lead }, () => null)
  for (let day = 1; day <= daysInMonth; day++) cells.push(toIsoDate(new Date(year, month - 1, day)))
  while (cells.length % 7 !== 0) cells.push(null)
  const weeks: (string | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}
