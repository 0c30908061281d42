/**
 * One section of 系统配置 edited in a form: a copy of what was read, saved whole with the
 * version it was read at (412 when someone saved meanwhile: `stale`, and `reload` reads the
 * latest), `dirty` while the copy differs, the API's refusals by field.
 */
import { computed, type Ref, ref, watch } from 'vue'
import { useSubmit } from '@/composables/useSubmit'
import type { Configuration, ConfigurationUpdate } from './api'
import { changed, clone } from './fields'
import { useConfigStore } from './store'

export type ConfigSection = 'jurisdiction' | 'deadlines'

export function useConfigSection<K extends ConfigSection>(
  key: K,
  fields: readonly string[],
  options: { saved: () => void; prepare?: (draft: Configuration[K]) => Configuration[K] },
) {
  const store = useConfigStore()
  const draft = ref(clone(store.config![key])) as Ref<Configuration[K]>
  watch(
    () => store.config?.[key],
    (section) => section && (draft.value = clone(section)),
  )
  const { problem, fieldError, formError, capture, clear, saving, submit: save } = useSubmit(fields)
  const stale = computed(() => problem.value?.status === 412)
  const dirty = computed(() => !!store.config && changed(draft.value, store.config[key]))

  async function submit(): Promise<void> {
    const prepare = options.prepare ?? ((d: Configuration[K]) => ({ ...d }))
    const patch = { [key]: prepare(draft.value) } as ConfigurationUpdate
    if (await save(() => store.save(patch))) options.saved()
  }

  /** After a 412: read the latest configuration (the form shows it). */
  async function reload(): Promise<void> {
    clear()
    try {
      await store.load()
    } catch (e) {
      capture(e)
    }
  }

  /** 撤销修改: back to what was read. */
  function revert(): void {
    if (store.config) draft.value = clone(store.config[key])
  }

  return { draft, saving, stale, dirty, fieldError, formError, submit, reload, revert }
}
