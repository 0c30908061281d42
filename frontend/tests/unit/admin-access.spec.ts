import { describe, expect, it, vi } from 'vitest'
import type { UserRole } from '@/features/auth/api'
import { roleGroup } from '@/features/auth/roles'
import { MENU, menuFor } from '@/layout/menu'
import { routes } from '@/router'
import { decideNavigation } from '@/router/guard'

// The shell is the router's one eager component; its Element Plus styles do not load under Node.
vi.mock('@/layout/AppShell.vue', () => ({ default: {} }))

const ADMIN_TITLES = ['答复模板', '用户管理', '角色与密级', '审计日志', '系统配置', 'Webhook 订阅']
const adminMenu = (role: UserRole) =>
  menuFor(roleGroup(role), role)
    .map((m) => m.title)
    .filter((t) => ADMIN_TITLES.includes(t))

describe('admin screens by role (三员分立)', () => {
  it('shows each role only the admin entries the API lets it use', () => {
    expect(adminMenu('office_admin')).toEqual(['答复模板', '用户管理', '系统配置', 'Webhook 订阅'])
    expect(adminMenu('office_staff')).toEqual(['答复模板'])
    expect(adminMenu('unit_handler')).toEqual(['答复模板'])
    expect(adminMenu('unit_leader')).toEqual(['答复模板'])
    expect(adminMenu('npc_liaison')).toEqual([])
    expect(adminMenu('auditor')).toEqual(['答复模板', '审计日志'])
    expect(adminMenu('security_admin')).toEqual(['角色与密级'])
    expect(adminMenu('audit_admin')).toEqual(['审计日志'])
  })

  it('hides entries tied to an action while the role is unknown', () => {
    expect(menuFor('office').map((m) => m.title)).not.toContain('用户管理')
    expect(menuFor('system').map((m) => m.title)).toEqual(['首页', '工作日历', '答复公开'])
  })

  it('sends a role home from an admin page it may not use, and lets the right one in', () => {
    const page = (name: string, action: 'users.write' | 'audit.read' | 'users.grant') => ({
      name,
      fullPath: `/${name}`,
      meta: { action },
      query: {},
    })
    expect(decideNavigation(page('users', 'users.write'), true, 'office', 'office_staff')).toEqual({ name: 'home' })
    expect(decideNavigation(page('users', 'users.write'), true, 'office', 'office_admin')).toBe(true)
    expect(decideNavigation(page('audit', 'audit.read'), true, 'system', 'security_admin')).toEqual({ name: 'home' })
    expect(decideNavigation(page('audit', 'audit.read'), true, 'system', 'audit_admin')).toBe(true)
    expect(decideNavigation(page('grants', 'users.grant'), true, 'system', 'audit_admin')).toEqual({ name: 'home' })
    expect(decideNavigation(page('grants', 'users.grant'), true, 'system', 'security_admin')).toBe(true)
    // Still reading who is signed in: let the page open (the API refuses what it must).
    expect(decideNavigation(page('users', 'users.write'), true, null, null)).toBe(true)
    expect(decideNavigation(page('users', 'users.write'), false)).toEqual({
      name: 'login',
      query: { redirect: '/users' },
    })
  })

  it('guards each admin route with the same action as its menu entry', () => {
    const pages = routes.find((r) => r.path === '/')?.children ?? []
    for (const entry of MENU.filter((m) => m.action)) {
      const route = pages.find((r) => `/${r.path}` === entry.path)
      expect(route, `没有 ${entry.path} 的路由`).toBeDefined()
      expect(route?.meta?.action, entry.path).toBe(entry.action)
      expect(typeof route?.component, `${entry.path} 应按需加载`).toBe('function')
    }
  })
})
