import { describe, expect, it } from 'vitest'
import { describePlan, emptyPlan, planOf, unitsOf } from '@/features/assignment/plan'

const names: Record<number, string> = { 1: '县交通运输局', 2: '城关街道', 3: '县教育体育局' }
const nameOf = (id: number) => names[id] ?? String(id)

describe('assignment plans (R-AS-1)', () => {
  it('builds one main unit with co-units', () => {
    const plan = { mode: 'main' as const, main: 1, split: [], co: [2, 3] }
    expect(unitsOf(plan)).toEqual([
      { unit_id: 1, role: 'main' },
      { unit_id: 2, role: 'co' },
      { unit_id: 3, role: 'co' },
    ])
    expect(describePlan(plan, nameOf)).toBe('主办：县交通运输局；会办：城关街道、县教育体育局')
  })

  it('builds split units, and never lists a unit twice', () => {
    const plan = { mode: 'split' as const, main: 1, split: [1, 3], co: [3, 2] }
    expect(unitsOf(plan)).toEqual([
      { unit_id: 1, role: 'split' },
      { unit_id: 3, role: 'split' },
      { unit_id: 2, role: 'co' },
    ])
  })

  it('reads an item back into a plan, and starts empty', () => {
    expect(planOf([
      { unit_id: 1, role: 'split' },
      { unit_id: 3, role: 'split' },
      { unit_id: 2, role: 'co' },
    ])).toEqual({ mode: 'split', main: null, split: [1, 3], co: [2] })
    expect(planOf([{ unit_id: 1, role: 'main' }])).toEqual({ mode: 'main', main: 1, split: [], co: [] })
    expect(unitsOf(emptyPlan())).toEqual([])
    expect(describePlan(emptyPlan(), nameOf)).toBe('')
  })
})
