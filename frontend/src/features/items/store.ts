/**
 * The item list (建议提案列表): the query in the address bar, the page the API answered, and the
 * rows a person has ticked for a bulk action. A slower answer to an older query is dropped.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { type ApiProblem } from '@/api/problem'
import { type ItemSummary, fetchAllItems, fetchItems } from './api'
import { DEFAULT_QUERY, idsFit, type ListQuery, pageOf, toApiQuery } from './query'

export const useItemListStore = defineStore('itemList', () => {
  const query = ref<ListQuery>({ ...DEFAULT_QUERY })
  const rows = shallowRef<ItemSummary[]>([])
  const total = ref(0)
  const loading = ref(false)
  const problem = shallowRef<ApiProblem | null>(null)
  const selection = shallowRef<ItemSummary[]>([])
  let latest = 0
  /** The query last asked for and its answer in flight, so asking twice costs one request. */
  let current: { key: string; done: Promise<void> } | null = null
  /** A long drill-down's items, kept while paging through it. */
  let drill: { key: string; items: ItemSummary[] } | null = null

  /**
   * A drill-down's page: the API filters by up to MAX_IDS ids; a longer one (or none at all)
   * is filtered here from the year's items.
   */
  async function drillRows(q: ListQuery): Promise<{ items: ItemSummary[]; total: number }> {
    if (!q.ids?.length) return { items: [], total: 0 }
    if (idsFit(q.ids)) return fetchItems(toApiQuery(q))
    const key = `${q.year ?? ''}|${q.sort}|${q.ids?.join(',')}`
    if (drill?.key !== key) {
      const wanted = new Set(q.ids)
      const all = await fetchAllItems({ sort: q.sort, ...(q.year ? { year: q.year } : {}) })
      drill = { key, items: all.filter((i) => wanted.has(i.id)) }
    }
    return { items: pageOf(drill.items, q.page, q.pageSize), total: drill.items.length }
  }

  /**
   * Load the page `q` names; resolves when it (or a newer query) has been answered. The same
   * query asked again (the router starts it before the page's code has loaded) shares the answer.
   */
  function load(q: ListQuery): Promise<void> {
    const key = JSON.stringify(q)
    if (current?.key === key) return current.done
    const done = fetchPage(q)
    current = { key, done }
    return done
  }

  async function fetchPage(q: ListQuery): Promise<void> {
    const mine = ++latest
    query.value = q
    loading.value = true
    problem.value = null
    try {
      const page = q.ids ? await drillRows(q) : await fetchItems(toApiQuery(q))
      if (mine !== latest) return
      rows.value = page.items
      total.value = page.total
      const onPage = new Set(page.items.map((i) => i.id))
      selection.value = selection.value.filter((i) => onPage.has(i.id))
    } catch (e) {
      if (mine !== latest) return
      rows.value = []
      total.value = 0
      problem.value = e as ApiProblem
      current = null
    } finally {
      if (mine === latest) loading.value = false
    }
  }

  /** Reload the current page (after a bulk action). */
  function refresh(): Promise<void> {
    drill = null
    current = null
    return load(query.value)
  }

  function select(items: ItemSummary[]): void {
    selection.value = items
  }

  return { query, rows, total, loading, problem, selection, load, refresh, select }
})
