import { and, asc, count, desc, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import { dealConflicts, dealExtensions, dealMessages, dealRegistrations, dealRules, memberships, opportunities, organisations, pipelineStages, users } from '../../../db/schema'
import { DAY_MS, formatLongDate } from '../../utils/dates'
import { db, type DbOrTx, type Tx } from '../../utils/db.server'
import { InvalidTransition, NotFound, ValidationFailed } from '../../utils/errors'
import { newId } from '../../utils/ids'
import { isCurrencyCode, parseAmountToMinor } from '../../utils/money'
import { contains } from '../../utils/sql'
import { audit, historyOf } from '../audit/audit.server'
import { assertCan, can, scopeOf, type Actor } from '../auth/actor'
import { createAccountFromRegistration, createPartnerOpportunity } from '../crm/crm.server'
import { kickEmailDelivery, notify } from '../notify/notify.server'
import { closeRegistrationKeys, findDealConflicts, indexRegistrationKeys, type ConflictMatch } from './conflicts.server'
import { EDITABLE_STATUSES, IllegalDealTransition, nextStatus, type DealEvent, type DealStatus } from './deals.machine'
import type { DealFormInput, DealRulesInput } from './deals.schema'
import { companyDomain } from '../matching/matching.server'

export type DealRegistration = typeof dealRegistrations.$inferSelect
export type DealRules = typeof dealRules.$inferSelect

const RULES_ID = 'default'
export const REMINDER_DAYS = [14, 7, 1] as const

const DEFAULT_RULES_TEXT = {
  en: 'Register a deal before you quote. An approved registration protects you for the protection period; a registration for a customer the vendor or another partner is already working with may be declined. Keep customer data confidential and use it only for this opportunity.',
  id: 'Daftarkan deal sebelum Anda memberi penawaran. Registrasi yang disetujui melindungi Anda selama masa perlindungan; registrasi untuk pelanggan yang sudah ditangani vendor atau mitra lain dapat ditolak. Jaga kerahasiaan data pelanggan dan gunakan hanya untuk peluang ini.',
}

// ---- rules of engagement -------------------------------------------------------------

export function getDealRules(tx: DbOrTx = db): DealRules {
  const row = tx.select().from(dealRules).where(eq(dealRules.id, RULES_ID)).get()
  if (row) return row
  return { id: RULES_ID, protectionDays: 90, extensionDays: 30, maxExtensions: 2, autoFlagApprovedMatch: true, rulesTextId: DEFAULT_RULES_TEXT.id, rulesTextEn: DEFAULT_RULES_TEXT.en, updatedAt: 0, updatedBy: null }
}

export function updateDealRules(actor: Actor, input: DealRulesInput, now = Date.now()) {
  assertCan(actor, 'manage:settings')
  db.transaction((tx) => {
    const before = getDealRules(tx)
    const next = { ...input, updatedAt: now, updatedBy: actor.userId }
    tx.insert(dealRules).values({ id: RULES_ID, ...next }).onConflictDoUpdate({ target: dealRules.id, set: next }).run()
    audit(tx, actor, 'deal_rules', RULES_ID, 'updated', before, next)
  })
}

// ---- reading ---------------------------------------------------------------------------

/** A registration the actor may see: their own organisation's, or any for vendor staff. Else NotFound. */
function findRegistrationFor(tx: DbOrTx, actor: Actor, id: string): DealRegistration {
  const row = tx.select().from(dealRegistrations).where(eq(dealRegistrations.id, id)).get()
  if (!row) throw new NotFound()
  assertCan(actor, 'read:deal', { orgId: row.partnerOrgId })
  return row
}

export const DEAL_SORTS = ['age', 'customer', 'value', 'expiry', 'status'] as const
export type DealSort = (typeof DEAL_SORTS)[number]

export function listDeals(actor: Actor, opts: { q?: string; status?: DealStatus; partnerOrgId?: string; sort?: DealSort; dir?: 'asc' | 'desc'; page?: number; pageSize?: number } = {}) {
  assertCan(actor, 'read:deal')
  const page = Math.max(1, opts.page ?? 1)
  const pageSize = opts.pageSize ?? 25
  const conditions: SQL[] = []
  if (scopeOf(actor, 'read:deal') !== 'any') conditions.push(eq(dealRegistrations.partnerOrgId, actor.orgId))
  else if (opts.partnerOrgId) conditions.push(eq(dealRegistrations.partnerOrgId, opts.partnerOrgId))
  if (opts.status) conditions.push(eq(dealRegistrations.status, opts.status))
  if (opts.q) conditions.push(sql`(${contains(dealRegistrations.customerName, opts.q)} OR ${contains(dealRegistrations.products, opts.q)})`)
  const where = conditions.length ? and(...conditions) : undefined
  const column = {
    age: sql`coalesce(${dealRegistrations.submittedAt}, ${dealRegistrations.createdAt})`,
    customer: dealRegistrations.customerName,
    value: dealRegistrations.valueMinor,
    expiry: dealRegistrations.protectedUntil,
    status: dealRegistrations.status,
  }[opts.sort ?? 'age']
  const rows = db
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
      partnerName: organisations.name,
      submittedByName: users.name,
    })
    .from(dealRegistrations)
    .innerJoin(organisations, eq(organisations.id, dealRegistrations.partnerOrgId))
    .innerJoin(users, eq(users.id, dealRegistrations.submittedBy))
    .where(where)
    .orderBy(opts.dir === 'asc' ? asc(column) : desc(column), asc(dealRegistrations.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all()
  const total = db.select({ n: count() }).from(dealRegistrations).where(where).get()?.n ?? 0
  const partner = scopeOf(actor, 'read:deal') !== 'any'
  // partners see that a check is under review, never how many or with whom
  return { rows: rows.map((r) => (partner ? { ...r, conflictCount: r.conflictCount > 0 ? 1 : 0, flaggedConflict: false } : r)), total, page, pageSize }
}

/** Submitted registrations, oldest first, with their conflicts inline: the manager's queue. */
export function approvalQueue(actor: Actor, opts: { page?: number } = {}) {
  assertCan(actor, 'approve:deal')
  const list = listDeals(actor, { status: 'submitted', sort: 'age', dir: 'asc', page: opts.page, pageSize: 20 })
  const ids = list.rows.map((r) => r.id)
  const conflicts = ids.length ? db.select().from(dealConflicts).where(inArray(dealConflicts.registrationId, ids)).orderBy(desc(dealConflicts.score)).all() : []
  const pendingExtensions = db
    .select({ id: dealExtensions.id, registrationId: dealExtensions.registrationId, justification: dealExtensions.justification, createdAt: dealExtensions.createdAt, customerName: dealRegistrations.customerName, partnerName: organisations.name, protectedUntil: dealRegistrations.protectedUntil })
    .from(dealExtensions)
    .innerJoin(dealRegistrations, eq(dealRegistrations.id, dealExtensions.registrationId))
    .innerJoin(organisations, eq(organisations.id, dealRegistrations.partnerOrgId))
    .where(eq(dealExtensions.status, 'pending'))
    .orderBy(asc(dealExtensions.createdAt))
    .limit(50)
    .all()
  return { ...list, rows: list.rows.map((r) => ({ ...r, conflicts: conflicts.filter((c) => c.registrationId === r.id) })), pendingExtensions }
}

export function getDeal(actor: Actor, id: string) {
  const reg = findRegistrationFor(db, actor, id)
  const isVendor = scopeOf(actor, 'read:deal') === 'any'
  const partner = db.select({ name: organisations.name, tier: organisations.tier }).from(organisations).where(eq(organisations.id, reg.partnerOrgId)).get()!
  const submitter = db.select({ name: users.name }).from(users).where(eq(users.id, reg.submittedBy)).get()
  const conflicts = db.select().from(dealConflicts).where(eq(dealConflicts.registrationId, id)).orderBy(desc(dealConflicts.score)).all()
  const messages = db
    .select({ id: dealMessages.id, kind: dealMessages.kind, body: dealMessages.body, createdAt: dealMessages.createdAt, authorName: users.name })
    .from(dealMessages)
    .innerJoin(users, eq(users.id, dealMessages.authorId))
    .where(eq(dealMessages.registrationId, id))
    .orderBy(asc(dealMessages.createdAt))
    .all()
  const extensions = db.select().from(dealExtensions).where(eq(dealExtensions.registrationId, id)).orderBy(desc(dealExtensions.createdAt)).all()
  // the partner sees the opportunity's stage and outcome, not the vendor's notes or owner
  const opportunity = reg.opportunityId
    ? db
        .select({ id: opportunities.id, name: opportunities.name, stageName: pipelineStages.name, isClosed: pipelineStages.isClosed, isWon: pipelineStages.isWon, amountMinor: opportunities.amountMinor, currency: opportunities.currency })
        .from(opportunities)
        .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
        .where(eq(opportunities.id, reg.opportunityId))
        .get()
    : undefined
  const rules = getDealRules()
  return {
    registration: isVendor ? reg : { ...reg, flaggedConflict: false, conflictCount: reg.conflictCount > 0 ? 1 : 0 },
    partnerName: partner.name,
    partnerTier: partner.tier,
    submitterName: submitter?.name ?? null,
    conflicts: isVendor ? conflicts : [],
    underReview: conflicts.length > 0,
    messages,
    extensions: isVendor ? extensions : extensions.map((e) => ({ ...e, decidedBy: null })),
    opportunity: opportunity ? { ...opportunity, outcome: opportunity.isWon ? ('won' as const) : opportunity.isClosed ? ('lost' as const) : ('open' as const) } : null,
    history: historyOf('deal_registration', id, 50),
    rules: { protectionDays: rules.protectionDays, extensionDays: rules.extensionDays, maxExtensions: rules.maxExtensions },
    permissions: {
      edit: can(actor, 'register:deal', { orgId: reg.partnerOrgId }) && EDITABLE_STATUSES.includes(reg.status),
      withdraw: can(actor, 'register:deal', { orgId: reg.partnerOrgId }) && ['draft', 'submitted', 'returned', 'approved'].includes(reg.status),
      answer: can(actor, 'register:deal', { orgId: reg.partnerOrgId }) && reg.status === 'returned',
      requestExtension:
        can(actor, 'register:deal', { orgId: reg.partnerOrgId }) &&
        reg.status === 'approved' &&
        reg.extensionsUsed < rules.maxExtensions &&
        !extensions.some((e) => e.status === 'pending'),
      decide: can(actor, 'approve:deal') && reg.status === 'submitted',
      convert: can(actor, 'approve:deal') && reg.status === 'approved',
      decideExtension: can(actor, 'approve:deal') && extensions.some((e) => e.status === 'pending'),
    },
  }
}

/** Registrations tied to an account: converted onto it, or matched to it by the conflict check. */
export function registrationsForAccount(actor: Actor, accountId: string) {
  if (!can(actor, 'read:deal') || scopeOf(actor, 'read:deal') !== 'any') return []
  const matched = db.select({ id: dealConflicts.registrationId }).from(dealConflicts).where(and(eq(dealConflicts.matchType, 'account'), eq(dealConflicts.matchId, accountId))).all()
  const ids = [...new Set(matched.map((m) => m.id))]
  return db
    .select({ id: dealRegistrations.id, customerName: dealRegistrations.customerName, status: dealRegistrations.status, partnerName: organisations.name, valueMinor: dealRegistrations.valueMinor, currency: dealRegistrations.currency, protectedUntil: dealRegistrations.protectedUntil })
    .from(dealRegistrations)
    .innerJoin(organisations, eq(organisations.id, dealRegistrations.partnerOrgId))
    .where(ids.length ? or(eq(dealRegistrations.accountId, accountId), inArray(dealRegistrations.id, ids)) : eq(dealRegistrations.accountId, accountId))
    .orderBy(desc(dealRegistrations.createdAt))
    .limit(50)
    .all()
}

/**
 * The live check behind the registration form. Vendor staff get every match with reasons;
 * a partner learns only that a possible conflict exists, never whose.
 */
export function checkConflicts(actor: Actor, candidate: { name: string; website?: string | null; npwp?: string | null }, excludeId?: string) {
  assertCan(actor, 'read:deal')
  if (candidate.name.trim().length < 2) return { possibleConflict: false, matches: [] as ConflictMatch[] }
  const vendor = scopeOf(actor, 'read:deal') === 'any'
  // a partner's own registrations never count against them, so they need no exclusion (and may not probe ids)
  const matches = findDealConflicts({ name: candidate.name, domain: companyDomain(candidate.website), npwp: candidate.npwp }, vendor ? excludeId : undefined)
  const visible = matches.filter((m) => !(m.type === 'registration' && m.partnerOrgId === actor.orgId))
  if (vendor) return { possibleConflict: matches.length > 0, matches }
  return { possibleConflict: visible.length > 0, matches: [] as ConflictMatch[] }
}

// ---- writing ---------------------------------------------------------------------------

function transition(reg: DealRegistration, event: DealEvent): DealStatus {
  try {
    return nextStatus(reg.status, event)
  } catch (error) {
    if (error instanceof IllegalDealTransition) throw new InvalidTransition(reg.status, event)
    throw error
  }
}

function valuesFromForm(input: DealFormInput) {
  if (!isCurrencyCode(input.currency)) throw new ValidationFailed('currency', 'errors.currency')
  const valueMinor = parseAmountToMinor(input.value, input.currency)
  if (valueMinor === null || valueMinor <= 0) throw new ValidationFailed('value', 'errors.amount')
  return {
    customerName: input.customerName,
    customerWebsite: input.customerWebsite,
    // the website, else the contact's email domain (free-mail never counts)
    customerDomain: companyDomain(input.customerWebsite) ?? companyDomain(input.contactEmail),
    customerNpwp: input.customerNpwp,
    customerCity: input.customerCity,
    customerRegion: input.customerRegion,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
    products: input.products,
    valueMinor,
    currency: input.currency,
    expectedCloseDate: input.expectedCloseDate,
    competitors: input.competitors,
    notes: input.notes,
  }
}

function managersToNotify(tx: DbOrTx): string[] {
  const rows = tx
    .select({ id: users.id, role: memberships.role })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(inArray(memberships.role, ['partner_manager', 'admin']), eq(users.status, 'active')))
    .all()
  const managers = rows.filter((r) => r.role === 'partner_manager')
  return (managers.length ? managers : rows).map((r) => r.id)
}

function dealLink(id: string) {
  return `/deals/${id}`
}

/** Runs the conflict check and records its findings on the registration (inside the caller's transaction). */
function recordConflicts(tx: Tx, reg: DealRegistration, now: number) {
  const matches = findDealConflicts({ name: reg.customerName, domain: reg.customerDomain, npwp: reg.customerNpwp }, reg.id).filter(
    (m) => !(m.type === 'registration' && m.partnerOrgId === reg.partnerOrgId && m.id === reg.id),
  )
  tx.delete(dealConflicts).where(eq(dealConflicts.registrationId, reg.id)).run()
  if (matches.length) {
    tx.insert(dealConflicts)
      .values(matches.slice(0, 50).map((m) => ({ id: newId(), registrationId: reg.id, matchType: m.type, matchId: m.id, matchLabel: m.type === 'registration' ? `${m.label} — ${m.partnerName ?? ''}` : m.label, score: m.score, reasons: m.reasons, createdAt: now })))
      .run()
  }
  const rules = getDealRules(tx)
  const flagged = rules.autoFlagApprovedMatch && matches.some((m) => (m.type === 'registration' && m.status === 'approved') || m.type === 'opportunity')
  return { count: matches.length, flagged }
}

function submitInTx(tx: Tx, actor: Actor, reg: DealRegistration, event: 'submit' | 'resubmit', now: number) {
  const status = transition(reg, event)
  const open = { ...reg, status }
  indexRegistrationKeys(tx, reg.id, { name: reg.customerName, domain: reg.customerDomain, npwp: reg.customerNpwp })
  const { count: conflictCount, flagged } = recordConflicts(tx, open, now)
  tx.update(dealRegistrations)
    .set({ status, submittedAt: now, submissionCount: reg.submissionCount + 1, conflictCount, flaggedConflict: flagged, updatedAt: now })
    .where(eq(dealRegistrations.id, reg.id))
    .run()
  audit(tx, actor, 'deal_registration', reg.id, event === 'submit' ? 'submitted' : 'resubmitted', { status: reg.status }, { status, conflictCount, flaggedConflict: flagged })
  const partner = tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, reg.partnerOrgId)).get()!
  for (const managerId of managersToNotify(tx)) {
    notify(tx, managerId, event === 'submit' ? 'deal_submitted' : 'deal_resubmitted', { partner: partner.name, customer: reg.customerName, conflicts: conflictCount }, dealLink(reg.id))
  }
}

function assertSubmittable(input: DealFormInput, today = new Date().toISOString().slice(0, 10)) {
  if (input.acceptRules !== 'on' && input.acceptRules !== 'true') throw new ValidationFailed('acceptRules', 'deals.errors.acceptRules')
  if (input.expectedCloseDate < today) throw new ValidationFailed('expectedCloseDate', 'deals.errors.closeDateInPast')
}

/** A partner user registers a deal: saved as a draft, or submitted at once. */
export function createDeal(actor: Actor, input: DealFormInput, now = Date.now()): DealRegistration {
  assertCan(actor, 'register:deal', { orgId: actor.orgId })
  const values = valuesFromForm(input)
  if (input.intent === 'submit') assertSubmittable(input)
  const result = db.transaction(
    (tx) => {
      const row: DealRegistration = {
        id: newId(),
        partnerOrgId: actor.orgId,
        submittedBy: actor.userId,
        status: 'draft',
        ...values,
        rulesAcceptedAt: input.intent === 'submit' ? now : null,
        submittedAt: null,
        submissionCount: 0,
        decidedAt: null,
        decidedBy: null,
        rejectionReason: null,
        protectedUntil: null,
        extensionsUsed: 0,
        reminderSent: null,
        conflictCount: 0,
        flaggedConflict: false,
        accountId: null,
        opportunityId: null,
        createdAt: now,
        updatedAt: now,
      }
      tx.insert(dealRegistrations).values(row).run()
      audit(tx, actor, 'deal_registration', row.id, 'created', null, { status: 'draft', customerName: row.customerName })
      if (input.intent === 'submit') submitInTx(tx, actor, row, 'submit', now)
      return row
    },
    { behavior: 'immediate' },
  )
  kickEmailDelivery()
  return result
}

/** Edits a draft or a returned registration; `intent=submit` sends it (again) for approval. */
export function updateDeal(actor: Actor, id: string, input: DealFormInput, now = Date.now()) {
  const values = valuesFromForm(input)
  db.transaction(
    (tx) => {
      const reg = findRegistrationFor(tx, actor, id)
      assertCan(actor, 'register:deal', { orgId: reg.partnerOrgId })
      if (!EDITABLE_STATUSES.includes(reg.status)) throw new InvalidTransition(reg.status, 'edit')
      if (input.intent === 'submit') assertSubmittable(input)
      tx.update(dealRegistrations)
        .set({ ...values, rulesAcceptedAt: input.intent === 'submit' ? now : reg.rulesAcceptedAt, updatedAt: now })
        .where(eq(dealRegistrations.id, id))
        .run()
      audit(tx, actor, 'deal_registration', id, 'updated', null, { customerName: values.customerName, valueMinor: values.valueMinor, currency: values.currency })
      if (input.intent === 'submit') {
        const fresh = tx.select().from(dealRegistrations).where(eq(dealRegistrations.id, id)).get()!
        submitInTx(tx, actor, fresh, reg.status === 'returned' ? 'resubmit' : 'submit', now)
      }
    },
    { behavior: 'immediate' },
  )
  kickEmailDelivery()
}

/** Submits a saved draft as it is (the rules must have been accepted). */
export function submitDraft(actor: Actor, id: string, acceptRules: boolean, now = Date.now()) {
  if (!acceptRules) throw new ValidationFailed('acceptRules', 'deals.errors.acceptRules')
  db.transaction(
    (tx) => {
      const reg = findRegistrationFor(tx, actor, id)
      assertCan(actor, 'register:deal', { orgId: reg.partnerOrgId })
      if (reg.expectedCloseDate < new Date(now).toISOString().slice(0, 10)) throw new ValidationFailed('expectedCloseDate', 'deals.errors.closeDateInPast')
      tx.update(dealRegistrations).set({ rulesAcceptedAt: now }).where(eq(dealRegistrations.id, id)).run()
      submitInTx(tx, actor, reg, 'submit', now)
    },
    { behavior: 'immediate' },
  )
  kickEmailDelivery()
}

/** The partner answers the manager's question in the thread and resubmits. */
export function answerAndResubmit(actor: Actor, id: string, answer: string, now = Date.now()) {
  db.transaction(
    (tx) => {
      const reg = findRegistrationFor(tx, actor, id)
      assertCan(actor, 'register:deal', { orgId: reg.partnerOrgId })
      transition(reg, 'resubmit')
      tx.insert(dealMessages).values({ id: newId(), registrationId: id, authorId: actor.userId, kind: 'answer', body: answer, createdAt: now }).run()
      submitInTx(tx, actor, reg, 'resubmit', now)
    },
    { behavior: 'immediate' },
  )
  kickEmailDelivery()
}

function closeKeys(tx: DbOrTx, id: string) {
  closeRegistrationKeys(tx, id)
}

export function withdrawDeal(actor: Actor, id: string, now = Date.now()) {
  db.transaction(
    (tx) => {
      const reg = findRegistrationFor(tx, actor, id)
      assertCan(actor, 'register:deal', { orgId: reg.partnerOrgId })
      const status = transition(reg, 'withdraw')
      tx.update(dealRegistrations).set({ status, updatedAt: now }).where(eq(dealRegistrations.id, id)).run()
      closeKeys(tx, id)
      audit(tx, actor, 'deal_registration', id, 'withdrawn', { status: reg.status }, { status })
      if (reg.status !== 'draft') {
        for (const managerId of managersToNotify(tx)) notify(tx, managerId, 'deal_withdrawn', { partner: actor.orgName, customer: reg.customerName }, dealLink(id))
      }
    },
    { behavior: 'immediate' },
  )
  kickEmailDelivery()
}

function decide(actor: Actor, id: string, event: 'approve' | 'reject' | 'return', detail: { reason?: string; question?: string }, now: number) {
  db.transaction(
    (tx) => {
      const reg = findRegistrationFor(tx, actor, id)
      assertCan(actor, 'approve:deal')
      const status = transition(reg, event)
      const rules = getDealRules(tx)
      const changes: Partial<DealRegistration> = { status, decidedAt: now, decidedBy: actor.userId, updatedAt: now }
      if (event === 'approve') Object.assign(changes, { protectedUntil: now + rules.protectionDays * DAY_MS, reminderSent: null })
      if (event === 'reject') changes.rejectionReason = detail.reason!
      tx.update(dealRegistrations).set(changes).where(eq(dealRegistrations.id, id)).run()
      if (event === 'return') tx.insert(dealMessages).values({ id: newId(), registrationId: id, authorId: actor.userId, kind: 'question', body: detail.question!, createdAt: now }).run()
      if (event === 'reject') closeKeys(tx, id)
      audit(tx, actor, 'deal_registration', id, { approve: 'approved', reject: 'rejected', return: 'returned' }[event], { status: reg.status }, { status, protectedUntil: changes.protectedUntil ?? null, reason: detail.reason ?? null, question: detail.question ?? null })
      const submitter = tx.select({ locale: users.locale, timeZone: users.timeZone }).from(users).where(eq(users.id, reg.submittedBy)).get()!
      const until = changes.protectedUntil ? formatLongDate(changes.protectedUntil, submitter.locale, submitter.timeZone) : ''
      const kind = { approve: 'deal_approved', reject: 'deal_rejected', return: 'deal_returned' }[event]
      notify(tx, reg.submittedBy, kind, { customer: reg.customerName, until, reason: detail.reason ?? '', question: detail.question ?? '' }, dealLink(id))
    },
    { behavior: 'immediate' },
  )
  kickEmailDelivery()
}

/** Approval sets the exclusive protection period from the rules of engagement. */
export function approveDeal(actor: Actor, id: string, now = Date.now()) {
  decide(actor, id, 'approve', {}, now)
}
export function rejectDeal(actor: Actor, id: string, reason: string, now = Date.now()) {
  if (!reason.trim()) throw new ValidationFailed('reason', 'errors.required')
  decide(actor, id, 'reject', { reason }, now)
}
export function returnDeal(actor: Actor, id: string, question: string, now = Date.now()) {
  if (!question.trim()) throw new ValidationFailed('question', 'errors.required')
  decide(actor, id, 'return', { question }, now)
}

// ---- extensions ------------------------------------------------------------------------

export function requestExtension(actor: Actor, id: string, justification: string, now = Date.now()) {
  db.transaction(
    (tx) => {
      const reg = findRegistrationFor(tx, actor, id)
      assertCan(actor, 'register:deal', { orgId: reg.partnerOrgId })
      if (reg.status !== 'approved' || !reg.protectedUntil || reg.protectedUntil <= now) throw new ValidationFailed('justification', 'deals.errors.extensionNotApproved')
      const rules = getDealRules(tx)
      if (reg.extensionsUsed >= rules.maxExtensions) throw new ValidationFailed('justification', 'deals.errors.extensionLimit', { max: rules.maxExtensions })
      const pending = tx.select({ id: dealExtensions.id }).from(dealExtensions).where(and(eq(dealExtensions.registrationId, id), eq(dealExtensions.status, 'pending'))).get()
      if (pending) throw new ValidationFailed('justification', 'deals.errors.extensionPending')
      const extId = newId()
      tx.insert(dealExtensions).values({ id: extId, registrationId: id, requestedBy: actor.userId, justification, createdAt: now }).run()
      audit(tx, actor, 'deal_registration', id, 'extension_requested', null, { justification })
      for (const managerId of managersToNotify(tx)) notify(tx, managerId, 'deal_extension_requested', { partner: actor.orgName, customer: reg.customerName, justification }, dealLink(id))
    },
    { behavior: 'immediate' },
  )
  kickEmailDelivery()
}

export function decideExtension(actor: Actor, id: string, extensionId: string, decision: 'approve' | 'decline', reason: string | null, now = Date.now()) {
  db.transaction(
    (tx) => {
      const reg = findRegistrationFor(tx, actor, id)
      assertCan(actor, 'approve:deal')
      const ext = tx.select().from(dealExtensions).where(and(eq(dealExtensions.id, extensionId), eq(dealExtensions.registrationId, id))).get()
      if (!ext) throw new NotFound()
      if (ext.status !== 'pending') throw new InvalidTransition(ext.status, decision)
      if (decision === 'decline' && !reason?.trim()) throw new ValidationFailed('reason', 'errors.required')
      const rules = getDealRules(tx)
      if (decision === 'approve') {
        if (reg.status !== 'approved' || !reg.protectedUntil) throw new InvalidTransition(reg.status, 'extend')
        const protectedUntil = Math.max(reg.protectedUntil, now) + rules.extensionDays * DAY_MS
        tx.update(dealRegistrations).set({ protectedUntil, extensionsUsed: reg.extensionsUsed + 1, reminderSent: null, updatedAt: now }).where(eq(dealRegistrations.id, id)).run()
        audit(tx, actor, 'deal_registration', id, 'extension_approved', { protectedUntil: reg.protectedUntil }, { protectedUntil })
        const submitter = tx.select({ locale: users.locale, timeZone: users.timeZone }).from(users).where(eq(users.id, reg.submittedBy)).get()!
        const until = formatLongDate(protectedUntil, submitter.locale, submitter.timeZone)
        notify(tx, ext.requestedBy, 'deal_extension_approved', { customer: reg.customerName, until }, dealLink(id))
      } else {
        audit(tx, actor, 'deal_registration', id, 'extension_declined', null, { reason })
        notify(tx, ext.requestedBy, 'deal_extension_declined', { customer: reg.customerName, reason: reason ?? '' }, dealLink(id))
      }
      tx.update(dealExtensions).set({ status: decision === 'approve' ? 'approved' : 'declined', decidedBy: actor.userId, decidedAt: now, declineReason: decision === 'decline' ? reason : null }).where(eq(dealExtensions.id, extensionId)).run()
    },
    { behavior: 'immediate' },
  )
  kickEmailDelivery()
}

// ---- conversion ------------------------------------------------------------------------

/**
 * Turns an approved registration into an opportunity in the core CRM: on the matched
 * account, or on a new account with the registration's contact. Source `partner`.
 */
export function convertDeal(actor: Actor, id: string, input: { target: string; pipelineId: string }, now = Date.now()) {
  const result = db.transaction(
    (tx) => {
      const reg = findRegistrationFor(tx, actor, id)
      assertCan(actor, 'approve:deal')
      const status = transition(reg, 'convert')
      const { accountId } = createAccountFromRegistration(tx, actor, input.target, { registrationId: id, name: reg.customerName, domain: reg.customerDomain, npwp: reg.customerNpwp, city: reg.customerCity, region: reg.customerRegion, contactName: reg.contactName, contactEmail: reg.contactEmail, contactPhone: reg.contactPhone }, now)
      const opportunity = createPartnerOpportunity(tx, actor, { registrationId: id, name: `${reg.customerName} — ${reg.products}`.slice(0, 200), accountId, pipelineId: input.pipelineId, amountMinor: reg.valueMinor, currency: reg.currency, expectedCloseDate: reg.expectedCloseDate, partnerOrgId: reg.partnerOrgId }, now)
      tx.update(dealRegistrations).set({ status, accountId, opportunityId: opportunity.id, updatedAt: now }).where(eq(dealRegistrations.id, id)).run()
      closeKeys(tx, id)
      audit(tx, actor, 'deal_registration', id, 'converted', { status: reg.status }, { status, accountId, opportunityId: opportunity.id })
      notify(tx, reg.submittedBy, 'deal_converted', { customer: reg.customerName, opportunity: opportunity.name }, dealLink(id))
      return { accountId, opportunityId: opportunity.id }
    },
    { behavior: 'immediate' },
  )
  kickEmailDelivery()
  return result
}

// ---- jobs ------------------------------------------------------------------------------

/** Daily: approved registrations past their protection period expire. Idempotent. */
export function expireStaleRegistrations(now = Date.now()) {
  const due = db
    .select()
    .from(dealRegistrations)
    .where(and(eq(dealRegistrations.status, 'approved'), lte(dealRegistrations.protectedUntil, now)))
    .limit(1000)
    .all()
  for (const reg of due) {
    db.transaction(
      (tx) => {
        const fresh = tx.select().from(dealRegistrations).where(eq(dealRegistrations.id, reg.id)).get()
        if (!fresh || fresh.status !== 'approved' || !fresh.protectedUntil || fresh.protectedUntil > now) return
        const status = nextStatus(fresh.status, 'expire')
        tx.update(dealRegistrations).set({ status, updatedAt: now }).where(eq(dealRegistrations.id, reg.id)).run()
        closeKeys(tx, reg.id)
        audit(tx, null, 'deal_registration', reg.id, 'expired', { status: fresh.status }, { status })
        notify(tx, reg.submittedBy, 'deal_expired', { customer: reg.customerName }, dealLink(reg.id))
      },
      { behavior: 'immediate' },
    )
  }
  return { expired: due.length }
}

/** Daily: reminders 14, 7 and 1 day before protection ends, each sent once. */
export function sendExpiryReminders(now = Date.now()) {
  const horizon = now + REMINDER_DAYS[0] * DAY_MS
  const due = db
    .select()
    .from(dealRegistrations)
    .where(and(eq(dealRegistrations.status, 'approved'), lte(dealRegistrations.protectedUntil, horizon), or(isNull(dealRegistrations.reminderSent), sql`${dealRegistrations.reminderSent} > 1`)))
    .limit(1000)
    .all()
  let sent = 0
  for (const reg of due) {
    if (!reg.protectedUntil || reg.protectedUntil <= now) continue
    const daysLeft = Math.ceil((reg.protectedUntil - now) / DAY_MS)
    const step = [...REMINDER_DAYS].reverse().find((d) => daysLeft <= d)
    if (!step || (reg.reminderSent !== null && reg.reminderSent <= step)) continue
    db.transaction((tx) => {
      const claimed = tx
        .update(dealRegistrations)
        .set({ reminderSent: step })
        .where(and(eq(dealRegistrations.id, reg.id), reg.reminderSent === null ? isNull(dealRegistrations.reminderSent) : eq(dealRegistrations.reminderSent, reg.reminderSent)))
        .run().changes
      if (!claimed) return
      const submitter = tx.select({ locale: users.locale, timeZone: users.timeZone }).from(users).where(eq(users.id, reg.submittedBy)).get()!
      const until = formatLongDate(reg.protectedUntil!, submitter.locale, submitter.timeZone)
      notify(tx, reg.submittedBy, 'deal_expiring', { customer: reg.customerName, days: daysLeft, until }, dealLink(reg.id))
      audit(tx, null, 'deal_registration', reg.id, 'reminder_sent', null, { daysLeft })
      sent++
    })
  }
  return { reminders: sent }
}

export function pendingApprovalCount(actor: Actor): number {
  if (!can(actor, 'approve:deal')) return 0
  return db.select({ n: count() }).from(dealRegistrations).where(eq(dealRegistrations.status, 'submitted')).get()?.n ?? 0
}


/** The partner home's count: their organisation's registrations still in play. */
export function openRegistrationCount(actor: Actor): number {
  if (!can(actor, 'register:deal', { orgId: actor.orgId })) return 0
  return (
    db
      .select({ n: count() })
      .from(dealRegistrations)
      .where(and(eq(dealRegistrations.partnerOrgId, actor.orgId), inArray(dealRegistrations.status, ['draft', 'submitted', 'returned', 'approved'])))
      .get()?.n ?? 0
  )
}
