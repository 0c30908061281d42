/**
 * 全县办理概况 for the office's home page, asked of GET /items: how many items are in each state,
 * and which units have overdue items (each unit's own assignments, as the list's unit filter counts).
 */
import { fetchAllItems, fetchItems, type ItemState, type ItemSummary } from '@/features/items/api'

export const STATES: readonly ItemState[] = ['unassigned', 'open', 'due_soon', 'overdue', 'done']

export type StateCounts = Record<ItemState, number> & { total: number }

export async function countByState(year?: number): Promise<StateCounts> {
  const base = year ? { year } : {}
  const [total, ...counts] = await Promise.all([
    fetchItems({ ...base, page: 1, page_size: 1 }),
    ...STATES.map((state) => fetchItems({ ...base, state, page: 1, page_size: 1 })),
  ])
  const out = { total: total.total } as StateCounts
  STATES.forEach((s, i) => {
    out[s] = counts[i].total
  })
  return out
}

/** `县交通运输局（主办）` → `县交通运输局`. */
export function unitNameOf(entry: string): string {
  return entry.replace(/（[^（）]*）$/, '')
}

/** The units named on any of `items` (candidates for an overdue count), most items first. */
export function unitsNamedOn(items: readonly Pick<ItemSummary, 'units'>[]): string[] {
  const counts = new Map<string, number>()
  for (const item of items) {
    for (const name of new Set(item.units.map(unitNameOf))) counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN')).map(([n]) => n)
}

export interface UnitOverdue {
  unitId: number
  unitName: string
  overdue: number
}

/**
 * Overdue items per unit: the overdue list names the candidate units; each is then counted with
 * the unit filter, which looks at that unit's own assignment only.
 */
export async function overdueByUnit(
  idOf: (name: string) => number | undefined,
  year?: number,
): Promise<{ items: ItemSummary[]; units: UnitOverdue[] }> {
  const base = year ? { year } : {}
  const items = await fetchAllItems({ ...base, state: 'overdue', sort: 'due' })
  const candidates = unitsNamedOn(items)
    .map((name) => ({ name, id: idOf(name) }))
    .filter((u): u is { name: string; id: number } => u.id !== undefined)
  const counts = await Promise.all(
    candidates.map((u) => fetchItems({ ...base, state: 'overdue', unit_id: u.id, page: 1, page_size: 1 })),
  )
  const units = candidates
    .map((u, i) => ({ unitId: u.id, unitName: u.name, overdue: counts[i].total }))
    .filter((u) => u.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || a.unitName.localeCompare(b.unitName, 'zh-CN'))
  return { items, units }
}
