/** The accounts, fetched once and shared by 用户管理, 角色与密级 and the audit log's actor names. */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { fetchUsers, type User } from './api'

export const useUsersStore = defineStore('users', () => {
  const users = ref<User[]>([])
  const loaded = ref(false)
  let pending: Promise<User[]> | null = null

  const byId = computed(() => new Map(users.value.map((u) => [u.id, u])))

  async function load(force = false): Promise<User[]> {
    if (loaded.value && !force) return users.value
    pending ??= fetchUsers()
      .then((list) => {
        users.value = list
        loaded.value = true
        return list
      })
      .finally(() => {
        pending = null
      })
    return pending
  }

  /** 姓名（用户名）, or 用户N when the account is unknown here. */
  function nameOf(id: number | null | undefined): string {
    if (id === null || id === undefined) return ''
    const u = byId.value.get(id)
    return u ? `${u.display_name}（${u.username}）` : `用户${id}`
  }

  function upsert(user: User): void {
    const i = users.value.findIndex((u) => u.id === user.id)
    if (i >= 0) users.value.splice(i, 1, user)
    else users.value.push(user)
  }

  return { users, loaded, byId, load, nameOf, upsert }
})
