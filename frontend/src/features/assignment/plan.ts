/**
 * An assignment plan as the dialog edits it (R-AS-1): one main unit with any co-units, or several
 * split units with any co-units. The API decides what is valid; this only builds the request and
 * reads back an item's current units.
 */
import type { UnitRole } from './api'

export type PlanMode = 'main' | 'split'

export interface AssignmentPlan {
  mode: PlanMode
  main: number | null
  split: number[]
  co: number[]
}

export function emptyPlan(): AssignmentPlan {
  return { mode: 'main', main: null, split: [], co: [] }
}

/** An item's assignments as a plan (split when any unit is a split unit). */
export function planOf(assignments: readonly { unit_id: number; role: string }[]): AssignmentPlan {
  const split = assignments.filter((a) => a.role === 'split').map((a) => a.unit_id)
  return {
    mode: split.length ? 'split' : 'main',
    main: assignments.find((a) => a.role === 'main')?.unit_id ?? null,
    split,
    co: assignments.filter((a) => a.role === 'co').map((a) => a.unit_id),
  }
}

/** The body of PUT /items/{id}/assignments; a unit picked twice keeps its first role. */
export function unitsOf(plan: AssignmentPlan): UnitRole[] {
  const lead: UnitRole[] =
    plan.mode === 'main'
      ? plan.main === null
        ? []
        : [{ unit_id: plan.main, role: 'main' }]
      : plan.split.map((unit_id) => ({ unit_id, role: 'split' }))
  const seen = new Set(lead.map((u) => u.unit_id))
  const co = plan.co.filter((id) => !seen.has(id)).map((unit_id) => ({ unit_id, role: 'co' as const }))
  return [...lead, ...co]
}

/** What the plan says in words: 主办：县交通运输局；会办：城关街道. */
export function describePlan(plan: AssignmentPlan, nameOf: (id: number) => string): string {
  const parts: string[] = []
  if (plan.mode === 'main' && plan.main !== null) parts.push(`主办：${nameOf(plan.main)}`)
  if (plan.mode === 'split' && plan.split.length) parts.push(`分办：${plan.split.map(nameOf).join('、')}`)
  const co = unitsOf(plan).filter((u) => u.role === 'co')
  if (co.length) parts.push(`会办：${co.map((u) => nameOf(u.unit_id)).join('、')}`)
  return parts.join('；')
}
