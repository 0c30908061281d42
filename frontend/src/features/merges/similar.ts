/**
 * 相似件 (R-MG-1): the API ranks items like a given one (TF-IDF over segmented title and
 * content, GET /items/{id}/similar); for several chosen items their lists are combined into one
 * list of merge suggestions.
 */
import { api, type OkJson, unwrap } from '@/api/client'

export type SimilarItem = OkJson<'/api/v1/items/{item_id}/similar', 'get'>[number]
export type SimilarScope = 'session' | 'earlier'

/** `session`: the same session (merge candidates); `earlier`: earlier years (raised again, R-RP-8). */
export function fetchSimilar(itemId: number, scope: SimilarScope, limit = 10): Promise<SimilarItem[]> {
  return unwrap(
    api.GET('/api/v1/items/{item_id}/similar', {
      params: { path: { item_id: itemId }, query: { scope, limit } },
    }),
  )
}

/**
 * One list from the similar lists of each chosen item: merge candidates only, not already
 * chosen, each item once with its best score, best first.
 */
export function mergeSuggestions(
  lists: readonly (readonly SimilarItem[])[],
  chosen: readonly number[],
  limit = 8,
): SimilarItem[] {
  const taken = new Set(chosen)
  const best = new Map<number, SimilarItem>()
  for (const list of lists) {
    for (const s of list) {
      if (!s.merge_candidate || taken.has(s.id)) continue
      const seen = best.get(s.id)
      if (!seen || s.score > seen.score) best.set(s.id, s)
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.number - b.number).slice(0, limit)
}
