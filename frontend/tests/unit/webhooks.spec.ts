import { afterEach, describe, expect, it, vi } from 'vitest'
import { chosenEvents, eventNames } from '@/features/webhooks/events'
import { copyText } from '@/utils/clipboard'

const LABELS = { 'item.assigned': '交办', 'deadline.overdue': '逾期', 'reply.sent': '已答复' }

describe('webhook events', () => {
  it('sends * for every event, else the chosen ones in the API’s order', () => {
    const known = Object.keys(LABELS)
    expect(chosenEvents(true, ['reply.sent'], known)).toEqual(['*'])
    expect(chosenEvents(false, ['reply.sent', 'item.assigned'], known)).toEqual(['item.assigned', 'reply.sent'])
    expect(chosenEvents(false, [], known)).toEqual([])
  })

  it('names a subscription’s events', () => {
    expect(eventNames(['*'], LABELS)).toBe('全部事件')
    expect(eventNames(['item.assigned', 'deadline.overdue', 'x.new'], LABELS)).toBe('交办、逾期、x.new')
  })
})

describe('copying a secret', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('uses the Clipboard API in a secure context', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined)
    vi.stubGlobal('navigator', { clipboard: { writeText } })
    vi.stubGlobal('isSecureContext', true)
    expect(await copyText('bk_secret')).toBe(true)
    expect(writeText).toHaveBeenCalledWith('bk_secret')
  })

  it('falls back to a selected textarea over plain http, and leaves nothing behind', async () => {
    const writeText = vi.fn()
    vi.stubGlobal('navigator', { clipboard: { writeText } })
    vi.stubGlobal('isSecureContext', false)
    const exec = vi.fn().mockReturnValue(true)
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true })
    expect(await copyText('whsec')).toBe(true)
    expect(writeText).not.toHaveBeenCalled()
    expect(exec).toHaveBeenCalledWith('copy')
    expect(document.querySelector('textarea')).toBeNull()
    exec.mockReturnValue(false)
    expect(await copyText('whsec')).toBe(false)
  })
})
