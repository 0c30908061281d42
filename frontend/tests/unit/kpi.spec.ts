import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { KpiReport, KpiResult } from '@/features/kpi/api'
import { drillQuery, fraction, measuresOf, percent, sortUnitReports, targetPercent, verdictOf } from '@/features/kpi/kpi'
import { useKpiStore } from '@/features/kpi/store'

const result = (rule: string, n: number, d: number, met: boolean | null, extra: Partial<KpiResult> = {}): KpiResult => ({
  rule_id: rule,
  name: `指标${rule}`,
  numerator: n,
  denominator: d,
  rate: d ? n / d : null,
  rate_text: d ? `${Math.round((n / d) * 1000) / 10}%` : '—',
  target: 1,
  target_text: '100%',
  met,
  display: `${n}/${d}`,
  counted_item_ids: [1, 2, 3, 3],
  met_item_ids: [1, 2],
  shortfall_item_ids: [3, 3],
  ...extra,
})
const report = (unit: string, missed: string[], results: KpiResult[]): KpiReport => ({
  year: 2024,
  as_of: '2024-12-31',
  unit_id: unit === '全县' ? null : 1,
  unit_name: unit,
  results,
  missed,
})

describe('KPI figures', () => {
  it('shows numerator/denominator, percent and target', () => {
    const r = result('R-KPI-1', 218, 248, false)
    expect(fraction(r)).toBe('218/248')
    expect(percent(r)).toBe(87.9)
    expect(targetPercent(r)).toBe(100)
    expect(verdictOf(r)).toBe('missed')
    expect(verdictOf(result('R-KPI-2', 0, 0, true))).toBe('none')
    expect(percent(result('R-KPI-2', 0, 0, null))).toBeNull()
  })

  it('drills down to the items behind a figure, each item once', () => {
    const q = drillQuery(report('县交通运输局', [], []), result('R-KPI-1', 2, 3, false), 'shortfall')
    expect(q).toEqual({ ids: '3', label: '县交通运输局 · 指标R-KPI-1 · 未达标', year: '2024' })
    expect(drillQuery(report('全县', [], []), result('R-KPI-1', 2, 3, false), 'counted').ids).toBe('1,2,3')
  })

  it('lists measures in rule order and units with the most missed targets first', () => {
    const a = report('乙单位', ['R-KPI-1'], [result('R-KPI-10', 1, 1, true), result('R-KPI-2', 1, 1, true)])
    const b = report('甲单位', ['R-KPI-1', 'R-KPI-3'], [result('R-KPI-1', 1, 2, false)])
    expect(measuresOf([a, b]).map((m) => m.ruleId)).toEqual(['R-KPI-1', 'R-KPI-2', 'R-KPI-10'])
    expect(sortUnitReports([a, b]).map((u) => u.unit_name)).toEqual(['甲单位', '乙单位'])
  })
})

describe('KPI store', () => {
  const fetchMock = vi.fn<(input: RequestInfo | URL) => Promise<Response>>()
  beforeEach(() => {
    setActivePinia(createPinia())
    fetchMock.mockReset()
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => vi.unstubAllGlobals())

  it('loads the county and the units for a year and date', async () => {
    fetchMock.mockImplementation(async (input) => {
      const url = new URL(input instanceof Request ? input.url : String(input), 'http://x')
      const body = url.pathname.endsWith('/kpi/units')
        ? [report('乙单位', [], []), report('甲单位', ['R-KPI-1'], [])]
        : report('全县', ['R-KPI-1'], [result('R-KPI-1', 1, 2, false)])
      expect(url.searchParams.get('year')).toBe('2024')
      expect(url.searchParams.get('as_of')).toBe('2024-12-31')
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } })
    })
    const kpi = useKpiStore()
    await kpi.load(2024, '2024-12-31')
    expect(kpi.county?.unit_name).toBe('全县')
    expect(kpi.units.map((u) => u.unit_name)).toEqual(['甲单位', '乙单位'])
    expect(kpi.loading).toBe(false)
  })

  it('keeps the problem when the API refuses', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ status: 422, detail: '年份超出范围', field: 'year' }), {
        status: 422,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    )
    const kpi = useKpiStore()
    await kpi.load(1999)
    expect(kpi.problem?.detail).toBe('年份超出范围')
    expect(kpi.county).toBeNull()
  })
})
