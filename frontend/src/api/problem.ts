/**
 * RFC 9457 problem+json → one typed error the forms can show next to the right field.
 *
 * The API sends `{type, title, status, detail, instance?, field?, rule_id?, errors?: [{field, message}]}`;
 * `field` names the input at fault and `errors` lists every invalid input of a validation failure.
 */

export interface FieldMessage {
  field: string
  message: string
}

export interface ProblemDetails {
  type?: string
  title?: string
  status?: number
  detail?: string
  instance?: string
  field?: string
  rule_id?: string
  errors?: FieldMessage[]
}

const FALLBACK_TITLES: Record<number, string> = {
  0: '无法连接服务器',
  400: '请求有误',
  401: '未登录或登录已失效',
  403: '无权执行此操作',
  404: '未找到',
  409: '与现有数据冲突',
  422: '输入有误',
  429: '请求过于频繁',
  500: '服务器内部错误',
  502: '服务暂不可用',
  503: '服务暂不可用',
  504: '服务器响应超时',
}

export function fallbackTitle(status: number): string {
  return FALLBACK_TITLES[status] ?? (status >= 500 ? '服务器内部错误' : '请求失败')
}

/** An error answered by the API (or the network), carrying what a form needs to show it. */
export class ApiProblem extends Error {
  readonly status: number
  readonly title: string
  readonly detail: string
  readonly field?: string
  readonly ruleId?: string
  readonly errors: readonly FieldMessage[]

  constructor(details: ProblemDetails & { status: number }) {
    const title = details.title || fallbackTitle(details.status)
    const detail = details.detail || title
    super(detail)
    this.name = 'ApiProblem'
    this.status = details.status
    this.title = title
    this.detail = detail
    this.field = details.field || undefined
    this.ruleId = details.rule_id || undefined
    this.errors = details.errors ?? []
  }

  /** Messages by field name; the top-level `field` gets `detail` unless `errors` already names it. */
  get fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {}
    for (const { field, message } of this.errors) {
      byField[field] = byField[field] ? `${byField[field]}；${message}` : message
    }
    if (this.field && !byField[this.field]) byField[this.field] = this.detail
    return byField
  }

  /**
   * The message to show next to `field`, if the API blamed it or anything inside it
   * (`proposers` also collects `proposers.0.proposer_id`).
   */
  messageFor(field: string): string | undefined {
    const byField = this.fieldErrors
    if (byField[field]) return byField[field]
    const nested = Object.keys(byField)
      .filter((f) => f.startsWith(`${field}.`))
      .map((f) => byField[f])
    return nested.length ? nested.join('；') : undefined
  }

  /** Whether any message belongs to one of `fields` (otherwise show it at form level). */
  blamesAnyOf(fields: readonly string[]): boolean {
    return fields.some((f) => this.messageFor(f) !== undefined)
  }
}

function isFieldMessage(value: unknown): value is FieldMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldMessage).field === 'string' &&
    typeof (value as FieldMessage).message === 'string'
  )
}

/**
 * Turn any error body into an {@link ApiProblem}: problem+json, a bare FastAPI `{detail: "…"}`,
 * plain text (a proxy's error page), or nothing at all.
 */
export function toProblem(status: number, body: unknown): ApiProblem {
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>
    return new ApiProblem({
      status: typeof b.status === 'number' ? b.status : status,
      title: typeof b.title === 'string' ? b.title : undefined,
      detail: typeof b.detail === 'string' ? b.detail : undefined,
      instance: typeof b.instance === 'string' ? b.instance : undefined,
      field: typeof b.field === 'string' ? b.field : undefined,
      rule_id: typeof b.rule_id === 'string' ? b.rule_id : undefined,
      errors: Array.isArray(b.errors) ? b.errors.filter(isFieldMessage) : undefined,
    })
  }
  const text = typeof body === 'string' && body.length < 300 && !body.includes('<') ? body : ''
  return new ApiProblem({ status, detail: text.trim() || undefined })
}

/** A fetch that never reached the API (offline, server down, CORS). */
export function networkProblem(): ApiProblem {
  return new ApiProblem({ status: 0, detail: '无法连接服务器，请检查网络后重试' })
}

/** Any thrown value as a message a person can read. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiProblem) return error.detail
  if (error instanceof Error && error.message) return error.message
  return '操作失败，请稍后重试'
}
