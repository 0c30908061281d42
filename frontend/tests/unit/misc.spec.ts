import { describe, expect, it } from 'vitest'
import { filenameFrom } from '@/api/download'
import { formatSize } from '@/features/attachments/api'
import type { Unit } from '@/features/units/api'
import { sortUnits } from '@/features/units/store'
import { labelOf, optionsOf, REPLY_STATUS_LABELS } from '@/utils/labels'

describe('small helpers', () => {
  it('reads Chinese file names from Content-Disposition', () => {
    expect(filenameFrom(`attachment; filename="___.docx"; filename*=UTF-8''${encodeURIComponent('答复函-3.docx')}`)).toBe(
      '答复函-3.docx',
    )
    expect(filenameFrom('attachment; filename="ledger.xlsx"')).toBe('ledger.xlsx')
    expect(filenameFrom(null)).toBeNull()
  })

  it('sizes files and labels codes', () => {
    expect(formatSize(512)).toBe('512 B')
    expect(formatSize(12_400)).toBe('12.1 KB')
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MB')
    expect(labelOf(REPLY_STATUS_LABELS, 'returned')).toBe('已退回')
    expect(labelOf(REPLY_STATUS_LABELS, 'lost')).toBe('lost')
    expect(labelOf(REPLY_STATUS_LABELS, null)).toBe('')
    expect(optionsOf({ a: '甲', b: '乙' })).toEqual([
      { value: 'a', label: '甲' },
      { value: 'b', label: '乙' },
    ])
  })

  it('lists townships, then sub-districts, then departments', () => {
    const u = (name: string, kind: Unit['kind']) => ({ name, kind }) as Unit
    expect(sortUnits([u('县教育体育局', 'department'), u('城关街道', 'subdistrict'), u('泊口乡', 'township')]).map((x) => x.name)).toEqual([
      '泊口乡',
      '城关街道',
      '县教育体育局',
    ])
  })
})
