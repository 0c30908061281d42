/**
 * Rules of accounts the forms check before asking the API (which still decides): password
 * complexity of 等保三级 (api/auth/policy.py), which roles need a unit, which roles the system
 * administrator may give (admin roles and clearances are the security administrator's, 三员分立),
 * and API-key scopes.
 */
import { ROLE_LABELS, type UserRole } from '@/features/auth/api'

export const UNIT_ROLES: readonly UserRole[] = ['unit_handler', 'unit_leader']
export const ADMIN_ROLES: readonly UserRole[] = ['office_admin', 'security_admin', 'audit_admin']
export const ALL_ROLES = Object.keys(ROLE_LABELS) as UserRole[]
/** What the system administrator may give a new account or key (not the admin roles). */
export const ORDINARY_ROLES: readonly UserRole[] = ALL_ROLES.filter((r) => !ADMIN_ROLES.includes(r))

export function needsUnit(role: UserRole): boolean {
  return UNIT_ROLES.includes(role)
}

/** Whether an account matches the search box: its username or name contains `text` (any case). */
export function matchesUser(user: { username: string; display_name: string }, text: string): boolean {
  const t = text.trim().toLowerCase()
  return !t || user.username.toLowerCase().includes(t) || user.display_name.toLowerCase().includes(t)
}

export function roleOptions(roles: readonly UserRole[]): { value: UserRole; label: string }[] {
  return roles.map((value) => ({ value, label: ROLE_LABELS[value] }))
}

/** The API's password rules: at least 10 characters of three kinds, not containing the username. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = []
  if (password.length < 10) problems.push('密码至少10位')
  const kinds = [/\p{Lu}/u, /\p{Ll}/u, /\p{Nd}/u, /[^\p{L}\p{N}]/u].filter((re) => re.test(password)).length
  if (kinds < 3) problems.push('密码须包含大写字母、小写字母、数字、符号中的至少三类')
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含用户名')
  return problems
}

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
const LOWER = 'abcdefghijkmnpqrstuvwxyz'
const DIGITS = '23456789'
const SYMBOLS = '#%+-=@_'

/** A uniformly random integer below `n` from the browser's CSPRNG. */
export function secureRandom(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n
  const buf = new Uint32Array(1)
  do crypto.getRandomValues(buf)
  while (buf[0] >= limit)
  return buf[0] % n
}

/**
 * An initial password (no look-alike characters such as 0/O, 1/l) with every kind of character,
 * so it passes the API's rules; `random(n)` is injectable for tests.
 */
export function generatePassword(length = 14, random: (n: number) => number = secureRandom): string {
  const sets = [UPPER, LOWER, DIGITS, SYMBOLS]
  const all = sets.join('')
  const chars = sets.map((s) => s[random(s.length)])
  while (chars.length < Math.max(length, sets.length)) chars.push(all[random(all.length)])
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1)
    ;[chars[i], chars[j]] = [chars[j], chars[i]]
  }
  return chars.join('')
}

/** Scopes an API key is often given (the API's permission names; `*` wildcards allowed). */
export const SCOPE_SUGGESTIONS: readonly string[] = [
  '*',
  'items.read',
  'items.*',
  'replies.read',
  'replies.*',
  'kpi.read',
  'units.read',
  'sessions.read',
  'proposers.read',
  'ledger.read',
  'reminders.read',
  'supervision.read',
  'feedback.write',
  'imports.write',
]

const SCOPE = /^(\*|[a-z_*]+\.[a-z_*]+)$/

/**
 * Trimmed, without blanks and repeats; `invalid` lists what is not `*` or `name.action`
 * (`*` wildcards allowed in either part, as the API's fnmatch reads them).
 */
export function normaliseScopes(scopes: readonly string[]): { scopes: string[]; invalid: string[] } {
  const seen = new Set<string>()
  for (const s of scopes) {
    const t = s.trim()
    if (t) seen.add(t)
  }
  const list = [...seen]
  return { scopes: list, invalid: list.filter((s) => !SCOPE.test(s)) }
}
