import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fetchItemsByIds, type ItemSummary } from '@/features/items/api'
import { fetchMerges, type Merge } from '@/features/merges/api'
import { memberIds, mergeRows } from '@/features/merges/groups'

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
const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } })

const summary = (id: number, over: Partial<ItemSummary> = {}): ItemSummary =>
  ({ id, year: 2024, number: id, label: `第${id}号建议`, title: `标题${id}`, reply_status: null, ...over }) as ItemSummary

const group = (id: number, itemIds: number[], over: Partial<Merge> = {}): Merge => ({
  id,
  item_ids: itemIds,
  numbers: itemIds.map((i) => i + 100),
  main_unit_id: 7,
  reason: '内容相近',
  undone_at: null,
  ...over,
})

describe('merge groups in force (GET /merges)', () => {
  it('asks for the groups with the filters given', async () => {
    fetchMock.mockResolvedValue(json([group(3, [1, 2])]))
    expect(await fetchMerges({ year: 2024 })).toHaveLength(1)
    expect(urlOf(0).pathname).toBe('/api/v1/merges')
    expect(urlOf(0).searchParams.get('year')).toBe('2024')
  })

  it('lists each group with its items, lead unit and reason; an item not read keeps its number', () => {
    const items = new Map([
      [1, summary(1)],
      [2, summary(2)],
    ])
    const rows = mergeRows([group(3, [1, 2, 9], { numbers: [16, 17, 30] })], items, (id) => `单位${id}`)
    expect(rows).toEqual([
      {
        id: 3,
        numbers: '第16、17、30号',
        mainUnit: '单位7',
        reason: '内容相近',
        members: [
          { id: 1, label: '2024年第1号建议', title: '标题1' },
          { id: 2, label: '2024年第2号建议', title: '标题2' },
          { id: 9, label: '第30号', title: '' },
        ],
        sent: false,
      },
    ])
  })

  it('leaves out undone groups and marks one whose reply was sent (R-MG-4: cannot be undone)', () => {
    const items = new Map([[1, summary(1, { reply_status: 'sent' })]])
    const rows = mergeRows(
      [group(3, [1, 2]), group(4, [5, 6], { undone_at: '2024-05-06T01:00:00' }), group(5, [7, 8], { reason: null })],
      items,
      String,
    )
    expect(rows.map((r) => [r.id, r.sent, r.reason])).toEqual([
      [3, true, '内容相近'],
      [5, false, ''],
    ])
    expect(memberIds([group(3, [1, 2]), group(5, [2, 8])])).toEqual([1, 2, 8])
  })
})

describe('items by id (GET /items?ids=)', () => {
  it('asks once for up to 500 ids, each id once, as repeated ids= parameters', async () => {
    fetchMock.mockResolvedValue(json({ items: [summary(4), summary(5)], total: 2, page: 1, page_size: 500 }))
    const items = await fetchItemsByIds([5, 4, 5])
    expect(items.map((i) => i.id)).toEqual([4, 5])
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(urlOf(0).pathname).toBe('/api/v1/items')
    expect(urlOf(0).searchParams.getAll('ids')).toEqual(['5', '4'])
    expect(urlOf(0).searchParams.get('page_size')).toBe('500')
  })

  it('splits more than 500 ids into several requests', async () => {
    fetchMock.mockImplementation(async (input) => {
      const url = new URL(input instanceof Request ? input.url : String(input), 'http://x')
      const ids = url.searchParams.getAll('ids').map(Number)
      return json({ items: ids.map((id) => summary(id)), total: ids.length, page: 1, page_size: 500 })
    })
    const ids = Array.from({ length: 1001 }, (_, i) => i + 1)
    const items = await fetchItemsByIds(ids)
    expect(fetchMock).toHaveBeenCalledTimes(3)
    expect([0, 1, 2].map((n) => urlOf(n).searchParams.getAll('ids').length)).toEqual([500, 500, 1])
    expect(items).toHaveLength(1001)
  })

  it('asks for nothing when there are no ids', async () => {
    expect(await fetchItemsByIds([])).toEqual([])
    expect(fetchMock).not.toHaveBeenCalled()
  })
})
