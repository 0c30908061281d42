/**
 * 全县办理概况 for the office's home page, in one request (GET /items/overview): how many items
 * are in each state, and which units have overdue items (each unit's own assignments, counted as
 * the list's unit filter counts them), most first.
 */
import { api, type OkJson, unwrap } from '@/api/client'
import type { ItemState } from '@/features/items/api'

export type Overview = OkJson<'/api/v1/items/overview', 'get'>

export const STATES: readonly ItemState[] = ['unassigned', 'open', 'due_soon', 'overdue', 'done']

export type StateCounts = Record<ItemState, number> & { total: number }

export interface UnitOverdue {
  unitId: number
  unitName: string
  overdue: number
}

export interface CountyOverview {
  counts: StateCounts
  units: UnitOverdue[]
}

/** The API's answer as the page shows it: every state counted (0 when the API left it out). */
export function readOverview(o: Overview): CountyOverview {
  const counts = { total: o.total } as StateCounts
  for (const s of STATES) counts[s] = o.by_state[s] ?? 0
  const units = o.overdue_by_unit
    .filter((u) => u.overdue > 0)
    .map((u) => ({ unitId: u.unit_id, unitName: u.unit_name, overdue: u.overdue }))
    .sort((a, b) => b.overdue - a.overdue || a.unitName.localeCompare(b.unitName, 'zh-CN'))
  return { counts, units }
}

export async function fetchOverview(year?: number): Promise<CountyOverview> {
  const query = year ? { year } : {}
  return readOverview(await unwrap(api.GET('/api/v1/items/overview', { params: { query } })))
}
