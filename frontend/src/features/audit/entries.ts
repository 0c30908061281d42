/**
 * Audit rows in words the audit administrator reads: what was done to which kind of record, and
 * every changed column with its old and new value (nothing hidden: secrets arrive masked as ***).
 */
import type { AuditEntry } from './api'

/** The API's tables (and the pseudo-entities of direct records) by their Chinese names. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  users: '用户',
  api_keys: 'API 密钥',
  units: '承办单位',
  configuration: '系统配置',
  year_plans: '年度固定日期',
  calendar_overrides: '工作日历',
  calendar: '工作日历（重新计算）',
  congress_sessions: '届次会议',
  proposers: '代表委员',
  items: '建议提案',
  item_proposers: '提出人',
  item_notes: '备注',
  assignments: '交办',
  reassignment_requests: '调整申请',
  breakdowns: '办理责任分解',
  open_door_records: '开门办案',
  replies: '答复',
  reply_reviews: '答复审核',
  reply_templates: '答复模板',
  co_opinions: '会办意见',
  merge_groups: '并案',
  visits: '走访',
  feedback_forms: '征询意见表',
  referrals: '不满意件交办',
  lookbacks: '回头看',
  supervision_records: '督查',
  unit_reports: '单位报告',
  attachments: '附件',
  import_jobs: '批量导入',
  webhook_subscriptions: 'Webhook 订阅',
  outbox: '消息发件箱',
  ledger: '台账',
  kpi_report: '考核表',
  circular: '通报',
  audit_log: '审计日志',
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  sign_in: '登录',
  export: '导出',
  import: '导入',
  recompute: '重新计算期限',
}

export const OUTCOME_LABELS: Record<string, string> = {
  success: '成功',
  failure: '失败',
  challenge: '要求动态口令',
}

/** The tag colour of an outcome: a sign-in asked for its 动态口令 is not a failure. */
export function outcomeTag(outcome: string): 'success' | 'warning' | 'danger' {
  return outcome === 'success' ? 'success' : outcome === 'challenge' ? 'warning' : 'danger'
}

export function labelOr(labels: Record<string, string>, code: string): string {
  return labels[code] ?? code
}

export interface AuditChange {
  field: string
  /** Absent for a created row's values and for direct records. */
  from?: string
  to: string
}

/** A value as text: strings as they are, everything else as JSON; long ones are cut. */
export function showValue(value: unknown, max = 200): string {
  if (value === null || value === undefined) return '（空）'
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/**
 * Secrets the API records in the clear (an authenticator's seed, a webhook's signing key): shown
 * masked here, as the API masks password and key hashes. `secret` of an item is its 涉密 flag.
 */
function isSecret(entity: string, field: string, value: unknown): boolean {
  if (value === null || value === undefined || value === '***') return false
  return field === 'totp_secret' || (entity === 'webhook_subscriptions' && field === 'secret')
}

function shown(entity: string, field: string, value: unknown): string {
  return isSecret(entity, field, value) ? '***（密钥不予显示）' : showValue(value)
}

/** `{field: {old, new}}` (or a plain value for direct records) as one line per field. */
export function auditChanges(changes: AuditEntry['changes'], entity = ''): AuditChange[] {
  return Object.entries(changes ?? {}).map(([field, change]) => {
    if (typeof change === 'object' && change !== null && !Array.isArray(change) && ('new' in change || 'old' in change)) {
      const c = change as { old?: unknown; new?: unknown }
      const to = shown(entity, field, c.new)
      return 'old' in c ? { field, from: shown(entity, field, c.old), to } : { field, to }
    }
    return { field, to: shown(entity, field, change) }
  })
}

/** 修改 · 用户 #12 */
export function auditSubject(entry: Pick<AuditEntry, 'action' | 'entity' | 'entity_id'>): string {
  const what = `${labelOr(AUDIT_ACTION_LABELS, entry.action)} · ${labelOr(AUDIT_ENTITY_LABELS, entry.entity)}`
  return entry.entity_id ? `${what} #${entry.entity_id}` : what
}

/** Who acted: the user's name, the API key, or the name the row carries (system, CLI …). */
export function auditActor(
  entry: Pick<AuditEntry, 'actor_user_id' | 'actor_api_key_id' | 'actor_name'>,
  userName: (id: number) => string | undefined,
): string {
  if (entry.actor_user_id !== null) return userName(entry.actor_user_id) ?? entry.actor_name ?? `用户${entry.actor_user_id}`
  if (entry.actor_api_key_id !== null) return entry.actor_name ?? `API 密钥 #${entry.actor_api_key_id}`
  return entry.actor_name ?? '系统'
}
