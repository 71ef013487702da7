import { and, count, eq, sql } from 'drizzle-orm'
import { dealRegistrations } from '../../../db/schema/deals'
import type { Ctx } from '../../kit/mutate.server'
import { preparedQuery, readVia, type DbOrTx } from '../../utils/db.server'
import { NotFound } from '../../utils/errors'
import { assertCan, scopeOf, type Actor } from '../auth/actor'
import { notify } from '../notify/notify.server'
import { usersHolding } from '../orgs/orgs.server'

// Helpers shared by the deals module's own files; not part of its public verbs.

export type DealRegistration = typeof dealRegistrations.$inferSelect

/** A registration the actor may see: their own organisation's, or any for vendor staff. Else NotFound. */
export function findRegistrationFor(tx: DbOrTx, actor: Actor, id: string): DealRegistration {
  const row = readVia(tx, () => registrationQuery().get({ id }), (t) => t.select().from(dealRegistrations).where(eq(dealRegistrations.id, id)).get())
  if (!row) throw new NotFound()
  assertCan(actor, 'read:deal_registration', { orgId: row.partnerOrgId })
  return row
}

const registrationQuery = preparedQuery((db) => db.select().from(dealRegistrations).where(eq(dealRegistrations.id, sql.placeholder('id'))).prepare())

/** Since when a registration waits for a decision: its (re)submission, else its creation. */
export const registrationWaitingSince = sql<number>`coalesce(${dealRegistrations.submittedAt}, ${dealRegistrations.createdAt})`

/** Submitted registrations, of one partner and/or waiting since before a moment (the overdue count). */
export function submittedRegistrationCount(orgId?: string, waitingBefore = Number.MAX_SAFE_INTEGER): number {
  return (orgId ? submittedOfOrgCountQuery().get({ orgId, waitingBefore }) : submittedCountQuery().get({ waitingBefore }))?.n ?? 0
}
const submittedCountQuery = preparedQuery((db) => db.select({ n: count() }).from(dealRegistrations).where(and(eq(dealRegistrations.status, 'submitted'), sql`${registrationWaitingSince} < ${sql.placeholder('waitingBefore')}`)).prepare())
const submittedOfOrgCountQuery = preparedQuery((db) =>
  db.select({ n: count() }).from(dealRegistrations).where(and(eq(dealRegistrations.status, 'submitted'), eq(dealRegistrations.partnerOrgId, sql.placeholder('orgId')), sql`${registrationWaitingSince} < ${sql.placeholder('waitingBefore')}`)).prepare(),
)

/** Vendor staff see every registration with its conflicts; a partner sees their own, redacted. */
export function isVendorReader(actor: Actor) {
  return scopeOf(actor, 'read:deal_registration') === 'any'
}

export function dealLink(id: string) {
  return `/deals/${id}`
}

/** Everyone who decides registrations: "users holding approve:deal_registration:any". */
export function notifyApprovers(ctx: Ctx, kind: string, params: Record<string, string | number>, link: string) {
  for (const userId of usersHolding('approve:deal_registration:any')) notify(ctx, userId, kind, params, link)
}

/** A registration the partner organisation acts on (edit, submit, answer, withdraw, extend): theirs, else NotFound. */
export function registrationOfPartner(tx: DbOrTx, actor: Actor, id: string): DealRegistration {
  const reg = findRegistrationFor(tx, actor, id)
  assertCan(actor, 'register:deal_registration', { orgId: reg.partnerOrgId })
  return reg
}
