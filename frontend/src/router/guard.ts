/** Where a navigation may go: pages not marked public need a signed-in user. */
import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import type { RoleGroup } from '@/features/auth/roles'

declare module 'vue-router' {
  interface RouteMeta {
    /** 页面标题 */
    title?: string
    /** Reachable without signing in. */
    public?: boolean
    /** Only these role groups (others are sent home); absent = any signed-in user. */
    groups?: readonly RoleGroup[]
  }
}

export const APP_NAME = '建议提案办理系统'

/** A `redirect` query value that stays inside the SPA, or null. */
export function safeRedirect(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value
  if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//')) return null
  return v.startsWith('/login') ? null : v
}

export function decideNavigation(
  to: Pick<RouteLocationNormalized, 'name' | 'meta' | 'fullPath' | 'query'>,
  isAuthenticated: boolean,
  group: RoleGroup | null = null,
): true | RouteLocationRaw {
  if (to.name === 'login') {
    return isAuthenticated ? (safeRedirect(to.query.redirect) ?? { name: 'home' }) : true
  }
  if (to.meta.public) return true
  if (isAuthenticated) {
    const groups = to.meta.groups
    return !groups || group === null || groups.includes(group) ? true : { name: 'home' }
  }
  return to.fullPath === '/'
    ? { name: 'login' }
    : { name: 'login', query: { redirect: to.fullPath } }
}

export function pageTitle(title: string | undefined): string {
  return title ? `${title} - ${APP_NAME}` : APP_NAME
}
