import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Reply } from '@/features/replies/api'
import { AUTOSAVE_MS, useReplyDraft } from '@/features/replies/useReplyDraft'

const REPLY = {
  id: 3,
  status: 'draft',
  reply_class: null,
  disclosure: 'unmarked',
  document_number: null,
  body: '',
  letter_date: null,
  signing_leader: '田胜春',
  contact_person: '徐梅亚',
  contact_phone: '0310-3519210',
  format_problems: [{ field: 'body', message: '正文为空', rule_id: 'R-RP-7' }],
  version: 4,
} as unknown as Reply

const fetchMock = vi.fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>()
const requestOf = (n: number) => {
  const [input, init] = fetchMock.mock.calls[n]
  return input instanceof Request ? input : new Request(input, init)
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

beforeEach(() => {
  vi.useFakeTimers()
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('reply draft autosave', () => {
  it('saves a moment after typing, with If-Match, and shows the new format problems', async () => {
    fetchMock.mockResolvedValueOnce(json({ ...REPLY, body: '正文', format_problems: [], version: 5 }))
    const changed = vi.fn()
    const draft = useReplyDraft(REPLY, changed)
    expect(draft.sorted.value.byField.body).toEqual(['正文为空'])
    draft.form.body = '正文'
    await vi.advanceTimersByTimeAsync(0)
    expect(draft.state.value).toBe('dirty')
    expect(fetchMock).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS)
    const req = requestOf(0)
    expect(req.method).toBe('PATCH')
    expect(new URL(req.url).pathname).toBe('/api/v1/replies/3')
    expect(req.headers.get('If-Match')).toBe('"4"')
    expect(JSON.parse(await req.text())).toMatchObject({ body: '正文', signing_leader: '田胜春', document_number: null })
    expect(draft.state.value).toBe('saved')
    expect(draft.sorted.value.byField.body).toBeUndefined()
    expect(changed).toHaveBeenCalledOnce()
  })

  it('stops saving on a conflict (412) until the latest version is loaded', async () => {
    fetchMock.mockResolvedValueOnce(json({ status: 412, detail: '数据已被他人修改' }, 412))
    const draft = useReplyDraft(REPLY, () => {})
    draft.form.body = '我的修改'
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS)
    expect(draft.state.value).toBe('conflict')
    draft.form.body = '再改'
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS * 2)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    await draft.reset({ ...REPLY, body: '别人的', version: 6 } as Reply)
    expect(draft.state.value).toBe('saved')
    expect(draft.form.body).toBe('别人的')
  })

  it('saves before signing, then signs with the new version', async () => {
    fetchMock
      .mockResolvedValueOnce(json({ ...REPLY, body: '正文', version: 5 }))
      .mockResolvedValueOnce(json({ ...REPLY, body: '正文', status: 'submitted', version: 6 }))
    const draft = useReplyDraft(REPLY, () => {})
    draft.form.body = '正文'
    await vi.advanceTimersByTimeAsync(0)
    expect(await draft.sign()).toBe(true)
    expect(new URL(requestOf(1).url).pathname).toBe('/api/v1/replies/3/sign')
    expect(requestOf(1).headers.get('If-Match')).toBe('"5"')
    expect(draft.reply.value.status).toBe('submitted')
  })

  it('shows a refused sign-off’s problems next to their inputs', async () => {
    fetchMock.mockResolvedValueOnce(
      json(
        {
          status: 422,
          detail: '答复函格式不规范，不能签发：缺少发文字号',
          field: 'document_number',
          errors: [{ field: 'document_number', message: '缺少发文字号' }],
        },
        422,
      ),
    )
    const draft = useReplyDraft(REPLY, () => {})
    expect(await draft.sign()).toBe(false)
    expect(draft.problem.fieldError('document_number')).toBe('缺少发文字号')
    expect(draft.problem.formError.value).toBe('')
  })
})
