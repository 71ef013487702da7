import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { accounts, activities, contacts, leads, opportunities, organisations, pipelineStages, pipelines, users } from '../../../db/schema'
import { db, type DbOrTx } from '../../utils/db.server'
import { NotFound, ValidationFailed } from '../../utils/errors'
import { newId } from '../../utils/ids'
import { isCurrencyCode, parseAmountToMinor } from '../../utils/money'
import { contains } from '../../utils/sql'
import { audit, changedFields, historyOf } from '../audit/audit.server'
import { assertCan, type Actor } from '../auth/actor'
import { companyDomain, findMatchingCompanies, indexCompanyKeys, normaliseCompanyName, type CompanyRecord } from '../matching/matching.server'
import type { AccountInput, ActivityInput, ContactInput, LeadInput, OpportunityInput } from './crm.schema'
import { scoreBand } from './crm.schema'

export type Account = typeof accounts.$inferSelect
export type Contact = typeof contacts.$inferSelect
export type Lead = typeof leads.$inferSelect
export type Opportunity = typeof opportunities.$inferSelect

// Core CRM records belong to the vendor; only vendor staff with read:crm see them. For
// anyone else an id is simply not found.
function assertCrmRead(actor: Actor) {
  assertCan(actor, 'read:crm', {})
}
function assertCrmWrite(actor: Actor) {
  assertCan(actor, 'write:crm', {})
}

const PAGE_SIZE = 25

// ---- accounts ------------------------------------------------------------------------

/** Keeps the conflict-detection index in step with an account's name, domain and NPWP. */
function indexAccountKeys(tx: DbOrTx, accountId: string, record: CompanyRecord) {
  indexCompanyKeys(tx, 'account', accountId, record)
}

/** Accounts that may be the same company as the candidate, best first (for the deal conflict check). */
export function findMatchingAccounts(candidate: CompanyRecord, threshold?: number) {
  return findMatchingCompanies('account', candidate, (ids) => db.select({ id: accounts.id, name: accounts.name, domain: accounts.domain, npwp: accounts.npwp }).from(accounts).where(inArray(accounts.id, ids)).all(), { threshold })
}

/** Open opportunities on these accounts: the vendor may already be selling there. */
export function openOpportunitiesOnAccounts(accountIds: string[]) {
  if (accountIds.length === 0) return []
  return db
    .select({ id: opportunities.id, name: opportunities.name, accountId: opportunities.accountId, partnerOrgId: opportunities.partnerOrgId, stage: pipelineStages.name })
    .from(opportunities)
    .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
    .where(and(inArray(opportunities.accountId, accountIds.slice(0, 500)), eq(pipelineStages.isClosed, false)))
    .all()
}

export const ACCOUNT_SORTS = ['name', 'city', 'region', 'updatedAt'] as const
export type AccountSort = (typeof ACCOUNT_SORTS)[number]

export function listAccounts(actor: Actor, opts: { q?: string; region?: string; industry?: string; sort?: AccountSort; dir?: 'asc' | 'desc'; page?: number; pageSize?: number }) {
  assertCrmRead(actor)
  const page = Math.max(1, opts.page ?? 1)
  const pageSize = opts.pageSize ?? PAGE_SIZE
  const conditions: SQL[] = []
  if (opts.q) {
    const normalised = normaliseCompanyName(opts.q)
    const byName = normalised ? sql`${accounts.normalizedName} >= ${normalised} AND ${accounts.normalizedName} < ${normalised + '\uffff'}` : undefined
    // prefix match on the normalised name uses its index; the LIKE catches words inside names and domains
    conditions.push(sql`(${byName ?? sql`0`} OR ${contains(accounts.name, opts.q)} OR ${contains(accounts.domain, opts.q)})`)
  }
  if (opts.region) conditions.push(eq(accounts.region, opts.region))
  if (opts.industry) conditions.push(eq(accounts.industry, opts.industry))
  const where = conditions.length ? and(...conditions) : undefined
  const sortColumn = { name: accounts.name, city: accounts.city, region: accounts.region, updatedAt: accounts.updatedAt }[opts.sort ?? 'name']
  const order = opts.dir === 'desc' ? desc(sortColumn) : asc(sortColumn)
  const rows = db
    .select({ id: accounts.id, name: accounts.name, domain: accounts.domain, city: accounts.city, region: accounts.region, industry: accounts.industry, updatedAt: accounts.updatedAt, ownerName: users.name })
    .from(accounts)
    .leftJoin(users, eq(users.id, accounts.ownerId))
    .where(where)
    .orderBy(order, asc(accounts.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all()
  const total = db.select({ n: count() }).from(accounts).where(where).get()?.n ?? 0
  return { rows, total, page, pageSize }
}

export function accountFilterOptions(actor: Actor) {
  assertCrmRead(actor)
  const regions = db.selectDistinct({ v: accounts.region }).from(accounts).where(sql`${accounts.region} IS NOT NULL`).orderBy(asc(accounts.region)).limit(100).all()
  const industries = db.selectDistinct({ v: accounts.industry }).from(accounts).where(sql`${accounts.industry} IS NOT NULL`).orderBy(asc(accounts.industry)).limit(100).all()
  return { regions: regions.map((r) => r.v!), industries: industries.map((r) => r.v!) }
}

export function getAccount(actor: Actor, id: string): Account {
  assertCrmRead(actor)
  const account = db.select().from(accounts).where(eq(accounts.id, id)).get()
  if (!account) throw new NotFound()
  return account
}

function accountValues(input: AccountInput) {
  return {
    name: input.name,
    normalizedName: normaliseCompanyName(input.name),
    domain: companyDomain(input.website),
    npwp: input.npwp,
    industry: input.industry,
    address: input.address,
    city: input.city,
    region: input.region,
    phone: input.phone,
  }
}

export function createAccount(actor: Actor, input: AccountInput, now = Date.now()): Account {
  assertCrmWrite(actor)
  return db.transaction((tx) => {
    const row = { id: newId(), ...accountValues(input), ownerId: actor.userId, createdAt: now, updatedAt: now }
    tx.insert(accounts).values(row).run()
    indexAccountKeys(tx, row.id, row)
    audit(tx, actor, 'account', row.id, 'created', null, row)
    return row
  })
}

export function updateAccount(actor: Actor, id: string, input: AccountInput, now = Date.now()) {
  assertCrmWrite(actor)
  db.transaction((tx) => {
    const before = tx.select().from(accounts).where(eq(accounts.id, id)).get()
    if (!before) throw new NotFound()
    const next = { ...accountValues(input), updatedAt: now }
    tx.update(accounts).set(next).where(eq(accounts.id, id)).run()
    indexAccountKeys(tx, id, next)
    const diff = changedFields(before, next)
    if (diff.changed) audit(tx, actor, 'account', id, 'updated', diff.before, diff.after)
  })
}

/** Everything tied to one customer, for the 360° page. */
export function getAccount360(actor: Actor, id: string) {
  const account = getAccount(actor, id)
  const owner = account.ownerId ? db.select({ name: users.name }).from(users).where(eq(users.id, account.ownerId)).get() : undefined
  return {
    account,
    ownerName: owner?.name ?? null,
    contacts: db.select().from(contacts).where(eq(contacts.accountId, id)).orderBy(asc(contacts.firstName)).all(),
    opportunities: db
      .select({ id: opportunities.id, name: opportunities.name, amountMinor: opportunities.amountMinor, currency: opportunities.currency, expectedCloseDate: opportunities.expectedCloseDate, source: opportunities.source, stageName: pipelineStages.name, probability: pipelineStages.probability, isClosed: pipelineStages.isClosed, isWon: pipelineStages.isWon, partnerName: organisations.name })
      .from(opportunities)
      .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
      .leftJoin(organisations, eq(organisations.id, opportunities.partnerOrgId))
      .where(eq(opportunities.accountId, id))
      .orderBy(desc(opportunities.updatedAt))
      .all(),
    leads: db.select().from(leads).where(eq(leads.accountId, id)).orderBy(desc(leads.updatedAt)).all(),
    activities: db
      .select({ id: activities.id, kind: activities.kind, subject: activities.subject, body: activities.body, entityType: activities.entityType, createdAt: activities.createdAt, authorName: users.name })
      .from(activities)
      .leftJoin(users, eq(users.id, activities.authorId))
      .where(eq(activities.accountId, id))
      .orderBy(desc(activities.createdAt))
      .limit(50)
      .all(),
    history: historyOf('account', id, 30),
  }
}

/**
 * For deal conversion, inside the caller's transaction: the matched account (target = its id), or a new
 * account with the registration's contact (target = 'new').
 */
export function createAccountFromRegistration(
  tx: DbOrTx,
  actor: Actor,
  target: string,
  reg: { registrationId: string; name: string; domain: string | null; npwp: string | null; city: string | null; region: string | null; contactName: string; contactEmail: string | null; contactPhone: string | null },
  now = Date.now(),
): { accountId: string } {
  if (target !== 'new') {
    const account = tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, target)).get()
    if (!account) throw new ValidationFailed('target', 'errors.accountUnknown')
    return { accountId: account.id }
  }
  const account = { id: newId(), name: reg.name, normalizedName: normaliseCompanyName(reg.name), domain: reg.domain, npwp: reg.npwp, city: reg.city, region: reg.region, ownerId: actor.userId, createdAt: now, updatedAt: now }
  tx.insert(accounts).values(account).run()
  indexAccountKeys(tx, account.id, account)
  audit(tx, actor, 'account', account.id, 'created', null, { name: account.name, fromRegistration: reg.registrationId })
  const [firstName, ...rest] = reg.contactName.split(/\s+/)
  tx.insert(contacts).values({ id: newId(), accountId: account.id, firstName, lastName: rest.join(' ') || null, email: reg.contactEmail, phone: reg.contactPhone, ownerId: actor.userId, createdAt: now, updatedAt: now }).run()
  return { accountId: account.id }
}

// ---- contacts ------------------------------------------------------------------------

function assertAccountExists(tx: DbOrTx, accountId: string | null) {
  if (accountId && !tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).get()) {
    throw new ValidationFailed('accountId', 'errors.accountUnknown')
  }
}

export function listContacts(actor: Actor, opts: { q?: string; page?: number; sort?: 'name' | 'account' | 'updatedAt'; dir?: 'asc' | 'desc' }) {
  assertCrmRead(actor)
  const page = Math.max(1, opts.page ?? 1)
  const where = opts.q ? sql`(${contains(contacts.firstName, opts.q)} OR ${contains(contacts.lastName, opts.q)} OR ${contains(contacts.email, opts.q)})` : undefined
  const column = { name: contacts.firstName, account: accounts.name, updatedAt: contacts.updatedAt }[opts.sort ?? 'name']
  const rows = db
    .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName, email: contacts.email, phone: contacts.phone, title: contacts.title, accountId: contacts.accountId, accountName: accounts.name })
    .from(contacts)
    .leftJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(where)
    .orderBy(opts.dir === 'desc' ? desc(column) : asc(column), asc(contacts.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .all()
  const total = db.select({ n: count() }).from(contacts).where(where).get()?.n ?? 0
  return { rows, total, page, pageSize: PAGE_SIZE }
}

export function getContact(actor: Actor, id: string): Contact {
  assertCrmRead(actor)
  const row = db.select().from(contacts).where(eq(contacts.id, id)).get()
  if (!row) throw new NotFound()
  return row
}

export function createContact(actor: Actor, input: ContactInput, now = Date.now()): Contact {
  assertCrmWrite(actor)
  return db.transaction((tx) => {
    assertAccountExists(tx, input.accountId)
    const row = { id: newId(), ...input, ownerId: actor.userId, createdAt: now, updatedAt: now }
    tx.insert(contacts).values(row).run()
    audit(tx, actor, 'contact', row.id, 'created', null, row)
    return row
  })
}

export function updateContact(actor: Actor, id: string, input: ContactInput, now = Date.now()) {
  assertCrmWrite(actor)
  db.transaction((tx) => {
    const before = tx.select().from(contacts).where(eq(contacts.id, id)).get()
    if (!before) throw new NotFound()
    assertAccountExists(tx, input.accountId)
    tx.update(contacts).set({ ...input, updatedAt: now }).where(eq(contacts.id, id)).run()
    const diff = changedFields(before, input)
    if (diff.changed) audit(tx, actor, 'contact', id, 'updated', diff.before, diff.after)
  })
}

// ---- leads ---------------------------------------------------------------------------

export const LEAD_SORTS = ['score', 'company', 'createdAt', 'status'] as const
export type LeadSort = (typeof LEAD_SORTS)[number]

export function listLeads(actor: Actor, opts: { q?: string; status?: string; band?: 'junk' | 'warm' | 'hot'; sort?: LeadSort; dir?: 'asc' | 'desc'; page?: number }) {
  assertCrmRead(actor)
  const page = Math.max(1, opts.page ?? 1)
  const conditions: SQL[] = []
  if (opts.q) conditions.push(sql`(${contains(leads.company, opts.q)} OR ${contains(leads.contactName, opts.q)} OR ${contains(leads.email, opts.q)})`)
  if (opts.status) conditions.push(sql`${leads.status} = ${opts.status}`)
  if (opts.band === 'hot') conditions.push(sql`${leads.score} >= 70`)
  if (opts.band === 'warm') conditions.push(sql`${leads.score} >= 40 AND ${leads.score} < 70`)
  if (opts.band === 'junk') conditions.push(sql`${leads.score} < 40`)
  const where = conditions.length ? and(...conditions) : undefined
  const column = { score: leads.score, company: leads.company, createdAt: leads.createdAt, status: leads.status }[opts.sort ?? 'score']
  const rows = db
    .select({ id: leads.id, company: leads.company, contactName: leads.contactName, email: leads.email, source: leads.source, status: leads.status, score: leads.score, createdAt: leads.createdAt, ownerName: users.name })
    .from(leads)
    .leftJoin(users, eq(users.id, leads.ownerId))
    .where(where)
    .orderBy(opts.dir === 'asc' ? asc(column) : desc(column), asc(leads.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .all()
    .map((r) => ({ ...r, band: scoreBand(r.score) }))
  const total = db.select({ n: count() }).from(leads).where(where).get()?.n ?? 0
  return { rows, total, page, pageSize: PAGE_SIZE }
}

export function getLead(actor: Actor, id: string): Lead {
  assertCrmRead(actor)
  const row = db.select().from(leads).where(eq(leads.id, id)).get()
  if (!row) throw new NotFound()
  return row
}

export function createLead(actor: Actor, input: LeadInput, now = Date.now()): Lead {
  assertCrmWrite(actor)
  return db.transaction((tx) => {
    const row = { id: newId(), ...input, accountId: null, ownerId: actor.userId, createdAt: now, updatedAt: now }
    tx.insert(leads).values(row).run()
    audit(tx, actor, 'lead', row.id, 'created', null, row)
    return row
  })
}

export function updateLead(actor: Actor, id: string, input: LeadInput, now = Date.now()) {
  assertCrmWrite(actor)
  db.transaction((tx) => {
    const before = tx.select().from(leads).where(eq(leads.id, id)).get()
    if (!before) throw new NotFound()
    tx.update(leads).set({ ...input, updatedAt: now }).where(eq(leads.id, id)).run()
    const diff = changedFields(before, input)
    if (diff.changed) audit(tx, actor, 'lead', id, 'updated', diff.before, diff.after)
  })
}

// ---- pipelines and opportunities ---------------------------------------------------------

export function listPipelines(actor: Actor) {
  assertCrmRead(actor)
  const all = db.select().from(pipelines).orderBy(desc(pipelines.isDefault), asc(pipelines.name)).all()
  const stages = db.select().from(pipelineStages).orderBy(asc(pipelineStages.position)).all()
  return all.map((p) => ({ ...p, stages: stages.filter((s) => s.pipelineId === p.id) }))
}

export function getPipelineBoard(actor: Actor, pipelineId: string) {
  assertCrmRead(actor)
  const pipeline = db.select().from(pipelines).where(eq(pipelines.id, pipelineId)).get()
  if (!pipeline) throw new NotFound()
  const stages = db.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, pipelineId)).orderBy(asc(pipelineStages.position)).all()
  const opps = db
    .select({ id: opportunities.id, name: opportunities.name, stageId: opportunities.stageId, amountMinor: opportunities.amountMinor, currency: opportunities.currency, expectedCloseDate: opportunities.expectedCloseDate, accountName: accounts.name, source: opportunities.source })
    .from(opportunities)
    .innerJoin(accounts, eq(accounts.id, opportunities.accountId))
    .where(eq(opportunities.pipelineId, pipelineId))
    .orderBy(desc(opportunities.amountMinor))
    .all()
  // a board shows the 50 largest per stage; the list view pages through the rest
  return {
    pipeline,
    stages: stages.map((s) => {
      const inStage = opps.filter((o) => o.stageId === s.id)
      return { ...s, count: inStage.length, opportunities: inStage.slice(0, 50), totals: totalsByCurrency(inStage) }
    }),
  }
}

function totalsByCurrency(rows: { amountMinor: number; currency: string }[]) {
  const out = new Map<string, number>()
  for (const r of rows) out.set(r.currency, (out.get(r.currency) ?? 0) + r.amountMinor)
  return [...out.entries()].map(([currency, amountMinor]) => ({ currency, amountMinor }))
}

export const OPPORTUNITY_SORTS = ['name', 'amount', 'expectedClose', 'updatedAt'] as const
export type OpportunitySort = (typeof OPPORTUNITY_SORTS)[number]

export function listOpportunities(actor: Actor, opts: { q?: string; pipelineId?: string; source?: 'direct' | 'partner'; sort?: OpportunitySort; dir?: 'asc' | 'desc'; page?: number }) {
  assertCrmRead(actor)
  const page = Math.max(1, opts.page ?? 1)
  const conditions: SQL[] = []
  if (opts.q) conditions.push(sql`(${contains(opportunities.name, opts.q)} OR ${contains(accounts.name, opts.q)})`)
  if (opts.pipelineId) conditions.push(eq(opportunities.pipelineId, opts.pipelineId))
  if (opts.source) conditions.push(eq(opportunities.source, opts.source))
  const where = conditions.length ? and(...conditions) : undefined
  const column = { name: opportunities.name, amount: opportunities.amountMinor, expectedClose: opportunities.expectedCloseDate, updatedAt: opportunities.updatedAt }[opts.sort ?? 'updatedAt']
  const rows = db
    .select({ id: opportunities.id, name: opportunities.name, amountMinor: opportunities.amountMinor, currency: opportunities.currency, expectedCloseDate: opportunities.expectedCloseDate, source: opportunities.source, accountId: accounts.id, accountName: accounts.name, stageName: pipelineStages.name, pipelineName: pipelines.name })
    .from(opportunities)
    .innerJoin(accounts, eq(accounts.id, opportunities.accountId))
    .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
    .innerJoin(pipelines, eq(pipelines.id, opportunities.pipelineId))
    .where(where)
    .orderBy(opts.dir === 'asc' ? asc(column) : desc(column), asc(opportunities.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .all()
  const total = db.select({ n: count() }).from(opportunities).innerJoin(accounts, eq(accounts.id, opportunities.accountId)).where(where).get()?.n ?? 0
  return { rows, total, page, pageSize: PAGE_SIZE }
}

export function getOpportunity(actor: Actor, id: string) {
  assertCrmRead(actor)
  const row = db
    .select({ opportunity: opportunities, accountName: accounts.name, stageName: pipelineStages.name, pipelineName: pipelines.name, partnerName: organisations.name })
    .from(opportunities)
    .innerJoin(accounts, eq(accounts.id, opportunities.accountId))
    .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
    .innerJoin(pipelines, eq(pipelines.id, opportunities.pipelineId))
    .leftJoin(organisations, eq(organisations.id, opportunities.partnerOrgId))
    .where(eq(opportunities.id, id))
    .get()
  if (!row) throw new NotFound()
  const stages = db.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, row.opportunity.pipelineId)).orderBy(asc(pipelineStages.position)).all()
  const acts = db.select().from(activities).where(and(eq(activities.entityType, 'opportunity'), eq(activities.entityId, id))).orderBy(desc(activities.createdAt)).limit(50).all()
  return { ...row, stages, activities: acts, history: historyOf('opportunity', id, 30) }
}

function resolveOpportunityInput(tx: DbOrTx, input: OpportunityInput, locale: Actor['locale']) {
  if (!isCurrencyCode(input.currency)) throw new ValidationFailed('currency', 'errors.currency')
  const amountMinor = parseAmountToMinor(input.amount, input.currency, locale)
  if (amountMinor === null) throw new ValidationFailed('amount', 'errors.amount')
  if (!tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId)).get()) throw new ValidationFailed('accountId', 'errors.accountUnknown')
  const pipeline = tx.select().from(pipelines).where(eq(pipelines.id, input.pipelineId)).get()
  if (!pipeline) throw new ValidationFailed('pipelineId', 'errors.pipelineUnknown')
  const stages = tx.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, pipeline.id)).orderBy(asc(pipelineStages.position)).all()
  const stage = input.stageId ? stages.find((s) => s.id === input.stageId) : stages[0]
  if (!stage) throw new ValidationFailed('stageId', 'errors.stageUnknown')
  return { name: input.name, accountId: input.accountId, pipelineId: pipeline.id, stageId: stage.id, amountMinor, currency: input.currency, expectedCloseDate: input.expectedCloseDate }
}

export function createOpportunity(actor: Actor, input: OpportunityInput, now = Date.now()) {
  assertCrmWrite(actor)
  return db.transaction((tx) => {
    const values = resolveOpportunityInput(tx, input, actor.locale)
    const row = { id: newId(), ...values, ownerId: actor.userId, source: 'direct' as const, partnerOrgId: null, createdAt: now, updatedAt: now }
    tx.insert(opportunities).values(row).run()
    audit(tx, actor, 'opportunity', row.id, 'created', null, row)
    return row
  })
}

export function updateOpportunity(actor: Actor, id: string, input: OpportunityInput, now = Date.now()) {
  assertCrmWrite(actor)
  db.transaction((tx) => {
    const before = tx.select().from(opportunities).where(eq(opportunities.id, id)).get()
    if (!before) throw new NotFound()
    const values = resolveOpportunityInput(tx, { ...input, stageId: input.stageId || before.stageId }, actor.locale)
    tx.update(opportunities).set({ ...values, updatedAt: now }).where(eq(opportunities.id, id)).run()
    const diff = changedFields(before, values)
    if (diff.changed) audit(tx, actor, 'opportunity', id, 'updated', diff.before, diff.after)
  })
}

/** Moves an opportunity to another stage of its own pipeline. */
export function moveOpportunityStage(actor: Actor, id: string, stageId: string, now = Date.now()) {
  assertCrmWrite(actor)
  db.transaction((tx) => {
    const before = tx.select().from(opportunities).where(eq(opportunities.id, id)).get()
    if (!before) throw new NotFound()
    const stage = tx.select().from(pipelineStages).where(and(eq(pipelineStages.id, stageId), eq(pipelineStages.pipelineId, before.pipelineId))).get()
    if (!stage) throw new ValidationFailed('stageId', 'errors.stageUnknown')
    if (stage.id === before.stageId) return
    tx.update(opportunities).set({ stageId, updatedAt: now }).where(eq(opportunities.id, id)).run()
    audit(tx, actor, 'opportunity', id, 'stage_changed', { stageId: before.stageId }, { stageId })
  })
}

/** A partner-sourced opportunity at the first stage of a pipeline, for deal conversion (caller's transaction). */
export function createPartnerOpportunity(
  tx: DbOrTx,
  actor: Actor,
  input: { registrationId: string; name: string; accountId: string; pipelineId: string; amountMinor: number; currency: string; expectedCloseDate: string | null; partnerOrgId: string },
  now = Date.now(),
) {
  const pipeline = tx.select().from(pipelines).where(eq(pipelines.id, input.pipelineId)).get()
  if (!pipeline) throw new ValidationFailed('pipelineId', 'errors.pipelineUnknown')
  const firstStage = tx.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, pipeline.id)).orderBy(asc(pipelineStages.position)).get()
  if (!firstStage) throw new ValidationFailed('pipelineId', 'errors.stageUnknown')
  const opportunity = { id: newId(), name: input.name, accountId: input.accountId, pipelineId: pipeline.id, stageId: firstStage.id, amountMinor: input.amountMinor, currency: input.currency, expectedCloseDate: input.expectedCloseDate, ownerId: actor.userId, source: 'partner' as const, partnerOrgId: input.partnerOrgId, createdAt: now, updatedAt: now }
  tx.insert(opportunities).values(opportunity).run()
  audit(tx, actor, 'opportunity', opportunity.id, 'created', null, { fromRegistration: input.registrationId, partnerOrgId: input.partnerOrgId })
  return opportunity
}

// ---- activities ---------------------------------------------------------------------

const ENTITY_TABLES = { account: accounts, contact: contacts, lead: leads, opportunity: opportunities } as const

/** Logs a note, call, email, meeting or task against any core record. */
export function addActivity(actor: Actor, entityType: keyof typeof ENTITY_TABLES, entityId: string, input: ActivityInput, now = Date.now()) {
  assertCrmWrite(actor)
  return db.transaction((tx) => {
    const table = ENTITY_TABLES[entityType]
    const record = tx.select().from(table).where(eq(table.id, entityId)).get() as { id: string; accountId?: string | null } | undefined
    if (!record) throw new NotFound()
    const accountId = entityType === 'account' ? record.id : (record.accountId ?? null)
    const row = { id: newId(), ...input, entityType, entityId, accountId, authorId: actor.userId, createdAt: now }
    tx.insert(activities).values(row).run()
    audit(tx, actor, entityType, entityId, 'activity_added', null, { kind: input.kind, subject: input.subject })
    return row
  })
}

export function accountOptions(actor: Actor, q?: string) {
  assertCrmRead(actor)
  return db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(q ? contains(accounts.name, q) : undefined)
    .orderBy(asc(accounts.name))
    .limit(500)
    .all()
}

export function crmCounts(actor: Actor) {
  assertCrmRead(actor)
  const n = (table: typeof accounts | typeof contacts | typeof leads | typeof opportunities) => db.select({ n: count() }).from(table).get()?.n ?? 0
  return { accounts: n(accounts), contacts: n(contacts), leads: n(leads), opportunities: n(opportunities) }
}
