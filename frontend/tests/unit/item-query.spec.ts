import { describe, expect, it } from 'vitest'
import type { LocationQuery } from 'vue-router'
import {
  DEFAULT_QUERY,
  isFiltered,
  pageOf,
  parseListQuery,
  toApiQuery,
  toRouteQuery,
} from '@/features/items/query'

describe('item list query in the address bar', () => {
  it('reads filters, sort and page, and round-trips them', () => {
    const q = parseListQuery({
      state: 'overdue',
      unit_id: '31',
      kind: 'proposal',
      key: 'true',
      sort: 'due',
      page: '3',
      page_size: '100',
      q: ' 公交 ',
    })
    expect(q).toMatchObject({
      state: 'overdue',
      unitId: 31,
      kind: 'proposal',
      key: true,
      sort: 'due',
      page: 3,
      pageSize: 100,
      q: '公交',
    })
    expect(parseListQuery(toRouteQuery(q) as LocationQuery)).toEqual(q)
  })

  it('falls back to the defaults for anything malformed or unknown', () => {
    const q = parseListQuery({
      state: 'lost',
      unit_id: 'x',
      sort: 'random',
      page: '-2',
      page_size: '7',
      year: '1850',
      key: 'maybe',
    })
    expect(q).toEqual(DEFAULT_QUERY)
    expect(toRouteQuery(DEFAULT_QUERY)).toEqual({})
    expect(isFiltered(DEFAULT_QUERY)).toBe(false)
  })

  it('asks the API only for what is set', () => {
    const q = parseListQuery({ state: 'due_soon', reply_status: 'submitted', leader_supervised: 'true' })
    expect(toApiQuery(q)).toEqual({
      state: 'due_soon',
      reply_status: 'submitted',
      leader_supervised: true,
      sort: 'number',
      page: 1,
      page_size: 50,
    })
    expect(isFiltered(q)).toBe(true)
  })

  it('keeps a KPI drill-down (ids and label) and asks the API for those ids only', () => {
    const q = parseListQuery({ ids: '5,4,x,8,4', label: '县交通运输局 · 按时办复率', year: '2024', state: 'open' })
    expect(q.ids).toEqual([5, 4, 8, 4])
    expect(q.label).toBe('县交通运输局 · 按时办复率')
    expect(toApiQuery(q)).toEqual({ year: 2024, ids: [5, 4, 8], sort: 'number', page: 1, page_size: 50 })
    // More than the API takes at once: the whole year, filtered here.
    const long = { ...q, ids: Array.from({ length: 501 }, (_, i) => i + 1) }
    expect(toApiQuery(long)).toEqual({ year: 2024, sort: 'number', page: 1, page_size: 50 })
    expect(toRouteQuery(q).ids).toBe('5,4,8,4')
    expect(isFiltered(q)).toBe(true)
  })

  it('pages a drill-down on the client', () => {
    const all = Array.from({ length: 45 }, (_, i) => i + 1)
    expect(pageOf(all, 1, 20)).toHaveLength(20)
    expect(pageOf(all, 3, 20)).toEqual([41, 42, 43, 44, 45])
    expect(pageOf(all, 4, 20)).toEqual([])
  })
})
