import { and, desc, eq, gte, inArray, lte, asc, sql } from 'drizzle-orm'
import { dealMessages, dealRegistrations } from '../../../db/schema/deals'
import { DAY_MS } from '../../utils/dates'
import { preparedQuery } from '../../utils/db.server'
import { inJsonList } from '../../utils/sql'
import { can, type Actor } from '../auth/actor'
import { REMINDER_DAYS } from './jobs.server'

const SHOWN = 5
/** a decision stays "recent" on the home page for this long */
const RECENT_DAYS = 30

const own = eq(dealRegistrations.partnerOrgId, sql.placeholder('orgId'))
const cols = { id: dealRegistrations.id, customerName: dealRegistrations.customerName, valueMinor: dealRegistrations.valueMinor, currency: dealRegistrations.currency }
// built once (issue 10: building these four on every partner home cost more than running them)
const returnedQuery = preparedQuery((db) =>
  db
    .select({ ...cols, returnedAt: dealRegistrations.decidedAt })
    .from(dealRegistrations)
    .where(and(own, eq(dealRegistrations.status, 'returned')))
    .orderBy(asc(dealRegistrations.decidedAt))
    .limit(SHOWN)
    .prepare(),
)
const draftsQuery = preparedQuery((db) =>
  db
    .select({ ...cols, updatedAt: dealRegistrations.updatedAt })
    .from(dealRegistrations)
    .where(and(own, eq(dealRegistrations.status, 'draft')))
    .orderBy(desc(dealRegistrations.updatedAt))
    .limit(SHOWN)
    .prepare(),
)
const expiringQuery = preparedQuery((db) =>
  db
    .select({ ...cols, protectedUntil: dealRegistrations.protectedUntil })
    .from(dealRegistrations)
    .where(and(own, eq(dealRegistrations.status, 'approved'), lte(dealRegistrations.protectedUntil, sql.placeholder('until'))))
    .orderBy(asc(dealRegistrations.protectedUntil))
    .limit(SHOWN)
    .prepare(),
)
const decidedQuery = preparedQuery((db) =>
  db
    .select({ ...cols, status: dealRegistrations.status, decidedAt: dealRegistrations.decidedAt, rejectionReason: dealRegistrations.rejectionReason, protectedUntil: dealRegistrations.protectedUntil })
    .from(dealRegistrations)
    .where(and(own, inArray(dealRegistrations.status, ['approved', 'rejected', 'converted']), gte(dealRegistrations.decidedAt, sql.placeholder('since'))))
    .orderBy(desc(dealRegistrations.decidedAt))
    .limit(SHOWN)
    .prepare(),
)

/**
 * What a partner should do next, for their home page: registrations returned with a question
 * (the question itself, so they can answer from there), drafts never submitted, protections that
 * end within the first reminder window, and the vendor's recent decisions with their reasons.
 * Scoped to the actor's own organisation; nothing a partner may not read (no conflict evidence,
 * no decider names).
 */
// the manager's questions on the returned registrations, newest first
const questionsQuery = preparedQuery((db) =>
  db
    .select({ registrationId: dealMessages.registrationId, body: dealMessages.body, createdAt: dealMessages.createdAt })
    .from(dealMessages)
    .where(and(inJsonList(dealMessages.registrationId), eq(dealMessages.kind, 'question')))
    .orderBy(desc(dealMessages.createdAt))
    .prepare(),
)

export async function partnerNextActions(actor: Actor, now = Date.now()) {
  if (!can(actor, 'register:deal_registration', { orgId: actor.orgId })) return null
  const orgId = actor.orgId
  const returned = returnedQuery().all({ orgId })
  const questions = returned.length ? questionsQuery().all({ ids: JSON.stringify(returned.map((r) => r.id)) }) : []
  const needsAnswer = returned.map((r) => ({ ...r, question: questions.find((q) => q.registrationId === r.id)?.body ?? null }))
  const drafts = draftsQuery().all({ orgId })
  const expiring = expiringQuery().all({ orgId, until: now + REMINDER_DAYS[0] * DAY_MS })
  const decided = decidedQuery().all({ orgId, since: now - RECENT_DAYS * DAY_MS })

  return { needsAnswer, drafts, expiring, recentDecisions: decided, now }
}
