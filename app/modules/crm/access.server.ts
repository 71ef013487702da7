import { assertCan, type Actor } from '../auth/actor'

// Core CRM records belong to the vendor: only vendor staff with read:crm see them.
const VENDOR_RECORD = { orgId: null }

/** Lists and forms: a partner or supplier lacks the capability (403). */
export function assertCrmRead(actor: Actor) {
  assertCan(actor, 'read:crm')
}
/** One record by id: to anyone outside the vendor it does not exist (404). */
export function assertCrmRecord(actor: Actor) {
  assertCan(actor, 'read:crm', VENDOR_RECORD)
}
/** Writing: a record's id is first a record the actor must be able to see (404), then a right they must hold (403). */
export function assertCrmWrite(actor: Actor, aboutRecord = false) {
  if (aboutRecord) assertCrmRecord(actor)
  assertCan(actor, 'write:crm')
}

/** Adds display names from another module's directory to rows that carry the ids. */
export function withNames<R, K extends string>(rows: R[], key: (r: R) => string | null | undefined, names: Map<string, string>, as: K): (R & Record<K, string | null>)[] {
  return rows.map((r) => ({ ...r, [as]: names.get(key(r) ?? '') ?? null }) as R & Record<K, string | null>)
}
