/** Working-day calendar reads (工作日历): a due date with its explanation, and a year's arrangement. */
import { api, type BodyJson, type OkJson, unwrap } from '@/api/client'

export type DeadlineRead = OkJson<'/api/v1/calendar/deadline', 'get'>
export type ExplanationRead = DeadlineRead['explanation']
export type YearRead = OkJson<'/api/v1/calendar/{year}', 'get'>
export type DayNote = YearRead['days'][number]

/** GET /calendar/deadline — the due date of `period` counted from `start` (R-DL-14). */
export function fetchDeadline(start: string, period: string): Promise<DeadlineRead> {
  return unwrap(api.GET('/api/v1/calendar/deadline', { params: { query: { start, period } } }))
}

/** GET /calendar/{year} — the year's holidays and make-up working days (R-DL-12, R-DL-13). */
export function fetchYear(year: number): Promise<YearRead> {
  return unwrap(api.GET('/api/v1/calendar/{year}', { params: { path: { year } } }))
}

export type ArrangementBody = BodyJson<'/api/v1/calendar/{year}', 'put'>
export type ArrangementSaved = OkJson<'/api/v1/calendar/{year}', 'put'>

/** PUT /calendar/{year} — the office enters or corrects a year (R-DL-13); answers items_recomputed. */
export function saveYear(year: number, body: ArrangementBody): Promise<ArrangementSaved> {
  return unwrap(api.PUT('/api/v1/calendar/{year}', { params: { path: { year } }, body }))
}

/** DELETE /calendar/{year} — back to the holidays package's arrangement. */
export function resetYear(year: number): Promise<ArrangementSaved> {
  return unwrap(api.DELETE('/api/v1/calendar/{year}', { params: { path: { year } } }))
}
