import { describe, expect, it } from 'vitest'
import {
  chosenPeriod,
  CUSTOM_PERIOD,
  describePeriod,
  normalizePeriod,
  parsePeriodCode,
} from '@/features/calendar/period'

describe('periods', () => {
  it('describes codes in Chinese', () => {
    expect(describePeriod('15wd')).toBe('15个工作日')
    expect(describePeriod('1m')).toBe('1个月')
    expect(describePeriod('7d')).toBe('7日')
    expect(describePeriod('20wd')).toBe('20个工作日')
    expect(describePeriod('6m')).toBe('6个月')
    expect(describePeriod('abc')).toBe('abc')
  })

  it('parses only the code form', () => {
    expect(parsePeriodCode('3m')).toEqual({ count: 3, unit: 'm' })
    expect(parsePeriodCode('3 m')).toBeNull()
    expect(parsePeriodCode('三个月')).toBeNull()
  })

  it('tidies what a person types into the API code', () => {
    expect(normalizePeriod(' 20 WD ')).toBe('20wd')
    expect(normalizePeriod('20个工作日')).toBe('20wd')
    expect(normalizePeriod('20 工作日')).toBe('20wd')
    expect(normalizePeriod('2个月')).toBe('2m')
    expect(normalizePeriod('10天')).toBe('10d')
    expect(normalizePeriod('10日')).toBe('10d')
    expect(normalizePeriod('015个工作日')).toBe('15wd')
  })

  it('passes anything else through for the API to judge', () => {
    expect(normalizePeriod('abc')).toBe('abc')
    expect(normalizePeriod('0wd')).toBe('0wd')
    expect(normalizePeriod('十五个工作日')).toBe('十五个工作日')
    expect(normalizePeriod('')).toBe('')
  })

  it('sends the preset or the custom text', () => {
    expect(chosenPeriod('3m', 'ignored')).toBe('3m')
    expect(chosenPeriod(CUSTOM_PERIOD, '2个月')).toBe('2m')
  })
})
