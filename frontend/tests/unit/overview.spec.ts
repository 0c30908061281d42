import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { countByState, overdueByUnit, unitNameOf, unitsNamedOn } from '@/features/home/overview'

const fetchMock = vi.fn<(input: RequestInfo | URL) => Promise<Response>>()
beforeEach(() => {
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => vi.unstubAllGlobals())

function answer(handler: (q: URLSearchParams) => unknown) {
  fetchMock.mockImplementation(async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://x')
    return new Response(JSON.stringify(handler(url.searchParams)), {
      headers: { 'Content-Type': 'application/json' },
    })
  })
}

describe('county overview', () => {
  it('reads unit names off the list’s units', () => {
    expect(unitNameOf('县交通运输局（主办）')).toBe('县交通运输局')
    expect(unitNameOf('城关街道')).toBe('城关街道')
    expect(
      unitsNamedOn([
        { units: ['乙局（主办）', '甲局（会办）'] },
        { units: ['甲局（主办）'] },
      ]),
    ).toEqual(['甲局', '乙局'])
  })

  it('counts items by state', async () => {
    const totals: Record<string, number> = { '': 300, open: 17, due_soon: 3, overdue: 11, done: 260, unassigned: 9 }
    answer((q) => ({ items: [], total: totals[q.get('state') ?? ''], page: 1, page_size: 1 }))
    expect(await countByState()).toEqual({ total: 300, open: 17, due_soon: 3, overdue: 11, done: 260, unassigned: 9 })
  })

  it('counts each named unit’s own overdue items, most first, dropping units with none', async () => {
    answer((q) => {
      if (q.get('unit_id') === null) {
        return {
          items: [
            { id: 1, units: ['甲局（主办）', '乙局（会办）'] },
            { id: 2, units: ['甲局（主办）'] },
          ],
          total: 2,
          page: 1,
          page_size: 500,
        }
      }
      return { items: [], total: { '1': 2, '2': 0 }[q.get('unit_id') as '1' | '2'], page: 1, page_size: 1 }
    })
    const { units, items } = await overdueByUnit((name) => ({ 甲局: 1, 乙局: 2 })[name])
    expect(items).toHaveLength(2)
    expect(units).toEqual([{ unitId: 1, unitName: '甲局', overdue: 2 }])
  })
})
