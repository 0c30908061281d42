import { describe, expect, it } from 'vitest'
import { replyActions, stepOf } from '@/features/replies/actions'
import { documentNumberHint, sortProblems } from '@/features/replies/formatProblems'

const reply = (status: 'draft' | 'submitted' | 'returned' | 'approved' | 'sent', extra = {}) => ({
  status,
  unit_id: 31,
  published_on: null,
  disclosure: 'unmarked' as const,
  ...extra,
})
const county = { level: 'county' as const, secret: false }
const city = { level: 'city' as const, secret: false }
const handler = { role: 'unit_handler' as const, unit_id: 31 }
const leader = { role: 'unit_leader' as const, unit_id: 31 }
const otherUnit = { role: 'unit_leader' as const, unit_id: 7 }
const office = { role: 'office_staff' as const, unit_id: null }

describe('what may be done to a reply', () => {
  it('lets the unit edit a draft or a returned reply, and only the leader sign it (R-RP-10)', () => {
    expect(replyActions(reply('draft'), handler, county)).toEqual(['edit'])
    expect(replyActions(reply('returned'), leader, county)).toEqual(['edit', 'sign'])
    expect(replyActions(reply('draft'), otherUnit, county)).toEqual([])
    expect(replyActions(reply('draft'), office, county)).toEqual([])
  })

  it('lets the office review a signed reply (R-RP-9)', () => {
    expect(replyActions(reply('submitted'), office, county)).toEqual(['review'])
    expect(replyActions(reply('submitted'), leader, county)).toEqual([])
  })

  it('sends a county reply by the unit or the office, a city one through the office (R-RP-4)', () => {
    expect(replyActions(reply('approved'), handler, county)).toEqual(['send'])
    expect(replyActions(reply('approved'), handler, city)).toEqual([])
    expect(replyActions(reply('approved'), office, city)).toEqual(['send'])
  })

  it('publishes a sent reply once, never a secret item or one marked disagree (R-RP-2)', () => {
    expect(replyActions(reply('sent'), office, county)).toEqual(['publish'])
    expect(replyActions(reply('sent', { published_on: '2024-06-01' }), office, county)).toEqual([])
    expect(replyActions(reply('sent', { disclosure: 'disagree' }), office, county)).toEqual([])
    expect(replyActions(reply('sent'), office, { level: 'county', secret: true })).toEqual([])
  })

  it('places the reply on the workflow steps', () => {
    expect(stepOf(reply('returned'))).toBe(0)
    expect(stepOf(reply('submitted'))).toBe(2)
    expect(stepOf(reply('approved'))).toBe(3)
    expect(stepOf(reply('sent'))).toBe(4)
    expect(stepOf(reply('sent', { published_on: '2024-06-01' }))).toBe(5)
  })
})

describe('format problems by input (R-RP-7)', () => {
  it('puts each problem next to the input that fixes it, the rest on the letter', () => {
    const sorted = sortProblems([
      { field: 'document_number', message: '缺少发文字号', rule_id: 'R-RP-7' },
      { field: 'date', message: '缺少成文日期', rule_id: 'R-RP-7' },
      { field: 'reply_class', message: '须标明办理结果', rule_id: 'R-RP-1' },
      { field: 'copy_to', message: '抄送缺少“县政府办公室”', rule_id: 'R-RP-6' },
      { field: 'document_number', message: '发文字号不规范', rule_id: 'R-RP-7' },
    ])
    expect(sorted.byField.document_number).toEqual(['缺少发文字号', '发文字号不规范'])
    expect(sorted.byField.letter_date).toEqual(['缺少成文日期'])
    expect(sorted.byField.reply_class).toEqual(['须标明办理结果'])
    expect(sorted.letter.map((p) => p.field)).toEqual(['copy_to'])
  })

  it('suggests a document number from the issuer code', () => {
    expect(documentNumberHint('魏交函', 2024)).toBe('魏交函〔2024〕号')
    expect(documentNumberHint(null, 2024)).toBe('如：魏交函〔2024〕15号')
  })
})
