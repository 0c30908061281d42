/** History-mode routes under `/` (the API serves index.html for every non-/api path). */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import UnderConstruction from '@/components/UnderConstruction.vue'
import AppShell from '@/layout/AppShell.vue'
import { MENU } from '@/layout/menu'
import { decideNavigation, pageTitle } from './guard'

interface AuthState {
  readonly isAuthenticated: boolean
}

const built: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('@/features/home/HomeView.vue'),
    meta: { title: '首页' },
  },
  {
    path: 'calendar',
    name: 'calendar',
    component: () => import('@/features/calendar/CalendarView.vue'),
    meta: { title: '工作日历', public: true },
  },
]

const placeholders: RouteRecordRaw[] = MENU.filter((m) => !m.built).map((m) => ({
  path: m.path.slice(1),
  name: m.name,
  component: UnderConstruction,
  meta: { title: m.title, public: m.public },
}))

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/features/auth/LoginView.vue'),
    meta: { title: '登录', public: true },
  },
  {
    path: '/',
    component: AppShell,
    children: [
      ...built,
      ...placeholders,
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/components/NotFound.vue'),
        meta: { title: '页面不存在', public: true },
      },
    ],
  },
]

export function createBanliRouter(auth: AuthState) {
  const router = createRouter({ history: createWebHistory('/'), routes })
  router.beforeEach((to) => decideNavigation(to, auth.isAuthenticated))
  router.afterEach((to) => {
    document.title = pageTitle(to.meta.title)
  })
  return router
}
