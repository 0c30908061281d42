/** The configuration's fields by their Chinese names, in the order the form shows them. */
import type { Bodies, Jurisdiction } from './api'

type TextKey = { [K in keyof Jurisdiction]: Jurisdiction[K] extends string ? K : never }[keyof Jurisdiction]
type TermKey = 'npc_term' | 'cppcc_term'

export interface FieldGroup<K> {
  title: string
  /** `long`: a sentence (a title), edited in a box that grows. */
  fields: { key: K; label: string; hint?: string; long?: boolean }[]
}

export const JURISDICTION_GROUPS: FieldGroup<TextKey | TermKey>[] = [
  {
    title: '本县',
    fields: [
      { key: 'county_name', label: '县名' },
      { key: 'city_name', label: '所属市' },
      { key: 'county_government', label: '县政府全称' },
      { key: 'npc_term', label: '县人大届次' },
      { key: 'cppcc_term', label: '县政协届次' },
      { key: 'notice_title', label: '年度通知名称', hint: '附件1引用的年度办理工作通知', long: true },
    ],
  },
  {
    title: '报送与联系',
    fields: [
      { key: 'supervision_office', label: '表格报送机构' },
      { key: 'office_phone', label: '督查室联系电话' },
      { key: 'office_email', label: '督查室邮箱', hint: '附件14' },
      { key: 'npc_feedback_office', label: '代表征询意见表反馈机构' },
      { key: 'npc_office_phone', label: '人大选任工委联系电话' },
      { key: 'cppcc_feedback_office', label: '委员征询意见表反馈机构' },
      { key: 'cppcc_office_phone', label: '政协提案委联系电话' },
    ],
  },
]

export const BODY_FIELDS: { key: keyof Bodies; label: string }[] = [
  { key: 'npc_personnel_committee', label: '人大选任工委' },
  { key: 'government_office', label: '政府办公室' },
  { key: 'cppcc_proposals_committee', label: '政协提案委员会' },
]

/** 答复函抄送机关 (R-RP-6): county-level items copy the county's bodies, city-level the city's. */
export const BODY_LEVELS: { key: 'county_bodies' | 'city_bodies'; title: string }[] = [
  { key: 'county_bodies', title: '县级建议提案答复的抄送机关' },
  { key: 'city_bodies', title: '市级建议提案答复的抄送机关' },
]

export const TERM_KEYS: readonly string[] = ['npc_term', 'cppcc_term']

/** A deep copy of plain JSON data (the form edits a copy, never the store's object). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** Whether the form's copy differs from what was read (so 保存 means something). */
export function changed<T>(draft: T, original: T): boolean {
  return JSON.stringify(draft) !== JSON.stringify(original)
}

/** Text fields trimmed, so stray spaces do not end up in letters. */
export function trimmed<T>(value: T): T {
  if (typeof value === 'string') return value.trim() as T
  if (Array.isArray(value)) return value.map(trimmed) as T
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimmed(v)])) as T
  }
  return value
}
