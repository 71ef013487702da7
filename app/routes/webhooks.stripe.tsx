import { json, type ActionFunctionArgs } from '@remix-run/node'
import { handleStripeWebhook } from '../modules/mdf/mdf.server'

/**
 * Stripe's webhook (MDF payouts). No session: the signature is the authentication, verified on the
 * raw body before anything is read. 400 for a forged or stale signature; 200 for anything applied,
 * duplicated or ignored, so Stripe stops retrying.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return json({ error: 'method' }, { status: 405 })
  const length = Number(request.headers.get('content-length') ?? '0')
  if (length > 512 * 1024) return json({ error: 'too large' }, { status: 413 })
  const payload = await request.text()
  const outcome = await handleStripeWebhook(payload, request.headers.get('stripe-signature'))
  return json({ received: outcome.status === 200, result: outcome.message }, { status: outcome.status })
}

export function loader() {
  return json({ error: 'method' }, { status: 405 })
}
