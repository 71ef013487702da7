import { and, desc, eq, sql } from 'drizzle-orm'
import { auditLog } from '../../../db/schema/audit'
import { preparedQuery, type DbOrTx } from '../../utils/db.server'
import { newId } from '../../utils/ids'
import { currentRequestId } from '../../utils/request-context'

type Who = { userId: string; orgId: string | null } | null

/** One audit row per state change, written in the caller's transaction (the kit's mutate() does it), with the id of the request that made it. */
export function audit(tx: DbOrTx, actor: Who, entityType: string, entityId: string, action: string, before: unknown = null, after: unknown = null, at = Date.now()) {
  tx.insert(auditLog)
    .values({ id: newId(), actorId: actor?.userId ?? null, actorOrgId: actor?.orgId ?? null, entityType, entityId, action, before, after, at, requestId: currentRequestId() })
    .run()
}

export type AuditEntry = typeof auditLog.$inferSelect

/** Only the fields that changed, for a compact before → after record. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Partial<T> = {}
  const a: Partial<T> = {}
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (key === 'updatedAt') continue
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key]
      a[key] = after[key] as T[keyof T]
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 }
}

/**
 * The raw rows of one record, newest first. Only historyFor() (history.server.ts) calls this: it
 * authorises the reader and turns each row into a sentence they may read.
 */
export function auditRowsOf(entityType: string, entityId: string, limit = 50): AuditEntry[] {
  return auditRowsQuery().all({ entityType, entityId, limit })
}
// every record page's history: prepared once
const auditRowsQuery = preparedQuery((db) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, sql.placeholder('entityType')), eq(auditLog.entityId, sql.placeholder('entityId'))))
    .orderBy(desc(auditLog.at))
    .limit(sql.placeholder('limit'))
    .prepare(),
)
