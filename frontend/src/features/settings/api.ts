/**
 * 系统配置 (the office administrator): the jurisdiction's names and bodies (R-RP-6), deadline
 * settings (临期 window, R-AS-2 re-assignment window) and each year's fixed dates (R-DL-8/9).
 */
import { api, type BodyJson, ifMatch, type OkJson, unwrap } from '@/api/client'

export type Configuration = OkJson<'/api/v1/config', 'get'>
export type ConfigurationUpdate = BodyJson<'/api/v1/config', 'patch'>
export type Jurisdiction = Configuration['jurisdiction']
export type Bodies = Jurisdiction['county_bodies']
export type DeadlineConfig = Configuration['deadlines']
export type YearPlan = OkJson<'/api/v1/config/year-plans/{year}', 'get'>
export type YearPlanBody = BodyJson<'/api/v1/config/year-plans/{year}', 'put'>

export function fetchConfig(): Promise<Configuration> {
  return unwrap(api.GET('/api/v1/config'))
}

/** A whole section at a time (a section sent in part would fall back to defaults); 412 when stale. */
export function updateConfig(body: ConfigurationUpdate, version: number): Promise<Configuration> {
  return unwrap(api.PATCH('/api/v1/config', { body, headers: ifMatch(version) }))
}

export function fetchYearPlan(year: number): Promise<YearPlan> {
  return unwrap(api.GET('/api/v1/config/year-plans/{year}', { params: { path: { year } } }))
}

export function saveYearPlan(year: number, body: YearPlanBody): Promise<YearPlan> {
  return unwrap(api.PUT('/api/v1/config/year-plans/{year}', { params: { path: { year } }, body }))
}
