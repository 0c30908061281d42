import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { ApiProblem } from '@/api/problem'
import { changed, clone, trimmed } from '@/features/settings/fields'
import { useConfigStore } from '@/features/settings/store'
import { useConfigSection } from '@/features/settings/useConfigSection'

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
  })
const config = (version: number, dueSoon = 3, county = '魏县') => ({
  jurisdiction: { county_name: county },
  deadlines: { due_soon_days: dueSoon, reassignment_window_days: 10 },
  version,
})

const fetchMock = vi.fn<(input: RequestInfo | URL) => Promise<Response>>()
const requestOf = (n: number) => fetchMock.mock.calls[n][0] as Request

beforeEach(() => {
  setActivePinia(createPinia())
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => vi.unstubAllGlobals())

describe('configuration store', () => {
  it('saves with If-Match naming the version it read, and keeps the answer', async () => {
    fetchMock.mockResolvedValueOnce(json(config(4))).mockResolvedValueOnce(json(config(5, 5)))
    const store = useConfigStore()
    await store.load()
    await store.save({ deadlines: { due_soon_days: 5, reassignment_window_days: 10 } })
    const patch = requestOf(1)
    expect(patch.method).toBe('PATCH')
    expect(patch.headers.get('If-Match')).toBe('"4"')
    expect(await patch.json()).toEqual({ deadlines: { due_soon_days: 5, reassignment_window_days: 10 } })
    expect(store.config?.version).toBe(5)
    expect(store.config?.deadlines.due_soon_days).toBe(5)
  })

  it('refuses a stale save with the API’s 412 and keeps what it had', async () => {
    fetchMock
      .mockResolvedValueOnce(json(config(4)))
      .mockResolvedValueOnce(json({ status: 412, title: 'Precondition Failed', detail: '数据已被他人修改（当前版本 6），请刷新后重试' }, 412))
    const store = useConfigStore()
    await store.load()
    const error = await store.save({ deadlines: { due_soon_days: 1, reassignment_window_days: 10 } }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiProblem)
    expect((error as ApiProblem).status).toBe(412)
    expect(store.config?.version).toBe(4)
    expect(store.config?.deadlines.due_soon_days).toBe(3)
  })
})

describe('configuration form helpers', () => {
  it('edits a copy, notices a change, and trims text', () => {
    const original = { a: ' x ', b: { c: 2, d: [' y'] } }
    const copy = clone(original)
    expect(changed(copy, original)).toBe(false)
    copy.b.c = 3
    expect(changed(copy, original)).toBe(true)
    expect(original.b.c).toBe(2)
    expect(trimmed(original)).toEqual({ a: 'x', b: { c: 2, d: ['y'] } })
  })
})

describe('useConfigSection (系统配置 forms)', () => {
  async function loaded() {
    fetchMock.mockResolvedValueOnce(json(config(4)))
    await useConfigStore().load()
  }

  it('edits a copy, dirty while it differs, saved whole with the version read', async () => {
    await loaded()
    const saved = vi.fn()
    const section = useConfigSection('deadlines', ['deadlines.due_soon_days'], { saved })
    expect(section.dirty.value).toBe(false)
    section.draft.value.due_soon_days = 5
    expect(section.dirty.value).toBe(true)
    expect(useConfigStore().config?.deadlines.due_soon_days).toBe(3)

    fetchMock.mockResolvedValueOnce(json(config(5, 5)))
    await section.submit()
    const patch = requestOf(1)
    expect(patch.method).toBe('PATCH')
    expect(patch.headers.get('If-Match')).toBe('"4"')
    expect(await patch.json()).toEqual({ deadlines: { due_soon_days: 5, reassignment_window_days: 10 } })
    expect(saved).toHaveBeenCalledTimes(1)
    await nextTick()
    expect(section.dirty.value).toBe(false)
  })

  it('on 412 says it is stale, and reload shows the latest; 撤销修改 goes back to what was read', async () => {
    await loaded()
    const saved = vi.fn()
    const section = useConfigSection('jurisdiction', ['jurisdiction'], { saved, prepare: (j) => ({ ...j, county_name: j.county_name.trim() }) })
    section.draft.value.county_name = ' 大名县 '
    fetchMock.mockResolvedValueOnce(json({ status: 412, detail: '配置已被他人修改，请刷新后重试' }, 412))
    await section.submit()
    expect(await requestOf(1).json()).toMatchObject({ jurisdiction: { county_name: '大名县' } })
    expect(saved).not.toHaveBeenCalled()
    expect(section.stale.value).toBe(true)
    expect(section.formError.value).toBe('配置已被他人修改，请刷新后重试')

    fetchMock.mockResolvedValueOnce(json(config(6, 3, '广平县')))
    await section.reload()
    await nextTick()
    expect(section.stale.value).toBe(false)
    expect(section.draft.value.county_name).toBe('广平县')

    section.draft.value.county_name = '馆陶县'
    section.revert()
    expect(section.draft.value.county_name).toBe('广平县')
    expect(section.dirty.value).toBe(false)
  })
})
