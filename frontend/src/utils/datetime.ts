/** API timestamps (UTC, sometimes without a zone) as people read them: 2024年5月6日 09:30. */
import { formatTimestamp, parseTimestamp } from '@/features/items/timeline'

export function formatDateTime(at: string | null | undefined): string {
  if (!at) return ''
  const d = parseTimestamp(at)
  return Number.isNaN(d.getTime()) ? at : formatTimestamp(d)
}
