/** History-mode routes under `/` (the API serves index.html for every non-/api path). */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import type { UserRole } from '@/features/auth/api'
import type { RoleGroup } from '@/features/auth/roles'
import AppShell from '@/layout/AppShell.vue'
import { parseListQuery } from '@/features/items/query'
import { useItemListStore } from '@/features/items/store'
import { decideNavigation, pageTitle, pendingRedirect, pendingStep } from './guard'

interface AuthState {
  readonly isAuthenticated: boolean
  readonly group: RoleGroup | null
  readonly role: UserRole | null
  /** An expired or reset password must be changed before anything else. */
  readonly passwordExpired: boolean
  /** An administrator must bind an authenticator (动态口令) before anything else. */
  readonly totpRequired: boolean
}

const WORKERS: RoleGroup[] = ['office', 'unit', 'liaison', 'auditor']

/** Every screen is its own chunk, loaded when first opened. */
const pages: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('@/features/home/HomeView.vue'),
    meta: { title: '首页' },
  },
  {
    path: 'items',
    name: 'items',
    component: () => import('@/features/items/ItemsView.vue'),
    meta: { title: '建议提案', groups: WORKERS },
  },
  {
    path: 'items/:id(\\d+)',
    name: 'item',
    component: () => import('@/features/items/ItemDetailView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: '建议提案详情', groups: WORKERS },
  },
  {
    path: 'assignments',
    name: 'assignments',
    component: () => import('@/features/assignment/AssignmentsView.vue'),
    meta: { title: '交办', groups: ['office'] },
  },
  {
    path: 'imports',
    name: 'imports',
    component: () => import('@/features/imports/ImportView.vue'),
    meta: { title: '批量导入', groups: ['office'] },
  },
  {
    path: 'key-items',
    name: 'key-items',
    component: () => import('@/features/assignment/KeyItemsView.vue'),
    meta: { title: '重点督办', groups: ['office', 'unit'] },
  },
  {
    path: 'merges',
    name: 'merges',
    component: () => import('@/features/merges/MergesView.vue'),
    meta: { title: '并案', groups: ['office'] },
  },
  {
    path: 'reviews',
    name: 'reviews',
    component: () => import('@/features/replies/ReviewsView.vue'),
    meta: { title: '答复审核', groups: ['office'] },
  },
  {
    path: 'visits',
    name: 'visits',
    component: () => import('@/features/visits/VisitsView.vue'),
    meta: { title: '走访', groups: ['unit'] },
  },
  {
    path: 'feedback',
    name: 'feedback',
    component: () => import('@/features/feedback/FeedbackView.vue'),
    meta: { title: '反馈', groups: ['office', 'unit', 'liaison'] },
  },
  {
    path: 'supervision',
    name: 'supervision',
    component: () => import('@/features/office/SupervisionView.vue'),
    meta: { title: '督查', groups: ['office', 'auditor'] },
  },
  {
    path: 'kpi',
    name: 'kpi',
    component: () => import('@/features/kpi/KpiView.vue'),
    meta: { title: '考核', groups: WORKERS },
  },
  {
    path: 'calendar',
    name: 'calendar',
    component: () => import('@/features/calendar/CalendarView.vue'),
    meta: { title: '工作日历', public: true },
  },
  {
    path: 'password',
    name: 'password',
    component: () => import('@/features/auth/PasswordView.vue'),
    meta: { title: '修改密码' },
  },
  {
    path: 'totp',
    name: 'totp',
    component: () => import('@/features/auth/TotpView.vue'),
    meta: { title: '绑定动态口令' },
  },
  {
    path: 'units',
    name: 'units',
    component: () => import('@/features/units/UnitsView.vue'),
    meta: { title: '承办单位', groups: ['office', 'auditor'] },
  },
  {
    path: 'reply-templates',
    name: 'reply-templates',
    component: () => import('@/features/templates/TemplatesView.vue'),
    meta: { title: '答复模板', action: 'templates.read' },
  },
  {
    path: 'users',
    name: 'users',
    component: () => import('@/features/accounts/UsersView.vue'),
    meta: { title: '用户管理', action: 'users.write' },
  },
  {
    path: 'grants',
    name: 'grants',
    component: () => import('@/features/accounts/GrantsView.vue'),
    meta: { title: '角色与密级', action: 'users.grant' },
  },
  {
    path: 'audit',
    name: 'audit',
    component: () => import('@/features/audit/AuditView.vue'),
    meta: { title: '审计日志', action: 'audit.read' },
  },
  {
    path: 'settings',
    name: 'settings',
    component: () => import('@/features/settings/SettingsView.vue'),
    meta: { title: '系统配置', action: 'config.write' },
  },
  {
    path: 'webhooks',
    name: 'webhooks',
    component: () => import('@/features/webhooks/WebhooksView.vue'),
    meta: { title: 'Webhook 订阅', action: 'webhooks.manage' },
  },
]

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/features/auth/LoginView.vue'),
    meta: { title: '登录', public: true },
  },
  {
    path: '/public',
    name: 'public',
    component: () => import('@/features/public/PublicRepliesView.vue'),
    meta: { title: '答复公开', public: true },
  },
  {
    path: '/',
    component: AppShell,
    children: [
      ...pages,
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/components/NotFound.vue'),
        meta: { title: '页面不存在', public: true },
      },
    ],
  },
]

function prefetchItems(query: Parameters<typeof parseListQuery>[0]): Promise<void> {
  return useItemListStore().load(parseListQuery(query))
}

export function createBanliRouter(auth: AuthState) {
  const router = createRouter({
    history: createWebHistory('/'),
    routes,
    scrollBehavior: (to, from, saved) => saved ?? (to.path === from.path ? false : { top: 0 }),
  })
  router.beforeEach((to) => {
    if (auth.isAuthenticated) {
      const owed = pendingRedirect(to, pendingStep(auth))
      if (owed) return owed
    }
    const decision = decideNavigation(to, auth.isAuthenticated, auth.group, auth.role)
    // The item list is the page people open most: ask for its rows while its code loads.
    if (decision === true && to.name === 'items' && auth.isAuthenticated) void prefetchItems(to.query)
    return decision
  })
  router.afterEach((to) => {
    document.title = pageTitle(to.meta.title)
  })
  return router
}
