/**
 * Periods as the API names them (期间): a count and a unit, `15wd` working days, `3m` months,
 * `7d` calendar days. Whether a period is valid is the API's decision (domain `Period.parse`);
 * here we only offer the common ones and tidy what a person types.
 */

export type PeriodUnit = 'wd' | 'm' | 'd'

export interface PeriodPreset {
  code: string
  label: string
}

export const PERIOD_PRESETS: readonly PeriodPreset[] = [
  { code: '15wd', label: '15个工作日' },
  { code: '1m', label: '1个月' },
  { code: '3m', label: '3个月' },
  { code: '7d', label: '7日' },
]

export const CUSTOM_PERIOD = 'custom'

const UNIT_LABELS: Record<PeriodUnit, string> = { wd: '个工作日', m: '个月', d: '日' }

const CODE = /^(\d+)(wd|m|d)$/
const CHINESE_UNITS: [RegExp, PeriodUnit][] = [
  [/^(个)?工作日$/, 'wd'],
  [/^(个)?(月|自然月)$/, 'm'],
  [/^(日|天|个自然日|自然日)$/, 'd'],
]

/** `15wd` → {count: 15, unit: 'wd'}; null when the text is not in code form. */
export function parsePeriodCode(code: string): { count: number; unit: PeriodUnit } | null {
  const m = CODE.exec(code)
  return m ? { count: Number(m[1]), unit: m[2] as PeriodUnit } : null
}

/** `15wd` → 15个工作日; anything unrecognised is returned unchanged. */
export function describePeriod(code: string): string {
  const preset = PERIOD_PRESETS.find((p) => p.code === code)
  if (preset) return preset.label
  const parsed = parsePeriodCode(code)
  return parsed ? `${parsed.count}${UNIT_LABELS[parsed.unit]}` : code
}

/**
 * What a person typed in the custom box, in the API's code form where we can tell:
 * `20 WD` → `20wd`, `20个工作日` → `20wd`, `2个月` → `2m`, `10天` → `10d`.
 * Anything else is passed through trimmed, so the API can say what is wrong with it.
 */
export function normalizePeriod(input: string): string {
  const text = input.trim().replace(/\s+/g, '')
  const lower = text.toLowerCase()
  if (CODE.test(lower)) return lower
  const m = /^(\d+)(.+)$/.exec(text)
  if (m) {
    for (const [pattern, unit] of CHINESE_UNITS) {
      if (pattern.test(m[2])) return `${Number(m[1])}${unit}`
    }
  }
  return text
}

/** The code to send for the chosen preset, or the tidied custom text. */
export function chosenPeriod(choice: string, customText: string): string {
  return choice === CUSTOM_PERIOD ? normalizePeriod(customText) : choice
}
