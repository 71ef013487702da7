import { rawSqlite } from '../utils/db.server'

/** Liveness: the process answers and its database answers a trivial query. */
export async function health(): Promise<{ ok: boolean }> {
  try {
    rawSqlite().prepare('SELECT 1').get()
    return { ok: true }
  } catch {
    return { ok: false }
  }
}
