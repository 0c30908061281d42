/** Where a navigation may go: pages not marked public need a signed-in user. */
import type { RouteLocationNormalized, RouteLocationRaw, RouteMeta } from 'vue-router'
import type { UserRole } from '@/features/auth/api'
import { type Action, may, type RoleGroup } from '@/features/auth/roles'

declare module 'vue-router' {
  interface RouteMeta {
    /** 页面标题 */
    title?: string
    /** Reachable without signing in. */
    public?: boolean
    /** Only these role groups (others are sent home); absent = any signed-in user. */
    groups?: readonly RoleGroup[]
    /** Only roles the API lets take this action (the admin screens, 三员分立); others go home. */
    action?: Action
  }
}

export const APP_NAME = '建议提案办理系统'

/** A `redirect` query value that stays inside the SPA, or null. */
export function safeRedirect(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value
  if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//')) return null
  return v.startsWith('/login') ? null : v
}

/** Whether a signed-in user of `group` and `role` may open a page (unknown yet: let it open). */
export function allowed(
  meta: Pick<RouteMeta, 'groups' | 'action'>,
  group: RoleGroup | null,
  role: UserRole | null,
): boolean {
  if (meta.groups && group !== null && !meta.groups.includes(group)) return false
  if (meta.action && role !== null && !may(role, meta.action)) return false
  return true
}

export function decideNavigation(
  to: Pick<RouteLocationNormalized, 'name' | 'meta' | 'fullPath' | 'query'>,
  isAuthenticated: boolean,
  group: RoleGroup | null = null,
  role: UserRole | null = null,
): true | RouteLocationRaw {
  if (to.name === 'login') {
    return isAuthenticated ? (safeRedirect(to.query.redirect) ?? { name: 'home' }) : true
  }
  if (to.meta.public) return true
  if (isAuthenticated) return allowed(to.meta, group, role) ? true : { name: 'home' }
  return to.fullPath === '/'
    ? { name: 'login' }
    : { name: 'login', query: { redirect: to.fullPath } }
}

/** What a signed-in user owes before anything else (等保): bind an authenticator, or a new password. */
export type PendingStep = 'totp' | 'password'

export function pendingStep(state: { totpRequired: boolean; passwordExpired: boolean }): PendingStep | null {
  return state.totpRequired ? 'totp' : state.passwordExpired ? 'password' : null
}

/**
 * Where a signed-in user with a step owed must go instead (the API refuses everything else
 * meanwhile); null to carry on. The binding page is only for someone who owes it.
 */
export function pendingRedirect(
  to: Pick<RouteLocationNormalized, 'name' | 'meta'>,
  step: PendingStep | null,
): RouteLocationRaw | null {
  if (step === null) return to.name === 'totp' ? { name: 'home' } : null
  if (to.name === step || to.meta.public) return null
  return { name: step }
}

export function pageTitle(title: string | undefined): string {
  return title ? `${title} - ${APP_NAME}` : APP_NAME
}
