/** The units, fetched once and shared: pickers, names by id, the KPI table. */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { fetchUnits, type Unit } from './api'

/** Townships and sub-districts first, then departments, each by name (as the office lists them). */
export function sortUnits(units: readonly Unit[]): Unit[] {
  const order = { township: 0, subdistrict: 1, department: 2, other: 3 } as const
  return [...units].sort(
    (a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name, 'zh-CN'),
  )
}

export const useUnitsStore = defineStore('units', () => {
  const units = ref<Unit[]>([])
  const loaded = ref(false)
  let pending: Promise<Unit[]> | null = null

  const active = computed(() => sortUnits(units.value.filter((u) => u.active)))
  const byId = computed(() => new Map(units.value.map((u) => [u.id, u])))
  const byName = computed(() => new Map(units.value.map((u) => [u.name, u])))

  /** All units (inactive too), from cache unless `force`. */
  async function load(force = false): Promise<Unit[]> {
    if (loaded.value && !force) return units.value
    pending ??= fetchUnits(true)
      .then((list) => {
        units.value = list
        loaded.value = true
        return list
      })
      .finally(() => {
        pending = null
      })
    return pending
  }

  function nameOf(id: number | null | undefined): string {
    return (id !== null && id !== undefined && byId.value.get(id)?.name) || (id ? `单位${id}` : '')
  }

  function upsert(unit: Unit): void {
    const i = units.value.findIndex((u) => u.id === unit.id)
    if (i >= 0) units.value.splice(i, 1, unit)
    else units.value.push(unit)
  }

  return { units, loaded, active, byId, byName, load, nameOf, upsert }
})
