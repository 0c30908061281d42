/** Chinese names for the API's codes (种类、级别、状态……), one place for every screen. */
import type { components } from '@/api/schema'

type S = components['schemas']

export const KIND_LABELS: Record<S['ItemKind'], string> = { suggestion: '建议', proposal: '提案' }
export const LEVEL_LABELS: Record<S['Level'], string> = { city: '市级', county: '县级' }
export const ROLE_LABELS: Record<S['Role'], string> = { main: '主办', co: '会办', split: '分办' }

/** The list's item states (GET /items?state=). */
export const ITEM_STATE_LABELS: Record<S['ItemState'], string> = {
  unassigned: '待交办',
  open: '办理中',
  due_soon: '即将到期',
  overdue: '已逾期',
  done: '已办结',
}

/** A deadline's state (ItemDeadlineRead.state). */
export const DEADLINE_STATE_LABELS: Record<S['State'], string> = {
  not_started: '未开始',
  open: '进行中',
  due_soon: '即将到期',
  overdue: '已逾期',
  done_on_time: '按时完成',
  done_late: '逾期完成',
  closed: '已截止',
}

export const REPLY_STATUS_LABELS: Record<S['ReplyStatus'], string> = {
  draft: '草稿',
  submitted: '已签发待审核',
  returned: '已退回',
  approved: '审核通过',
  sent: '已答复',
}

export const REPLY_CLASS_LABELS: Record<S['ReplyClass'], string> = {
  A: 'A类 得到解决或予以采纳',
  B: 'B类 列入计划拟解决或拟采纳',
  C: 'C类 作出说明解释或留作参考',
}

export const DISCLOSURE_LABELS: Record<S['Disclosure'], string> = {
  agree: '同意公开',
  disagree: '不同意公开',
  unmarked: '未标注（视为同意）',
}

export const PROPOSER_KIND_LABELS: Record<S['ProposerKind'], string> = {
  deputy: '人大代表',
  member: '政协委员',
  organisation: '党派团体',
}

export const VISIT_MODE_LABELS: Record<S['VisitMode'], string> = {
  face_to_face: '面对面',
  phone: '电话',
  wechat: '微信',
  video: '视频',
}

export const SATISFACTION_LABELS: Record<S['Satisfaction'], string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
}

export const SUPERVISION_KIND_LABELS: Record<S['SupervisionKind'], string> = {
  special: '专项督查',
  joint: '联合督办',
  listed: '挂账督办',
  talk: '约谈',
  circular: '通报',
}

export const SUPERVISION_MEANS_LABELS: Record<S['SupervisionMeans'], string> = {
  online: '网上督办',
  phone: '电话督办',
  meeting: '会议督办',
  circular: '定期通报',
}

export const REQUEST_STATUS_LABELS: Record<S['RequestStatus'], string> = {
  pending: '待处理',
  accepted: '已同意',
  refused: '未同意',
}

export const UNIT_KIND_LABELS: Record<S['UnitKind'], string> = {
  township: '乡镇',
  subdistrict: '街道',
  department: '县直部门',
  other: '其他',
}

export const OPEN_DOOR_ACTIVITY_LABELS: Record<S['OpenDoorActivity'], string> = {
  forum: '座谈会',
  site_visit: '实地察看',
}

/** Options for an el-select / el-radio-group from a label table. */
export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }))
}

/** The label of `code`, or the code itself when the table does not know it. */
export function labelOf<K extends string>(labels: Record<K, string>, code: string | null | undefined): string {
  if (code === null || code === undefined) return ''
  return (labels as Record<string, string>)[code] ?? code
}
