/** 考核指标 (R-KPI-1..7): county-wide and per unit, for a year, as of a date (R-KPI-0 counting). */
import { api, type OkJson, unwrap } from '@/api/client'

export type KpiReport = OkJson<'/api/v1/kpi', 'get'>
export type KpiResult = KpiReport['results'][number]

export function fetchCountyKpi(year: number, asOf?: string): Promise<KpiReport> {
  return unwrap(api.GET('/api/v1/kpi', { params: { query: { year, as_of: asOf } } }))
}

export function fetchUnitKpis(year: number, asOf?: string): Promise<KpiReport[]> {
  return unwrap(api.GET('/api/v1/kpi/units', { params: { query: { year, as_of: asOf } } }))
}
