/** Event types and delivery states in words, and the event choice of a subscription. */
import type { DeliveryStatus } from './api'

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: '待投递',
  delivered: '已送达',
  dead: '投递失败',
}

export const DELIVERY_STATUS_TAGS: Record<DeliveryStatus, 'warning' | 'success' | 'danger'> = {
  pending: 'warning',
  delivered: 'success',
  dead: 'danger',
}

/** `*` (every event) or the chosen ones, in the API's order; never both. */
export function chosenEvents(all: boolean, chosen: readonly string[], known: readonly string[]): string[] {
  if (all) return ['*']
  return known.filter((t) => chosen.includes(t))
}

/** The names of a subscription's events: 全部事件, or 交办、逾期 (unknown codes as they are). */
export function eventNames(types: readonly string[], labels: Record<string, string>): string {
  if (types.includes('*')) return '全部事件'
  return types.map((t) => labels[t] ?? t).join('、')
}
