import { json } from '@remix-run/node'
import { liveness } from '../utils/health.server'

/** Public on purpose: load balancers ask it. Answers 200 only when the database answers. */
export async function loader() {
  const { ok } = await liveness()
  return json({ status: ok ? 'ok' : 'error' }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } })
}
