import { audit } from '../modules/audit/audit.server'
import { db, type Tx } from '../utils/db.server'

/** Who a write is attributed to in the audit log: a signed-in user, or null for the system (jobs). */
export type Who = { userId: string; orgId: string | null } | null

/**
 * What a write sees while its transaction is open. Functions of other modules that must join
 * the same transaction (a deal conversion creating a CRM account, a decision notifying a user)
 * take this as their first argument.
 */
export type Ctx = {
  tx: Tx
  actor: Who
  now: number
  /** One audit row in this transaction, attributed to the actor. */
  audit(entityType: string, entityId: string, action: string, before?: unknown, after?: unknown): void
  /** Runs once the transaction has committed (never after a rollback): e.g. start email delivery. */
  afterCommit(task: () => void): void
}

/**
 * The one way a service verb writes. An immediate transaction (so a read-then-write never meets
 * SQLITE_BUSY half-way), audit rows and notifications inside it, and the after-commit tasks —
 * email delivery — only once it has committed, so a failing SMTP server never rolls back a
 * decision and a rolled-back decision never sends mail.
 *
 * Asynchronous for its callers although better-sqlite3 is synchronous: PostgreSQL, the planned
 * scale-out engine, has an asynchronous driver, and on that day only the kit and the inside of
 * the modules change (docs/decisions/0003-module-boundaries.md). `fn` must not await.
 */
export async function mutate<T>(actor: Who, fn: (ctx: Ctx) => T, opts: { now?: number } = {}): Promise<T> {
  const tasks = new Set<() => void>()
  const now = opts.now ?? Date.now()
  const result = db.transaction(
    (tx) => {
      const ctx: Ctx = {
        tx,
        actor,
        now,
        audit: (entityType, entityId, action, before = null, after = null) => audit(tx, actor, entityType, entityId, action, before, after, now),
        afterCommit: (task) => tasks.add(task),
      }
      const value = fn(ctx)
      if (value instanceof Promise) throw new Error('mutate(): the transaction body must be synchronous')
      return value
    },
    { behavior: 'immediate' },
  )
  for (const task of tasks) task()
  return result
}
