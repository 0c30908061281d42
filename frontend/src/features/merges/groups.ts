/**
 * 现有并案组 as the merges screen lists them: each group in force (GET /merges) with its items
 * (GET /items?ids=…, one request for all groups), its lead unit and whether it can still be undone.
 */
import type { ItemSummary } from '@/features/items/api'
import type { Merge } from './api'

export interface MergeMember {
  id: number
  /** `2024年第16号建议`, or the number alone when the item could not be read. */
  label: string
  title: string
}

export interface MergeRow {
  id: number
  /** 第16、17号 */
  numbers: string
  mainUnit: string
  reason: string
  members: MergeMember[]
  /** R-MG-4: a group whose reply has been sent cannot be undone. */
  sent: boolean
}

/** Every item id the groups name, once (what to ask GET /items?ids= for). */
export function memberIds(groups: readonly Pick<Merge, 'item_ids'>[]): number[] {
  return [...new Set(groups.flatMap((g) => g.item_ids))]
}

export function mergeRows(
  groups: readonly Merge[],
  items: ReadonlyMap<number, ItemSummary>,
  unitName: (id: number) => string,
): MergeRow[] {
  return groups
    .filter((g) => g.undone_at === null)
    .map((g) => {
      const members = g.item_ids.map((id, i) => {
        const item = items.get(id)
        return item
          ? { id, label: `${item.year}年${item.label}`, title: item.title }
          : { id, label: g.numbers[i] === undefined ? `#${id}` : `第${g.numbers[i]}号`, title: '' }
      })
      return {
        id: g.id,
        numbers: `第${g.numbers.join('、')}号`,
        mainUnit: unitName(g.main_unit_id),
        reason: g.reason ?? '',
        members,
        sent: g.item_ids.some((id) => items.get(id)?.reply_status === 'sent'),
      }
    })
}
