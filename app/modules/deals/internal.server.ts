import { eq, sql } from 'drizzle-orm'
import { dealRegistrations } from '../../../db/schema/deals'
import type { Ctx } from '../../kit/mutate.server'
import { db, preparedQuery, type DbOrTx } from '../../utils/db.server'
import { NotFound } from '../../utils/errors'
import { assertCan, scopeOf, type Actor } from '../auth/actor'
import { notify } from '../notify/notify.server'
import { usersHolding } from '../orgs/orgs.server'

// Helpers shared by the deals module's own files; not part of its public verbs.

export type DealRegistration = typeof dealRegistrations.$inferSelect

/** A registration the actor may see: their own organisation's, or any for vendor staff. Else NotFound. */
export function findRegistrationFor(tx: DbOrTx, actor: Actor, id: string): DealRegistration {
  // outside a transaction (every deal page): prepared once
  const row = tx === db ? registrationQuery().get({ id }) : tx.select().from(dealRegistrations).where(eq(dealRegistrations.id, id)).get()
  if (!row) throw new NotFound()
  assertCan(actor, 'read:deal_registration', { orgId: row.partnerOrgId })
  return row
}

const registrationQuery = preparedQuery((db) => db.select().from(dealRegistrations).where(eq(dealRegistrations.id, sql.placeholder('id'))).prepare())

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
