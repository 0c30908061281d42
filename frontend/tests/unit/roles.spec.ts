import { describe, expect, it } from 'vitest'
import { may, roleGroup } from '@/features/auth/roles'

describe('roles', () => {
  it('groups the API roles the way the portal shows them', () => {
    expect(roleGroup('office_admin')).toBe('office')
    expect(roleGroup('office_staff')).toBe('office')
    expect(roleGroup('unit_handler')).toBe('unit')
    expect(roleGroup('unit_leader')).toBe('unit')
    expect(roleGroup('npc_liaison')).toBe('liaison')
    expect(roleGroup('auditor')).toBe('auditor')
    expect(roleGroup(undefined)).toBeNull()
  })

  it('mirrors the API: only the leader signs, only the office reviews, the auditor writes nothing', () => {
    expect(may('unit_leader', 'replies.sign')).toBe(true)
    expect(may('unit_handler', 'replies.sign')).toBe(false)
    expect(may('office_staff', 'replies.review')).toBe(true)
    expect(may('unit_leader', 'replies.review')).toBe(false)
    expect(may('npc_liaison', 'feedback.write')).toBe(true)
    expect(may('unit_handler', 'feedback.write')).toBe(false)
    expect(may('office_staff', 'calendar.write')).toBe(false)
    expect(may('office_admin', 'calendar.write')).toBe(true)
    expect(may('auditor', 'notes.write')).toBe(false)
    expect(may('auditor', 'notes.read')).toBe(true)
    expect(may(null, 'items.write')).toBe(false)
  })
})
