import { json } from '@remix-run/node'
import { sql } from 'drizzle-orm'
import { db } from '../utils/db.server'

/** Public on purpose: load balancers ask it. Answers 200 only when the database answers. */
export async function loader() {
  try {
    db.get(sql`SELECT 1`)
    return json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
  } catch {
    return json({ status: 'error' }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
  }
}
