/** The side menu (导航菜单): the workflows each role works in, in the order of the notice. */
import {
  Calendar,
  Collection,
  ChatDotRound,
  Connection,
  DataAnalysis,
  Document,
  Flag,
  House,
  Lock,
  Location,
  Notebook,
  OfficeBuilding,
  Promotion,
  Reading,
  Setting,
  Share,
  Stamp,
  Upload,
  User,
  View,
} from '@element-plus/icons-vue'
import type { Component } from 'vue'
import type { UserRole } from '@/features/auth/api'
import { type Action, may, type RoleGroup } from '@/features/auth/roles'

export interface MenuEntry {
  name: string
  path: string
  title: string
  icon: Component
  /** Who sees the entry; absent = everyone signed in. */
  groups?: readonly RoleGroup[]
  /** Only roles the API lets take this action (the admin screens, 三员分立). */
  action?: Action
  /** Reachable without signing in. */
  public?: boolean
}

/** Everyone who works with items (not the security and audit administrators). */
const WORKERS: readonly RoleGroup[] = ['office', 'unit', 'liaison', 'auditor']

export const MENU: readonly MenuEntry[] = [
  { name: 'home', path: '/', title: '首页', icon: House },
  { name: 'items', path: '/items', title: '建议提案', icon: Document, groups: WORKERS },
  { name: 'imports', path: '/imports', title: '批量导入', icon: Upload, groups: ['office'] },
  { name: 'assignments', path: '/assignments', title: '交办', icon: Share, groups: ['office'] },
  { name: 'key-items', path: '/key-items', title: '重点督办', icon: Flag, groups: ['office', 'unit'] },
  { name: 'merges', path: '/merges', title: '并案', icon: Connection, groups: ['office'] },
  { name: 'reviews', path: '/reviews', title: '答复审核', icon: Stamp, groups: ['office'] },
  { name: 'visits', path: '/visits', title: '走访', icon: Location, groups: ['unit'] },
  {
    name: 'feedback',
    path: '/feedback',
    title: '反馈',
    icon: ChatDotRound,
    groups: ['office', 'unit', 'liaison'],
  },
  { name: 'supervision', path: '/supervision', title: '督查', icon: View, groups: ['office', 'auditor'] },
  { name: 'kpi', path: '/kpi', title: '考核', icon: DataAnalysis, groups: WORKERS },
  { name: 'calendar', path: '/calendar', title: '工作日历', icon: Calendar, public: true },
  { name: 'units', path: '/units', title: '承办单位', icon: OfficeBuilding, groups: ['office', 'auditor'] },
  {
    name: 'reply-templates',
    path: '/reply-templates',
    title: '答复模板',
    icon: Notebook,
    action: 'templates.read',
  },
  { name: 'users', path: '/users', title: '用户管理', icon: User, action: 'users.write' },
  { name: 'grants', path: '/grants', title: '角色与密级', icon: Lock, action: 'users.grant' },
  { name: 'audit', path: '/audit', title: '审计日志', icon: Collection, action: 'audit.read' },
  { name: 'settings', path: '/settings', title: '系统配置', icon: Setting, action: 'config.write' },
  { name: 'webhooks', path: '/webhooks', title: 'Webhook 订阅', icon: Promotion, action: 'webhooks.manage' },
  { name: 'public', path: '/public', title: '答复公开', icon: Reading, public: true },
]

/**
 * The entries `group` sees (signed out: the public ones); an entry tied to an action only when
 * `role` may take it.
 */
export function menuFor(group: RoleGroup | null, role: UserRole | null = null): MenuEntry[] {
  if (group === null) return MENU.filter((m) => m.public)
  return MENU.filter(
    (m) => (!m.groups || m.groups.includes(group)) && (!m.action || may(role, m.action)),
  )
}

/** The menu entry a path belongs to: `/items/12` → 建议提案. */
export function menuEntryFor(path: string): MenuEntry | undefined {
  const first = `/${path.split('/')[1] ?? ''}`
  return MENU.find((m) => m.path === first)
}
