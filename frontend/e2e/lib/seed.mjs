/**
 * The county the workflow checks run in, made the way an administrator would: through the API,
 * signed in as the e2e admin (made by `banli create-admin`). Units, a session, deputies and the
 * accounts of every role, each initial password changed by its owner; passwords are random per run.
 */
import { randomBytes } from 'node:crypto'
import { totpCode } from './totp.mjs'

const password = () => `e2e-${randomBytes(9).toString('hex')}`

export class ApiClient {
  constructor(baseUrl) {
    this.baseUrl = baseUrl
    this.token = null
  }

  /** Sign in (with the code of a bound authenticator when `totpSecret` is given). */
  async signIn(username, pw, totpSecret) {
    const form = new URLSearchParams({ username, password: pw })
    if (totpSecret) form.set('totp', totpCode(totpSecret))
    const res = await fetch(`${this.baseUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
    })
    if (!res.ok) throw new Error(`登录 ${username} 失败：${res.status} ${await res.text()}`)
    const body = await res.json()
    this.token = body.access_token
    this.totpRequired = body.totp_required === true
    return this
  }

  /**
   * Bind an authenticator for the signed-in account (an administrator must, 等保) and return
   * its secret, so later sign-ins can send codes.
   */
  async bindTotp() {
    const { secret } = await this.post('/auth/totp')
    await this.post('/auth/totp/confirm', { code: totpCode(secret) })
    this.totpRequired = false
    return secret
  }

  /**
   * Sign in with the initial password an administrator set and change it at once, as its owner
   * must before anything else (等保); returns the new password.
   */
  async firstSignIn(username, initial) {
    await this.signIn(username, initial)
    const renewed = password()
    await this.post('/auth/password', { old_password: initial, new_password: renewed })
    return renewed
  }

  async call(method, path, body) {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    const data = text ? JSON.parse(text) : null
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`)
    return data
  }

  get(path) {
    return this.call('GET', path)
  }

  post(path, body) {
    return this.call('POST', path, body)
  }
}

/** Today in China (the API's clock) as YYYY-MM-DD, shifted by `days`. */
export function chinaDate(days = 0) {
  const now = new Date(Date.now() + days * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now)
}

export async function seedCounty(baseUrl, admin) {
  const api = await new ApiClient(baseUrl).signIn(admin.username, admin.password, admin.totpSecret)
  if (api.totpRequired) admin.totpSecret = await api.bindTotp()
  const year = Number(chinaDate().slice(0, 4))
  const jt = await api.post('/units', {
    name: '县交通运输局',
    kind: 'department',
    issuer_code: '魏交函',
    leader_in_charge: '田胜春',
    contact_person: '徐梅亚',
    contact_phone: '0310-3519210',
  })
  const jy = await api.post('/units', {
    name: '县教育体育局',
    kind: 'department',
    issuer_code: '魏教函',
    leader_in_charge: '王立新',
    contact_person: '李红',
    contact_phone: '0310-3519188',
  })
  const session = await api.post('/sessions', {
    kind: 'suggestion',
    level: 'county',
    body_name: '魏县',
    term: 10,
    meeting: 5,
    year,
  })
  const deputies = []
  for (const name of ['张建国', '李秀梅']) {
    deputies.push(await api.post('/proposers', { name, kind: 'deputy', phone: '13800000000' }))
  }
  const accounts = {}
  const users = [
    ['office', '督查室王科长', 'office_staff', null],
    ['handler', '交通局经办人小徐', 'unit_handler', jt.id],
    ['leader', '交通局田局长', 'unit_leader', jt.id],
    ['coHandler', '教体局经办人小李', 'unit_handler', jy.id],
    ['npc', '人大联络员老赵', 'npc_liaison', null],
    ['auditor', '审计员', 'auditor', null],
  ]
  for (const [key, displayName, role, unitId] of users) {
    const account = { username: `e2e-${key.toLowerCase()}`, password: password(), displayName, role }
    await api.post('/users', {
      username: account.username,
      display_name: displayName,
      password: account.password,
      role,
      unit_id: unitId,
    })
    // The initial password is the administrator's: its owner changes it at first sign-in.
    account.password = await new ApiClient(baseUrl).firstSignIn(account.username, account.password)
    accounts[key] = account
  }
  return { api, year, units: { jt, jy }, session, deputies, accounts, admin }
}
