import { describe, expect, it } from 'vitest'
import type { RouteLocationNormalized } from 'vue-router'
import { decideNavigation, pageTitle, safeRedirect } from '@/router/guard'
import { MENU, menuEntryFor, menuFor } from '@/layout/menu'

type To = Pick<RouteLocationNormalized, 'name' | 'meta' | 'fullPath' | 'query'>
const to = (name: string, fullPath: string, meta = {}, query = {}): To => ({
  name,
  fullPath,
  meta,
  query,
})

describe('route guard', () => {
  it('sends a signed-out user to /login with the page to come back to', () => {
    expect(decideNavigation(to('items', '/items?page=2'), false)).toEqual({
      name: 'login',
      query: { redirect: '/items?page=2' },
    })
    expect(decideNavigation(to('home', '/'), false)).toEqual({ name: 'login' })
  })

  it('lets anyone see public pages and signed-in users see the rest', () => {
    expect(decideNavigation(to('calendar', '/calendar', { public: true }), false)).toBe(true)
    expect(decideNavigation(to('items', '/items'), true)).toBe(true)
  })

  it('sends a signed-in user away from /login, to a safe redirect only', () => {
    const login = (redirect: string) => to('login', '/login', { public: true }, { redirect })
    expect(decideNavigation(login('/items'), true)).toBe('/items')
    expect(decideNavigation(login('//evil.example'), true)).toEqual({ name: 'home' })
    expect(decideNavigation(login('/items'), false)).toBe(true)
  })

  it('accepts only in-app redirects', () => {
    expect(safeRedirect('/calendar?start=2024-04-08')).toBe('/calendar?start=2024-04-08')
    expect(safeRedirect('https://evil.example')).toBeNull()
    expect(safeRedirect('/login?redirect=/x')).toBeNull()
    expect(safeRedirect(['/kpi'])).toBe('/kpi')
    expect(safeRedirect(undefined)).toBeNull()
  })

  it('titles pages and finds menu entries', () => {
    expect(pageTitle('工作日历')).toBe('工作日历 - 建议提案办理系统')
    expect(pageTitle(undefined)).toBe('建议提案办理系统')
    expect(menuEntryFor('/items/12')?.title).toBe('建议提案')
    expect(menuEntryFor('/')?.title).toBe('首页')
    expect(MENU.map((m) => m.title)).toEqual([
      '首页', '建议提案', '批量导入', '交办', '重点督办', '并案', '答复审核', '走访', '反馈', '督查', '考核',
      '工作日历', '承办单位', '答复模板', '用户管理', '角色与密级', '审计日志', '系统配置', 'Webhook 订阅',
      '答复公开',
    ])
  })

  it('shows each role group its own menu, and the public pages to everyone', () => {
    const titles = (g: Parameters<typeof menuFor>[0]) => menuFor(g).map((m) => m.title)
    expect(titles(null)).toEqual(['工作日历', '答复公开'])
    expect(titles('unit')).toEqual([
      '首页', '建议提案', '重点督办', '走访', '反馈', '考核', '工作日历', '答复公开',
    ])
    expect(titles('liaison')).toEqual(['首页', '建议提案', '反馈', '考核', '工作日历', '答复公开'])
    expect(titles('office')).not.toContain('走访')
    expect(titles('auditor')).toContain('督查')
    expect(titles('system')).toEqual(['首页', '工作日历', '答复公开'])
  })

  it('sends a signed-in user home from a page for another role group', () => {
    const reviews = to('reviews', '/reviews', { groups: ['office'] })
    expect(decideNavigation(reviews, true, 'unit')).toEqual({ name: 'home' })
    expect(decideNavigation(reviews, true, 'office')).toBe(true)
    // The user is still being read: let the page decide once it is known.
    expect(decideNavigation(reviews, true, null)).toBe(true)
    expect(decideNavigation(reviews, false, null)).toEqual({
      name: 'login',
      query: { redirect: '/reviews' },
    })
  })
})
