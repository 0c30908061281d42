/**
 * The configuration as last read, with the version every save sends as If-Match: the two forms of
 * 系统配置 save in turn, and one person's save must not silently undo another's (412).
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { type Configuration, type ConfigurationUpdate, fetchConfig, updateConfig } from './api'

export const useConfigStore = defineStore('config', () => {
  const config = ref<Configuration | null>(null)

  async function load(): Promise<Configuration> {
    config.value = await fetchConfig()
    return config.value
  }

  /** Save one section; throws the ApiProblem (412 when someone saved since this was read). */
  async function save(patch: ConfigurationUpdate): Promise<Configuration> {
    const current = config.value ?? (await load())
    config.value = await updateConfig(patch, current.version)
    return config.value
  }

  return { config, load, save }
})
