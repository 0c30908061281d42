/** The KPI dashboard's figures for one year and "as of" date, county-wide and per unit. */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ApiProblem } from '@/api/problem'
import { fetchCountyKpi, fetchUnitKpis, type KpiReport } from './api'
import { sortUnitReports } from './kpi'

export const useKpiStore = defineStore('kpi', () => {
  const county = shallowRef<KpiReport | null>(null)
  const units = shallowRef<KpiReport[]>([])
  const loading = ref(false)
  const problem = shallowRef<ApiProblem | null>(null)
  let latest = 0

  async function load(year: number, asOf?: string): Promise<void> {
    const mine = ++latest
    loading.value = true
    problem.value = null
    try {
      const [c, u] = await Promise.all([fetchCountyKpi(year, asOf), fetchUnitKpis(year, asOf)])
      if (mine !== latest) return
      county.value = c
      units.value = sortUnitReports(u)
    } catch (e) {
      if (mine !== latest) return
      county.value = null
      units.value = []
      problem.value = e as ApiProblem
    } finally {
      if (mine === latest) loading.value = false
    }
  }

  return { county, units, loading, problem, load }
})
