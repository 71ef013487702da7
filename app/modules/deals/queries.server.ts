import { and, asc, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm'
import { dealConflicts, dealExtensions, dealMessages, dealRegistrations } from '../../../db/schema/deals'
import { paginate, scopeToActor } from '../../kit/paginate'
import { db, preparedQuery } from '../../utils/db.server'
import { contains, inJsonList } from '../../utils/sql'
import { assertCan, can, scopeOf, type Actor } from '../auth/actor'
import { opportunityOutcome } from '../crm/crm.server'
import { companyDomain } from '../matching/matching.server'
import { organisationNames, userNames } from '../orgs/orgs.server'
import { conflictVerdict } from './conflicts.server'
import { dealMachine, EDITABLE_STATUSES, type DealEvent, type DealPart, type DealStatus } from './deals.machine'
import { findRegistrationFor, isVendorReader, registrationWaitingSince, submittedRegistrationCount, type DealRegistration } from './internal.server'
import { currentDealRules } from './rules.server'

export const DEAL_SORTS = ['age', 'customer', 'value', 'expiry', 'status'] as const
export type DealSort = (typeof DEAL_SORTS)[number]

export async function listDeals(actor: Actor, opts: { q?: string; status?: DealStatus; partnerOrgId?: string; sort?: DealSort; dir?: 'asc' | 'desc'; page?: number; pageSize?: number } = {}) {
  const tenant = scopeToActor(scopeOf(actor, 'read:deal_registration'), actor)
  const conditions: SQL[] = []
  if (tenant) conditions.push(eq(dealRegistrations.partnerOrgId, tenant.orgId))
  else if (opts.partnerOrgId) conditions.push(eq(dealRegistrations.partnerOrgId, opts.partnerOrgId))
  if (opts.status) conditions.push(eq(dealRegistrations.status, opts.status))
  if (opts.q) conditions.push(sql`(${contains(dealRegistrations.customerName, opts.q)} OR ${contains(dealRegistrations.products, opts.q)})`)
  const where = conditions.length ? and(...conditions) : undefined
  const column = {
    age: registrationWaitingSince,
    customer: dealRegistrations.customerName,
    value: dealRegistrations.valueMinor,
    expiry: dealRegistrations.protectedUntil,
    status: dealRegistrations.status,
  }[opts.sort ?? 'age']
  const page = paginate(opts, {
    rows: (limit, offset) =>
      db
        .select({
          id: dealRegistrations.id,
          customerName: dealRegistrations.customerName,
          status: dealRegistrations.status,
          valueMinor: dealRegistrations.valueMinor,
          currency: dealRegistrations.currency,
          expectedCloseDate: dealRegistrations.expectedCloseDate,
          submittedAt: dealRegistrations.submittedAt,
          createdAt: dealRegistrations.createdAt,
          protectedUntil: dealRegistrations.protectedUntil,
          conflictCount: dealRegistrations.conflictCount,
          flaggedConflict: dealRegistrations.flaggedConflict,
          partnerOrgId: dealRegistrations.partnerOrgId,
          submittedBy: dealRegistrations.submittedBy,
        })
        .from(dealRegistrations)
        .where(where)
        .orderBy(opts.dir === 'asc' ? asc(column) : desc(column), asc(dealRegistrations.id))
        .limit(limit)
        .offset(offset)
        .all(),
    count: () => db.select({ n: count() }).from(dealRegistrations).where(where).get()?.n ?? 0,
  })
  const partners = organisationNames(page.rows.map((r) => r.partnerOrgId))
  const submitters = userNames(page.rows.map((r) => r.submittedBy))
  const vendor = !tenant
  return {
    ...page,
    rows: page.rows.map(({ conflictCount, flaggedConflict, ...r }) => ({
      ...r,
      partnerName: partners.get(r.partnerOrgId)?.name ?? '',
      submittedByName: submitters.get(r.submittedBy) ?? null,
      // partners learn that a check is under review, never how many or with whom
      underReview: conflictCount > 0,
      conflictCount: vendor ? conflictCount : null,
      flaggedConflict: vendor ? flaggedConflict : null,
    })),
  }
}

/** Submitted registrations, oldest first, with their conflicts inline: the manager's queue. */
export async function approvalQueue(actor: Actor, opts: { page?: number } = {}) {
  assertCan(actor, 'approve:deal_registration')
  const list = await listDeals(actor, { status: 'submitted', sort: 'age', dir: 'asc', page: opts.page, pageSize: 20 })
  const ids = list.rows.map((r) => r.id)
  const conflicts = ids.length ? db.select().from(dealConflicts).where(inArray(dealConflicts.registrationId, ids)).orderBy(desc(dealConflicts.score)).all() : []
  const extensions = db
    .select({ id: dealExtensions.id, registrationId: dealExtensions.registrationId, justification: dealExtensions.justification, createdAt: dealExtensions.createdAt, customerName: dealRegistrations.customerName, partnerOrgId: dealRegistrations.partnerOrgId, protectedUntil: dealRegistrations.protectedUntil })
    .from(dealExtensions)
    .innerJoin(dealRegistrations, eq(dealRegistrations.id, dealExtensions.registrationId))
    .where(eq(dealExtensions.status, 'pending'))
    .orderBy(asc(dealExtensions.createdAt))
    .limit(50)
    .all()
  const partners = organisationNames(extensions.map((e) => e.partnerOrgId))
  return {
    ...list,
    rows: list.rows.map((r) => ({ ...r, conflicts: conflicts.filter((c) => c.registrationId === r.id) })),
    pendingExtensions: extensions.map((e) => ({ ...e, partnerName: partners.get(e.partnerOrgId)?.name ?? '' })),
  }
}

/** The parts the actor plays on this registration, for the state machine's allowed actions. */
function partsOf(actor: Actor, reg: DealRegistration): DealPart[] {
  const parts: DealPart[] = []
  if (can(actor, 'register:deal_registration', { orgId: reg.partnerOrgId })) parts.push('partner')
  if (can(actor, 'approve:deal_registration')) parts.push('manager')
  return parts
}

/**
 * One registration as this reader may see it. A partner gets "possible conflict — under review"
 * and links to their own earlier registrations of the same customer, never the vendor's evidence.
 */
export async function getDeal(actor: Actor, id: string) {
  const reg = findRegistrationFor(db, actor, id)
  const vendor = isVendorReader(actor)
  const partner = organisationNames([reg.partnerOrgId]).get(reg.partnerOrgId)
  const stored = dealQueries.conflicts().all({ id })
  // the registering partner's own registrations among the matches are theirs to see, and no conflict
  const matchedRegs = stored.filter((c) => c.matchType === 'registration').map((c) => c.matchId)
  const ownIds = new Set(
    matchedRegs.length
      ? dealQueries.ownAmong().all({ ids: JSON.stringify(matchedRegs), orgId: reg.partnerOrgId }).map((r) => r.id)
      : [],
  )
  const others = stored.filter((c) => !ownIds.has(c.matchId))
  const alreadyRegistered = ownIds.size
    ? dealQueries.named().all({ ids: JSON.stringify([...ownIds]) })
    : []
  const messages = dealQueries.messages().all({ id })
  const extensions = dealQueries.extensions().all({ id })
  const names = userNames([reg.submittedBy, ...messages.map((m) => m.authorId)])
  const rules = currentDealRules()
  const parts = partsOf(actor, reg)
  const events = new Set<DealEvent>(dealMachine.allowed(reg.status, parts))
  const pendingExtension = extensions.some((e) => e.status === 'pending')
  const { conflictCount: _count, flaggedConflict: _flagged, decidedBy: _decidedBy, ...visible } = reg
  return {
    registration: vendor ? reg : { ...visible, conflictCount: null, flaggedConflict: null, decidedBy: null },
    partnerName: partner?.name ?? '',
    partnerTier: partner?.tier ?? null,
    submitterName: names.get(reg.submittedBy) ?? null,
    conflicts: vendor ? stored : [],
    underReview: others.length > 0,
    alreadyRegistered,
    messages: messages.map((m) => ({ id: m.id, kind: m.kind, body: m.body, createdAt: m.createdAt, authorName: names.get(m.authorId) ?? null })),
    extensions: vendor ? extensions : extensions.map((e) => ({ ...e, decidedBy: null })),
    opportunity: reg.opportunityId ? opportunityOutcome(reg.opportunityId, actor.locale) : null,
    rules: { protectionDays: rules.protectionDays, extensionDays: rules.extensionDays, maxExtensions: rules.maxExtensions },
    permissions: {
      edit: parts.includes('partner') && EDITABLE_STATUSES.includes(reg.status),
      submit: events.has('submit'),
      withdraw: events.has('withdraw'),
      answer: events.has('resubmit'),
      requestExtension: reg.status === 'approved' && parts.includes('partner') && reg.extensionsUsed < rules.maxExtensions && !pendingExtension,
      decide: events.has('approve'),
      convert: events.has('convert'),
      decideExtension: parts.includes('manager') && pendingExtension,
    },
  }
}

// a registration's page reads, prepared once (issue 10: drizzle rendered each ~70 µs per request)
const dealQueries = {
  conflicts: preparedQuery((db) => db.select().from(dealConflicts).where(eq(dealConflicts.registrationId, sql.placeholder('id'))).orderBy(desc(dealConflicts.score)).prepare()),
  ownAmong: preparedQuery((db) => db.select({ id: dealRegistrations.id }).from(dealRegistrations).where(and(inJsonList(dealRegistrations.id), eq(dealRegistrations.partnerOrgId, sql.placeholder('orgId')))).prepare()),
  named: preparedQuery((db) => db.select({ id: dealRegistrations.id, customerName: dealRegistrations.customerName, status: dealRegistrations.status }).from(dealRegistrations).where(inJsonList(dealRegistrations.id)).prepare()),
  messages: preparedQuery((db) => db.select().from(dealMessages).where(eq(dealMessages.registrationId, sql.placeholder('id'))).orderBy(asc(dealMessages.createdAt)).prepare()),
  extensions: preparedQuery((db) => db.select().from(dealExtensions).where(eq(dealExtensions.registrationId, sql.placeholder('id'))).orderBy(desc(dealExtensions.createdAt)).prepare()),
  accountMatches: preparedQuery((db) => db.select({ id: dealConflicts.registrationId }).from(dealConflicts).where(and(eq(dealConflicts.matchType, 'account'), eq(dealConflicts.matchId, sql.placeholder('accountId')))).prepare()),
  ofAccount: preparedQuery((db) =>
    db
      .select({ id: dealRegistrations.id, customerName: dealRegistrations.customerName, status: dealRegistrations.status, partnerOrgId: dealRegistrations.partnerOrgId, valueMinor: dealRegistrations.valueMinor, currency: dealRegistrations.currency, protectedUntil: dealRegistrations.protectedUntil })
      .from(dealRegistrations)
      .where(or(eq(dealRegistrations.accountId, sql.placeholder('accountId')), inJsonList(dealRegistrations.id)))
      .orderBy(desc(dealRegistrations.createdAt))
      .limit(50)
      .prepare(),
  ),
}

/** Registrations tied to an account: converted onto it, or matched to it by the conflict check (vendor staff). */
export async function registrationsForAccount(actor: Actor, accountId: string) {
  if (scopeOf(actor, 'read:deal_registration') !== 'any') return []
  const matched = dealQueries.accountMatches().all({ accountId })
  const ids = [...new Set(matched.map((m) => m.id))]
  const rows = dealQueries.ofAccount().all({ accountId, ids: JSON.stringify(ids.slice(0, 500)) })
  const partners = organisationNames(rows.map((r) => r.partnerOrgId))
  return rows.map((r) => ({ ...r, partnerName: partners.get(r.partnerOrgId)?.name ?? '' }))
}

/**
 * The live check behind the registration form: conflictVerdict(), the same function the submission
 * runs. Vendor staff get every match with reasons; a partner learns only whether they registered
 * this customer already (their own records, with links) and whether a possible conflict exists.
 */
export async function checkConflicts(actor: Actor, candidate: { name: string; website?: string | null; npwp?: string | null }, excludeId?: string) {
  assertCan(actor, 'read:deal_registration')
  const empty = { possibleConflict: false, matches: [] as ReturnType<typeof conflictVerdict>['others'], alreadyRegistered: [] as { id: string; customerName: string }[] }
  if (candidate.name.trim().length < 2) return empty
  const vendor = isVendorReader(actor)
  const record = { name: candidate.name, domain: companyDomain(candidate.website), npwp: candidate.npwp }
  // a partner may leave out the registration they are editing, never probe someone else's id
  const exclude = excludeId && (vendor || db.select({ id: dealRegistrations.id }).from(dealRegistrations).where(and(eq(dealRegistrations.id, excludeId), eq(dealRegistrations.partnerOrgId, actor.orgId))).get()) ? excludeId : undefined
  const { own, others } = conflictVerdict(record, vendor ? null : actor.orgId, exclude)
  if (vendor) return { ...empty, possibleConflict: others.length > 0, matches: others }
  return { ...empty, possibleConflict: others.length > 0, alreadyRegistered: own.map((m) => ({ id: m.id, customerName: m.label })) }
}

export async function pendingApprovalCount(actor: Actor): Promise<number> {
  if (!can(actor, 'approve:deal_registration')) return 0
  return submittedRegistrationCount()
}

/** The partner home's count: their organisation's registrations still in play. */
export async function openRegistrationCount(actor: Actor): Promise<number> {
  if (!can(actor, 'register:deal_registration', { orgId: actor.orgId })) return 0
  return openCountQuery().get({ orgId: actor.orgId })?.n ?? 0
}
const openCountQuery = preparedQuery((db) =>
  db
    .select({ n: count() })
    .from(dealRegistrations)
    .where(and(eq(dealRegistrations.partnerOrgId, sql.placeholder('orgId')), inArray(dealRegistrations.status, ['draft', 'submitted', 'returned', 'approved'])))
    .prepare(),
)

/** Registrations of a partner approved in [fromMs, toMs) (still approved, or since converted or expired): business plans' actuals. */
export async function registrationsApproved(partnerOrgId: string, fromMs: number, toMs: number): Promise<number> {
  return approvedCountQuery().get({ partnerOrgId, fromMs, toMs })?.n ?? 0
}
const approvedCountQuery = preparedQuery((db) =>
  db
    .select({ n: count() })
    .from(dealRegistrations)
    .where(and(eq(dealRegistrations.partnerOrgId, sql.placeholder('partnerOrgId')), inArray(dealRegistrations.status, ['approved', 'converted', 'expired']), gte(dealRegistrations.decidedAt, sql.placeholder('fromMs')), lt(dealRegistrations.decidedAt, sql.placeholder('toMs'))))
    .prepare(),
)

/** Approved registrations whose protection ends within `withinMs`: the vendor dashboard's "needs attention". */
export async function expiringRegistrations(actor: Actor, withinMs: number, now = Date.now(), limit = 10) {
  assertCan(actor, 'approve:deal_registration')
  const span = { from: now, to: now + withinMs }
  const rows = expiringQuery().all({ ...span, limit })
  const total = expiringCountQuery().get(span)?.n ?? 0
  const partners = organisationNames(rows.map((r) => r.partnerOrgId))
  return { total, rows: rows.map((r) => ({ ...r, partnerName: partners.get(r.partnerOrgId)?.name ?? '' })) }
}

const expiring = and(eq(dealRegistrations.status, 'approved'), gte(dealRegistrations.protectedUntil, sql.placeholder('from')), lt(dealRegistrations.protectedUntil, sql.placeholder('to')))
const expiringQuery = preparedQuery((db) =>
  db
    .select({ id: dealRegistrations.id, customerName: dealRegistrations.customerName, partnerOrgId: dealRegistrations.partnerOrgId, protectedUntil: dealRegistrations.protectedUntil })
    .from(dealRegistrations)
    .where(expiring)
    .orderBy(asc(dealRegistrations.protectedUntil))
    .limit(sql.placeholder('limit'))
    .prepare(),
)
const expiringCountQuery = preparedQuery((db) => db.select({ n: count() }).from(dealRegistrations).where(expiring).prepare())

/** Per partner: registrations in total, open ones and approved ones (partners list, 360°). Vendor staff. */
export async function registrationCountsByPartner(actor: Actor, partnerOrgIds: string[]) {
  assertCan(actor, 'approve:deal_registration')
  const out = new Map<string, { total: number; open: number; approved: number }>()
  if (!partnerOrgIds.length) return out
  const rows = db
    .select({ partnerOrgId: dealRegistrations.partnerOrgId, status: dealRegistrations.status, n: count() })
    .from(dealRegistrations)
    .where(inArray(dealRegistrations.partnerOrgId, partnerOrgIds.slice(0, 500)))
    .groupBy(dealRegistrations.partnerOrgId, dealRegistrations.status)
    .all()
  for (const r of rows) {
    const o = out.get(r.partnerOrgId) ?? { total: 0, open: 0, approved: 0 }
    o.total += r.n
    if (['submitted', 'returned', 'approved'].includes(r.status)) o.open += r.n
    if (['approved', 'converted'].includes(r.status)) o.approved += r.n
    out.set(r.partnerOrgId, o)
  }
  return out
}
