import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fetchOverview, readOverview } from '@/features/home/overview'

const fetchMock = vi.fn<(input: RequestInfo | URL) => Promise<Response>>()
beforeEach(() => {
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => vi.unstubAllGlobals())

const urlOf = (n: number) => {
  const input = fetchMock.mock.calls[n][0]
  return new URL(input instanceof Request ? input.url : String(input), 'http://x')
}

const OVERVIEW = {
  year: null,
  total: 300,
  by_state: { unassigned: 9, open: 17, due_soon: 3, overdue: 11, done: 260 },
  overdue_by_unit: [
    { unit_id: 2, unit_name: '乙局', overdue: 4 },
    { unit_id: 1, unit_name: '甲局', overdue: 7 },
    { unit_id: 3, unit_name: '丙局', overdue: 4 },
  ],
}

describe('county overview', () => {
  it('asks GET /items/overview once, with the year when one is given', async () => {
    fetchMock.mockImplementation(
      async () => new Response(JSON.stringify(OVERVIEW), { headers: { 'Content-Type': 'application/json' } }),
    )
    const { counts, units } = await fetchOverview()
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(urlOf(0).pathname).toBe('/api/v1/items/overview')
    expect(urlOf(0).search).toBe('')
    expect(counts).toEqual({ total: 300, unassigned: 9, open: 17, due_soon: 3, overdue: 11, done: 260 })
    expect(units.map((u) => u.unitId)).toEqual([1, 3, 2])

    await fetchOverview(2024)
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(urlOf(1).searchParams.get('year')).toBe('2024')
  })

  it('counts a state the API left out as 0, and keeps units most overdue first (ties by name)', () => {
    const { counts, units } = readOverview({
      ...OVERVIEW,
      by_state: { open: 2 } as unknown as typeof OVERVIEW.by_state, // an older server
      overdue_by_unit: [...OVERVIEW.overdue_by_unit, { unit_id: 4, unit_name: '丁局', overdue: 0 }],
    })
    expect(counts).toEqual({ total: 300, unassigned: 0, open: 2, due_soon: 0, overdue: 0, done: 0 })
    expect(units).toEqual([
      { unitId: 1, unitName: '甲局', overdue: 7 },
      { unitId: 3, unitName: '丙局', overdue: 4 },
      { unitId: 2, unitName: '乙局', overdue: 4 },
    ])
  })

  it('turns a refusal into an ApiProblem', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ status: 403, detail: '无权执行此操作' }), {
        status: 403,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    )
    await expect(fetchOverview()).rejects.toMatchObject({ status: 403, detail: '无权执行此操作' })
  })
})
