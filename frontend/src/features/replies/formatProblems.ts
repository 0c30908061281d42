/**
 * The API's format check of a reply letter (R-RP-7, R-RP-6, R-RP-1) sorted by the editor's
 * inputs, so each problem shows next to the input that fixes it; problems about what the system
 * fills in itself (heading, salutation, copy-to …) go to the letter preview.
 */
import type { FormatProblem } from './api'

/** The editor's inputs, named as the API's ReplyUpdate names them. */
export const EDITOR_FIELDS = [
  'reply_class',
  'disclosure',
  'document_number',
  'body',
  'letter_date',
  'signing_leader',
  'contact_person',
  'contact_phone',
] as const
export type EditorField = (typeof EDITOR_FIELDS)[number]

/** Format-check field names that differ from the input's name. */
const ALIASES: Record<string, EditorField> = { date: 'letter_date' }

export interface SortedProblems {
  byField: Partial<Record<EditorField, string[]>>
  /** Heading, salutation, copy-to, letterhead, seal: fixed in the data, not in this form. */
  letter: FormatProblem[]
}

export function sortProblems(problems: readonly FormatProblem[]): SortedProblems {
  const byField: Partial<Record<EditorField, string[]>> = {}
  const letter: FormatProblem[] = []
  for (const p of problems) {
    const field = ALIASES[p.field] ?? p.field
    if ((EDITOR_FIELDS as readonly string[]).includes(field)) {
      ;(byField[field as EditorField] ??= []).push(p.message)
    } else {
      letter.push(p)
    }
  }
  return { byField, letter }
}

/** The seal is pressed on paper, not typed: a reply drafted here is always sealed. */
export function isPaperOnly(problem: FormatProblem): boolean {
  return problem.field === 'sealed'
}

/** A document number suggestion from the unit's issuer code: 魏交函〔2024〕号. */
export function documentNumberHint(issuerCode: string | null | undefined, year: number): string {
  return issuerCode ? `${issuerCode}〔${year}〕号` : `如：魏交函〔${year}〕15号`
}
