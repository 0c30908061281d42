/**
 * Webhook 订阅 (the office administrator): the county OA is told of events (交办, 逾期, 答复 …) by
 * signed POSTs; each delivery is logged, retried with back-off, and can be sent again by hand.
 */
import { api, type BodyJson, type OkJson, unwrap } from '@/api/client'

export type Subscription = OkJson<'/api/v1/webhooks', 'get'>[number]
export type SubscriptionCreate = BodyJson<'/api/v1/webhooks', 'post'>
export type SubscriptionCreated = OkJson<'/api/v1/webhooks', 'post'>
export type Delivery = OkJson<'/api/v1/webhooks/{subscription_id}/deliveries', 'get'>[number]
export type DeliveryStatus = Delivery['status']

export function fetchEventTypes(): Promise<Record<string, string>> {
  return unwrap(api.GET('/api/v1/webhooks/event-types'))
}

export function fetchSubscriptions(): Promise<Subscription[]> {
  return unwrap(api.GET('/api/v1/webhooks'))
}

/** The answer carries the signing secret, shown once. */
export function createSubscription(body: SubscriptionCreate): Promise<SubscriptionCreated> {
  return unwrap(api.POST('/api/v1/webhooks', { body }))
}

/** Stops a subscription (kept, inactive, with its delivery log). */
export async function deactivateSubscription(id: number): Promise<void> {
  await unwrap(api.DELETE('/api/v1/webhooks/{subscription_id}', { params: { path: { subscription_id: id } } }))
}

export function fetchDeliveries(id: number, status?: DeliveryStatus): Promise<Delivery[]> {
  return unwrap(
    api.GET('/api/v1/webhooks/{subscription_id}/deliveries', {
      params: { path: { subscription_id: id }, query: { status } },
    }),
  )
}

export function redeliver(deliveryId: number): Promise<Delivery> {
  return unwrap(
    api.POST('/api/v1/webhooks/deliveries/{delivery_id}/redeliver', {
      params: { path: { delivery_id: deliveryId } },
    }),
  )
}
