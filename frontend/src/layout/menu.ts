/** The side menu (导航菜单): one entry per workflow of the portal; `built: false` shows 建设中. */
import {
  Calendar,
  ChatDotRound,
  DataAnalysis,
  Document,
  House,
  Location,
  Setting,
  Share,
  Stamp,
} from '@element-plus/icons-vue'
import type { Component } from 'vue'

export interface MenuEntry {
  name: string
  path: string
  title: string
  icon: Component
  built: boolean
  /** Reachable without signing in. */
  public?: boolean
}

export const MENU: readonly MenuEntry[] = [
  { name: 'home', path: '/', title: '首页', icon: House, built: true },
  { name: 'items', path: '/items', title: '建议提案', icon: Document, built: false },
  { name: 'assignments', path: '/assignments', title: '交办', icon: Share, built: false },
  { name: 'reviews', path: '/reviews', title: '答复审核', icon: Stamp, built: false },
  { name: 'visits', path: '/visits', title: '走访', icon: Location, built: false },
  { name: 'feedback', path: '/feedback', title: '反馈', icon: ChatDotRound, built: false },
  { name: 'kpi', path: '/kpi', title: '考核', icon: DataAnalysis, built: false },
  { name: 'calendar', path: '/calendar', title: '工作日历', icon: Calendar, built: true, public: true },
  { name: 'settings', path: '/settings', title: '系统设置', icon: Setting, built: false },
]

/** The menu entry a path belongs to: `/items/12` → 建议提案. */
export function menuEntryFor(path: string): MenuEntry | undefined {
  const first = `/${path.split('/')[1] ?? ''}`
  return MENU.find((m) => m.path === first)
}
