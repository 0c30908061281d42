import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ItemSummary } from '@/features/items/api'
import { DEFAULT_QUERY } from '@/features/items/query'
import { useItemListStore } from '@/features/items/store'

const summary = (id: number): ItemSummary =>
  ({ id, number: id, label: `第${id}号建议`, title: `标题${id}`, state: 'open', next_due: null, units: [] }) as unknown as ItemSummary

function page(items: ItemSummary[], total = items.length): Response {
  return new Response(JSON.stringify({ items, total, page: 1, page_size: 50 }), {
    headers: { 'Content-Type': 'application/json' },
  })
}

const fetchMock = vi.fn<(input: RequestInfo | URL) => Promise<Response>>()
const urlOf = (n: number) => {
  const input = fetchMock.mock.calls[n][0]
  return new URL(input instanceof Request ? input.url : String(input), 'http://x')
}

beforeEach(() => {
  setActivePinia(createPinia())
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => vi.unstubAllGlobals())

describe('item list store', () => {
  it('loads the page the query names', async () => {
    fetchMock.mockResolvedValueOnce(page([summary(1), summary(2)], 120))
    const list = useItemListStore()
    await list.load({ ...DEFAULT_QUERY, state: 'overdue', page: 2 })
    expect(list.rows.map((i) => i.id)).toEqual([1, 2])
    expect(list.total).toBe(120)
    expect(urlOf(0).searchParams.get('state')).toBe('overdue')
    expect(urlOf(0).searchParams.get('page')).toBe('2')
  })

  it('drops a slower answer to an older query', async () => {
    let answerFirst: (r: Response) => void = () => {}
    fetchMock
      .mockReturnValueOnce(new Promise((resolve) => (answerFirst = resolve)))
      .mockResolvedValueOnce(page([summary(9)]))
    const list = useItemListStore()
    const first = list.load({ ...DEFAULT_QUERY, q: '旧' })
    await list.load({ ...DEFAULT_QUERY, q: '新' })
    answerFirst(page([summary(1)]))
    await first
    expect(list.rows.map((i) => i.id)).toEqual([9])
    expect(list.loading).toBe(false)
  })

  it('asks the API for a drill-down’s items by id, one page at a time', async () => {
    fetchMock.mockResolvedValueOnce(page([2, 4].map(summary), 3))
    const list = useItemListStore()
    await list.load({ ...DEFAULT_QUERY, ids: [5, 2, 4], year: 2024, pageSize: 2 })
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(list.rows.map((i) => i.id)).toEqual([2, 4])
    expect(list.total).toBe(3)
    expect(urlOf(0).searchParams.getAll('ids')).toEqual(['5', '2', '4'])
    expect(urlOf(0).searchParams.get('year')).toBe('2024')
    expect(urlOf(0).searchParams.get('page_size')).toBe('2')
    expect(urlOf(0).searchParams.get('state')).toBeNull()
  })

  it('answers a drill-down too long for the API from the year’s items, paged on the client', async () => {
    const ids = Array.from({ length: 600 }, (_, i) => 600 - i)
    fetchMock.mockResolvedValueOnce(page([1, 2, 3, 700].map(summary)))
    const list = useItemListStore()
    await list.load({ ...DEFAULT_QUERY, ids, year: 2024, pageSize: 20 })
    expect(list.rows.map((i) => i.id)).toEqual([1, 2, 3])
    expect(list.total).toBe(3)
    expect(urlOf(0).searchParams.getAll('ids')).toEqual([])
    expect(urlOf(0).searchParams.get('page_size')).toBe('500')
  })

  it('lists nothing, without asking, for a drill-down with no items', async () => {
    const list = useItemListStore()
    await list.load({ ...DEFAULT_QUERY, ids: [], year: 2024 })
    expect(fetchMock).not.toHaveBeenCalled()
    expect(list.rows).toEqual([])
    expect(list.total).toBe(0)
  })

  it('keeps ticked rows that are still on the page, and the problem on failure', async () => {
    fetchMock
      .mockResolvedValueOnce(page([summary(1), summary(2)]))
      .mockResolvedValueOnce(page([summary(2), summary(3)]))
      .mockResolvedValueOnce(new Response('{"status":500,"detail":"服务器内部错误"}', { status: 500 }))
    const list = useItemListStore()
    await list.load(DEFAULT_QUERY)
    list.select([...list.rows])
    await list.load({ ...DEFAULT_QUERY, page: 2 })
    expect(list.selection.map((i) => i.id)).toEqual([2])
    await list.refresh()
    expect(list.problem?.status).toBe(500)
    expect(list.rows).toEqual([])
  })
})
