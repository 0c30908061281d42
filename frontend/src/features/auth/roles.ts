/**
 * What the signed-in role may do in the portal, mirroring the API's permission table
 * (api/auth/permissions.py). The API still decides; this only hides buttons that would be refused.
 */
import type { UserRole } from './api'

/** 办公室 / 承办单位 / 联络员 / 审计员, and the security and audit administrators (三员分立),
 * who manage accounts and the audit log and do not handle items. */
export type RoleGroup = 'office' | 'unit' | 'liaison' | 'auditor' | 'system'

export function roleGroup(role: UserRole | null | undefined): RoleGroup | null {
  switch (role) {
    case 'office_admin':
    case 'office_staff':
      return 'office'
    case 'unit_handler':
    case 'unit_leader':
      return 'unit'
    case 'npc_liaison':
    case 'cppcc_liaison':
      return 'liaison'
    case 'auditor':
      return 'auditor'
    case 'security_admin':
    case 'audit_admin':
      return 'system'
    default:
      return null
  }
}

const OFFICE: readonly UserRole[] = ['office_admin', 'office_staff']
const UNIT: readonly UserRole[] = ['unit_handler', 'unit_leader']
const LIAISON: readonly UserRole[] = ['npc_liaison', 'cppcc_liaison']

/** The portal's actions and who may take them (a subset of the API's PERMISSIONS). */
export const ACTIONS = {
  'items.write': OFFICE,
  'assignments.write': OFFICE,
  'reassignment.request': UNIT,
  'reassignment.decide': OFFICE,
  'breakdowns.write': UNIT,
  'key_items.write': UNIT,
  'supervision.mark': OFFICE,
  'open_door.write': UNIT,
  'co_opinions.write': UNIT,
  'replies.write': UNIT,
  'replies.sign': ['unit_leader'],
  'replies.review': OFFICE,
  'replies.send': [...UNIT, ...OFFICE],
  'replies.publish': [...UNIT, ...OFFICE],
  'merges.write': OFFICE,
  'notes.write': [...OFFICE, ...UNIT, ...LIAISON],
  'notes.read': [...OFFICE, ...UNIT, ...LIAISON, 'auditor'],
  'calendar.write': ['office_admin'],
  'visits.write': UNIT,
  'feedback.write': [...OFFICE, ...LIAISON],
  'referrals.write': OFFICE,
  'followup.write': UNIT,
  'lookback.write': UNIT,
  'supervision.write': OFFICE,
  'attachments.write': [...OFFICE, ...UNIT, ...LIAISON],
  'units.write': ['office_admin'],
  'reassignment.read': [...OFFICE, ...UNIT, 'auditor'],
  'imports.write': OFFICE,
  'ledger.read': [...OFFICE, ...UNIT, 'auditor'],
  'reminders.read': [...OFFICE, ...UNIT, 'auditor'],
  'circular.read': [...OFFICE, 'auditor'],
  // 三员分立: the system administrator (office_admin) keeps accounts, keys, settings and webhooks;
  // the security administrator grants roles and clearances; the audit administrator reads the log.
  // Everyone who works with items, and the security administrator (he grants people of named units).
  'units.read': [...OFFICE, ...UNIT, ...LIAISON, 'auditor', 'security_admin'],
  // The identity controls in force (read-only: the deployment sets them).
  'security.policy.read': ['security_admin', 'audit_admin', 'office_admin', 'auditor'],
  'users.read': ['office_admin', 'auditor', 'security_admin', 'audit_admin'],
  'users.write': ['office_admin'],
  'users.grant': ['security_admin'],
  'api_keys.manage': ['office_admin'],
  'config.write': ['office_admin'],
  'webhooks.manage': ['office_admin'],
  'audit.read': ['audit_admin', 'auditor'],
  'templates.read': [...UNIT, ...OFFICE, 'auditor'],
  'templates.write': UNIT,
} as const satisfies Record<string, readonly UserRole[]>

export type Action = keyof typeof ACTIONS

export function may(role: UserRole | null | undefined, action: Action): boolean {
  return role !== null && role !== undefined && (ACTIONS[action] as readonly UserRole[]).includes(role)
}
