/** 督查 (R-SV): supervision records — special, joint, listed, talks, circulars — and units' reports. */
import { api, type BodyJson, type OkJson, unwrap } from '@/api/client'

export type Supervision = OkJson<'/api/v1/supervision', 'get'>[number]
export type SupervisionCreate = BodyJson<'/api/v1/supervision', 'post'>
export type SupervisionKind = Supervision['kind']
export type ReportStatus = OkJson<'/api/v1/reports/status', 'get'>[number]

export function fetchSupervision(kind?: SupervisionKind): Promise<Supervision[]> {
  return unwrap(api.GET('/api/v1/supervision', { params: { query: { kind } } }))
}

export function createSupervision(body: SupervisionCreate): Promise<Supervision> {
  return unwrap(api.POST('/api/v1/supervision', { body }))
}

export function fetchReportStatus(year: number): Promise<ReportStatus[]> {
  return unwrap(api.GET('/api/v1/reports/status', { params: { query: { year } } }))
}

export type Reminders = OkJson<'/api/v1/reminders', 'get'>
export type UnitReminders = Reminders['units'][number]

/** 催办提醒: each unit's overdue and due-soon deadlines (a unit gets its own). */
export function fetchReminders(asOf?: string): Promise<Reminders> {
  return unwrap(api.GET('/api/v1/reminders', { params: { query: { as_of: asOf } } }))
}

export function circularUrl(year: number): string {
  return `/api/v1/reminders/circular.docx?year=${year}`
}
