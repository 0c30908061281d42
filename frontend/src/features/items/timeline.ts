/**
 * 办理记录: the audit trail of an item (GET /items/{id}/timeline) in words a person reads —
 * who did what to which record, and which values changed from what to what.
 */
import type { TimelineEntry } from './api'

const ENTITIES: Record<string, string> = {
  items: '建议提案',
  item_proposers: '提出人',
  assignments: '交办',
  reassignment_requests: '调整申请',
  breakdowns: '办理责任分解',
  open_door_records: '开门办案',
  replies: '答复',
  reply_reviews: '答复审核',
  co_opinions: '会办意见',
  visits: '走访',
  feedback_forms: '征询意见表',
  referrals: '不满意件交办',
  lookbacks: '回头看',
  merge_groups: '并案',
  item_notes: '备注',
  attachments: '附件',
  supervision_records: '督查',
  calendar: '工作日历',
}

const ACTIONS: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  recompute: '重新计算期限：',
}

const FIELDS: Record<string, string> = {
  title: '标题',
  content: '内容',
  topic: '类别',
  secret: '涉密',
  content_consent: '同意公开原文',
  first_assignment: '第一次交办',
  second_assignment: '第二次交办',
  between_sessions: '闭会期间交办',
  leader_supervised: '领导督办',
  supervising_leader: '督办领导',
  merge_group_id: '并案组',
  unit_id: '单位',
  role: '承办方式',
  key_item: '重点处理',
  due_on: '答复期限',
  done_on: '完成日期',
  status: '状态',
  reply_class: '办理结果',
  unit_class: '单位标注的办理结果',
  disclosure: '是否公开',
  document_number: '发文字号',
  body: '正文',
  letter_date: '成文日期',
  signing_leader: '签发领导',
  contact_person: '联系人',
  contact_phone: '联系电话',
  sent_on: '答复日期',
  published_on: '公开日期',
  published_url: '公开网址',
  reasons: '理由',
  action: '审核意见',
  delivered_on: '送达日期',
  breakdown_delivered: '责任分解送达',
  co_opinion_delivered: '会办意见送达',
  key_registration_filed: '重点件登记报备',
  satisfaction: '满意度',
  visited_on: '走访日期',
  mode: '走访方式',
  reason: '理由',
  decision_note: '处理意见',
}

const VALUES: Record<string, string> = {
  main: '主办',
  co: '会办',
  split: '分办',
  draft: '草稿',
  submitted: '已签发待审核',
  returned: '已退回',
  approved: '审核通过',
  sent: '已答复',
  pending: '待处理',
  accepted: '已同意',
  refused: '未同意',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
  agree: '同意公开',
  disagree: '不同意公开',
  unmarked: '未标注',
  face_to_face: '面对面',
  phone: '电话',
  wechat: '微信',
  video: '视频',
}

/** Bookkeeping columns nobody needs to read. */
const HIDDEN = new Set(['id', 'item_id', 'assignment_id', 'position', 'version', 'created_at', 'updated_at', 'signed_by', 'approved_by', 'reviewer_id', 'decided_by', 'created_by', 'author_id', 'format_ok'])

export function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '空'
  if (value === true) return '是'
  if (value === false) return '否'
  if (typeof value === 'string') {
    const known = VALUES[value]
    if (known) return known
    return value.length > 60 ? `${value.slice(0, 60)}…` : value
  }
  return JSON.stringify(value)
}

export interface Change {
  field: string
  label: string
  from: string | null
  to: string
}

export interface TimelineLine {
  at: Date
  actor: string
  what: string
  changes: Change[]
}

/** An API timestamp (naive values are UTC, as the API stores them) as a Date. */
export function parseTimestamp(at: string): Date {
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(at)
  return new Date(hasZone ? at : `${at}Z`)
}

export function describeEntry(entry: TimelineEntry): TimelineLine {
  const entity = ENTITIES[entry.entity] ?? entry.entity
  const action = ACTIONS[entry.action] ?? entry.action
  const changes: Change[] = []
  for (const [field, change] of Object.entries(entry.changes ?? {})) {
    if (HIDDEN.has(field)) continue
    if (typeof change !== 'object' || change === null) {
      changes.push({ field, label: FIELDS[field] ?? field, from: null, to: describeValue(change) })
      continue
    }
    const c = change as { old?: unknown; new?: unknown }
    const hasOld = entry.action === 'update' || 'old' in c
    changes.push({
      field,
      label: FIELDS[field] ?? field.replace(/@\d+$/, ''),
      from: hasOld ? describeValue(c.old) : null,
      to: describeValue(c.new),
    })
  }
  return { at: parseTimestamp(entry.at), actor: entry.actor ?? '系统', what: `${action}${entity}`, changes }
}

/** 2024年5月6日 09:30 in the browser's time zone. */
export function formatTimestamp(d: Date): string {
  const hh = String(d.getHours()).padStart(2, '0')
  const mm = String(d.getMinutes()).padStart(2, '0')
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${hh}:${mm}`
}
