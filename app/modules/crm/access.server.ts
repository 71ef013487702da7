import { assertCan, type Actor } from '../auth/actor'

// Core CRM records belong to the vendor: only vendor staff with read:crm see them, and anyone
// else lacks the capability (403) rather than meeting a row of someone else's (404).
export function assertCrmRead(actor: Actor) {
  assertCan(actor, 'read:crm')
}
export function assertCrmWrite(actor: Actor) {
  assertCan(actor, 'write:crm')
}

/** Adds display names from another module's directory to rows that carry the ids. */
export function withNames<R, K extends string>(rows: R[], key: (r: R) => string | null | undefined, names: Map<string, string>, as: K): (R & Record<K, string | null>)[] {
  return rows.map((r) => ({ ...r, [as]: names.get(key(r) ?? '') ?? null }) as R & Record<K, string | null>)
}
