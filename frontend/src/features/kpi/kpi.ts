/**
 * KPI figures as the dashboard shows them: numerator/denominator and rate, the target, met or
 * missed, and the route to the items behind a figure (the drill-down, R-KPI-0: "show the list of
 * items behind each").
 */
import type { LocationQueryRaw } from 'vue-router'
import type { KpiReport, KpiResult } from './api'

export type Which = 'counted' | 'met' | 'shortfall'

export const WHICH_LABELS: Record<Which, string> = {
  counted: '计入',
  met: '达标',
  shortfall: '未达标',
}

/** `218/248` */
export function fraction(r: Pick<KpiResult, 'numerator' | 'denominator'>): string {
  return `${r.numerator}/${r.denominator}`
}

/** The rate in percent for charts (null when nothing is counted). */
export function percent(r: Pick<KpiResult, 'rate'>): number | null {
  return r.rate === null ? null : Math.round(r.rate * 1000) / 10
}

export function targetPercent(r: Pick<KpiResult, 'target'>): number | null {
  return r.target === null ? null : Math.round(r.target * 1000) / 10
}

export type Verdict = 'met' | 'missed' | 'none'

export function verdictOf(r: Pick<KpiResult, 'met' | 'denominator'>): Verdict {
  if (r.met === null || r.denominator === 0) return 'none'
  return r.met ? 'met' : 'missed'
}

export const VERDICT_LABELS: Record<Verdict, string> = { met: '达标', missed: '未达标', none: '—' }

/** The item ids behind one side of a figure. */
export function idsOf(r: KpiResult, which: Which): number[] {
  switch (which) {
    case 'counted':
      return r.counted_item_ids
    case 'met':
      return r.met_item_ids
    case 'shortfall':
      return r.shortfall_item_ids
  }
}

/** The item list's query for a drill-down: `/items?ids=…&label=…&year=…`. */
export function drillQuery(
  report: Pick<KpiReport, 'unit_name' | 'year'>,
  r: KpiResult,
  which: Which,
): LocationQueryRaw {
  const ids = [...new Set(idsOf(r, which))]
  return {
    ids: ids.join(','),
    label: `${report.unit_name} · ${r.name} · ${WHICH_LABELS[which]}`,
    year: String(report.year),
  }
}

/** The measures in rule order, named as the API names them. */
export function measuresOf(reports: readonly KpiReport[]): { ruleId: string; name: string }[] {
  const seen = new Map<string, string>()
  for (const report of reports) for (const r of report.results) if (!seen.has(r.rule_id)) seen.set(r.rule_id, r.name)
  return [...seen.entries()]
    .sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true }))
    .map(([ruleId, name]) => ({ ruleId, name }))
}

export function resultOf(report: KpiReport, ruleId: string): KpiResult | undefined {
  return report.results.find((r) => r.rule_id === ruleId)
}

/** Units sorted for the table: most missed targets first, then by name. */
export function sortUnitReports(reports: readonly KpiReport[]): KpiReport[] {
  return [...reports].sort(
    (a, b) => b.missed.length - a.missed.length || a.unit_name.localeCompare(b.unit_name, 'zh-CN'),
  )
}
