import { describe, expect, it } from 'vitest'
import { mergeSuggestions, type SimilarItem } from '@/features/merges/similar'

const similar = (id: number, score: number, mergeCandidate = true): SimilarItem => ({
  id,
  session_id: 5,
  year: 2024,
  kind: 'suggestion',
  level: 'county',
  number: id,
  label: `第${id}号建议`,
  title: `标题${id}`,
  score,
  merge_candidate: mergeCandidate,
})

describe('merge suggestions (R-MG-1)', () => {
  it('combines the chosen items’ similar lists: candidates only, each once at its best score', () => {
    const forFirst = [similar(2, 0.8), similar(3, 0.4), similar(4, 0.9, false)]
    const forSecond = [similar(3, 0.7), similar(1, 0.95)]
    expect(mergeSuggestions([forFirst, forSecond], [1]).map((s) => [s.id, s.score])).toEqual([
      [2, 0.8],
      [3, 0.7],
    ])
    expect(mergeSuggestions([], [1])).toEqual([])
  })
})
