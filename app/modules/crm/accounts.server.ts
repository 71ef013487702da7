import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { accounts, activities, contacts, leads, opportunities, pipelineStages } from '../../../db/schema/crm'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { keysetPaginate } from '../../kit/keyset.server'
import { COUNT_CAP, paginate } from '../../kit/paginate'
import { db, preparedQuery, type Db, type DbOrTx } from '../../utils/db.server'
import { NotFound, ValidationFailed } from '../../utils/errors'
import { newId } from '../../utils/ids'
import type { Locale } from '../../utils/i18n'
import { contains, distinctByIndexScan, inJsonList } from '../../utils/sql'
import { changedFields } from '../audit/audit.server'
import type { Actor } from '../auth/actor'
import { companyDomain, findMatchingCompanies, indexCompanyKeys, normaliseCompanyName, type CompanyRecord } from '../matching/matching.server'
import { organisationNames, userNames } from '../orgs/orgs.server'
import { assertCrmRead, assertCrmRecord, assertCrmWrite, withNames } from './access.server'
import type { AccountInput } from './crm.schema'
import { stageLabel } from './opportunities.server'

export type Account = typeof accounts.$inferSelect

/** The 360° page shows this many of each related list, with a link to the full list. */
export const ACCOUNT_360_LIMIT = 25

/** Keeps the conflict-detection index in step with an account's name, domain and NPWP. */
function indexAccountKeys(tx: DbOrTx, accountId: string, record: CompanyRecord) {
  indexCompanyKeys(tx, 'account', accountId, record)
}

/** Accounts that may be the same company as the candidate, best first (for the deal conflict check). */
export function findMatchingAccounts(candidate: CompanyRecord, threshold?: number) {
  return findMatchingCompanies('account', candidate, (ids) => matchFieldsQuery().all({ ids: JSON.stringify(ids) }), { threshold })
}
// the candidates of a conflict check (up to 500 ids a chunk), built once with the ids passed as one JSON
// parameter: drizzle rendering an IN list of hundreds of parameters on each keystroke's check was most of
// the check's cost over bare SQL at 1M accounts (issue 10: p99 26.5 ms against 18.0)
const matchFieldsQuery = preparedQuery((db) =>
  db
    .select({ id: accounts.id, name: accounts.name, domain: accounts.domain, npwp: accounts.npwp })
    .from(accounts)
    .where(inJsonList(accounts.id))
    .prepare(),
)

export const ACCOUNT_SORTS = ['name', 'city', 'region', 'updatedAt'] as const
export type AccountSort = (typeof ACCOUNT_SORTS)[number]

export async function listAccounts(actor: Actor, opts: { q?: string; region?: string; industry?: string; sort?: AccountSort; dir?: 'asc' | 'desc'; page?: number; pageSize?: number; after?: string | null; before?: string | null }) {
  assertCrmRead(actor)
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
  const sort = opts.sort ?? 'name'
  const descending = opts.dir === 'desc'
  const columns = { id: accounts.id, name: accounts.name, domain: accounts.domain, city: accounts.city, region: accounts.region, industry: accounts.industry, updatedAt: accounts.updatedAt, ownerId: accounts.ownerId }
  // bounded count: at a million accounts "more than 10,000" costs 10,001 index steps, COUNT(*) a million
  const countUpTo = (cap: number) => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${accounts} ${where ? sql`WHERE ${where}` : sql``} LIMIT ${cap})`).n
  let page
  if (sort === 'name') {
    // by name (the default), keyset: (name, id) seeks in accounts_name_idx / accounts_region_name_idx at any depth
    page = keysetPaginate(opts, {
      rows: (limit, offset, seek) => {
        // forward is the list's own direction; "before" reads backwards from the cursor and is reversed
        const forward = seek?.from !== 'before'
        const up = forward !== descending
        const seekCondition = seek ? (up ? sql`(${accounts.name}, ${accounts.id}) > (${seek.key[0]}, ${seek.key[1]})` : sql`(${accounts.name}, ${accounts.id}) < (${seek.key[0]}, ${seek.key[1]})`) : undefined
        return db
          .select(columns)
          .from(accounts)
          .where(and(where, seekCondition))
          .orderBy(up ? asc(accounts.name) : desc(accounts.name), up ? asc(accounts.id) : desc(accounts.id))
          .limit(limit)
          .offset(offset)
          .all()
      },
      key: (r) => [r.name, r.id],
      countUpTo,
    })
  } else {
    const sortColumn = { city: accounts.city, region: accounts.region, updatedAt: accounts.updatedAt }[sort]
    page = paginate(opts, {
      rows: (limit, offset) => db.select(columns).from(accounts).where(where).orderBy(descending ? desc(sortColumn) : asc(sortColumn), asc(accounts.id)).limit(limit).offset(offset).all(),
      count: () => countUpTo(COUNT_CAP + 1),
    })
    if (page.total > COUNT_CAP) page = { ...page, total: COUNT_CAP, totalIsCapped: true }
  }
  return { ...page, rows: withNames(page.rows, (r) => r.ownerId, userNames(page.rows.map((r) => r.ownerId)), 'ownerName') }
}

/**
 * The distinct values of an indexed column, one index seek per value (a "loose index scan"): DISTINCT
 * would read every row of the index (823 ms for industry at 1M accounts without its index, 43 ms for
 * region with one); the values are few, so this costs ~100 seeks whatever the number of accounts.
 */
function distinctValues(column: typeof accounts.region | typeof accounts.industry, max: number): string[] {
  return db.all<{ v: string }>(distinctByIndexScan(accounts, column, { max })).map((r) => r.v)
}

export async function accountFilterOptions(actor: Actor) {
  assertCrmRead(actor)
  return { regions: distinctValues(accounts.region, 100), industries: distinctValues(accounts.industry, 100) }
}

export async function getAccount(actor: Actor, id: string): Promise<Account> {
  assertCrmRecord(actor)
  const account = accountQuery().get({ id })
  if (!account) throw new NotFound()
  return account
}
const accountQuery = preparedQuery((db) => db.select().from(accounts).where(eq(accounts.id, sql.placeholder('id'))).prepare())

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

export async function createAccount(actor: Actor, input: AccountInput): Promise<Account> {
  assertCrmWrite(actor)
  return mutate(actor, (ctx) => {
    const row = { id: newId(), ...accountValues(input), ownerId: actor.userId, createdAt: ctx.now, updatedAt: ctx.now }
    ctx.tx.insert(accounts).values(row).run()
    indexAccountKeys(ctx.tx, row.id, row)
    ctx.audit('account', row.id, 'created', null, { name: row.name })
    return row as Account
  })
}

export async function updateAccount(actor: Actor, id: string, input: AccountInput) {
  assertCrmWrite(actor, true)
  await mutate(actor, (ctx) => {
    const before = ctx.tx.select().from(accounts).where(eq(accounts.id, id)).get()
    if (!before) throw new NotFound()
    const next = { ...accountValues(input), updatedAt: ctx.now }
    ctx.tx.update(accounts).set(next).where(eq(accounts.id, id)).run()
    indexAccountKeys(ctx.tx, id, next)
    const diff = changedFields(before, next)
    if (diff.changed) ctx.audit('account', id, 'updated', diff.before, diff.after)
  })
}

/**
 * Everything tied to one customer, for the 360° page. Each related list is capped (a whale account
 * has ten thousand opportunities) and carries its total, so the page links to the full list.
 */
export async function getAccount360(actor: Actor, id: string) {
  const account = await getAccount(actor, id)
  const limit = ACCOUNT_360_LIMIT
  const q = account360Queries()
  const opps = (actor.locale === 'en' ? q.opportunitiesEn : q.opportunitiesId).all({ id, limit })
  const partners = organisationNames(opps.map((o) => o.partnerOrgId).filter((x): x is string => !!x))
  const acts = q.activities.all({ id, limit })
  return {
    account,
    ownerName: account.ownerId ? (userNames([account.ownerId]).get(account.ownerId) ?? null) : null,
    contacts: q.contacts.all({ id, limit }),
    opportunities: opps.map((o) => ({ ...o, partnerName: o.partnerOrgId ? (partners.get(o.partnerOrgId)?.name ?? null) : null })),
    leads: q.leads.all({ id, limit }),
    activities: withNames(acts, (a) => a.authorId, userNames(acts.map((a) => a.authorId)), 'authorName'),
    totals: { contacts: q.contactCount.get({ id })?.n ?? 0, opportunities: q.opportunityCount.get({ id })?.n ?? 0, leads: q.leadCount.get({ id })?.n ?? 0 },
    limit,
  }
}

// the 360° page's reads, built once (issue 10); the stage name is the reader's language, so one per locale
const account360Queries = (() => {
  const build = (db: Db) => {
    const id = sql.placeholder('id')
    const limit = sql.placeholder('limit')
    const opportunitiesIn = (locale: Locale) =>
      db
        .select({ id: opportunities.id, name: opportunities.name, amountMinor: opportunities.amountMinor, currency: opportunities.currency, expectedCloseDate: opportunities.expectedCloseDate, source: opportunities.source, stageName: stageLabel(locale), probability: pipelineStages.probability, isClosed: pipelineStages.isClosed, isWon: pipelineStages.isWon, partnerOrgId: opportunities.partnerOrgId })
        .from(opportunities)
        .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
        .where(eq(opportunities.accountId, id))
        .orderBy(desc(opportunities.updatedAt))
        .limit(limit)
        .prepare()
    return {
      opportunitiesEn: opportunitiesIn('en'),
      opportunitiesId: opportunitiesIn('id'),
      activities: db
        .select({ id: activities.id, kind: activities.kind, subject: activities.subject, body: activities.body, entityType: activities.entityType, createdAt: activities.createdAt, authorId: activities.authorId })
        .from(activities)
        .where(eq(activities.accountId, id))
        .orderBy(desc(activities.createdAt))
        .limit(limit)
        .prepare(),
      contacts: db.select().from(contacts).where(eq(contacts.accountId, id)).orderBy(asc(contacts.firstName), asc(contacts.lastName)).limit(limit).prepare(),
      leads: db.select().from(leads).where(eq(leads.accountId, id)).orderBy(desc(leads.updatedAt)).limit(limit).prepare(),
      contactCount: db.select({ n: count() }).from(contacts).where(eq(contacts.accountId, id)).prepare(),
      opportunityCount: db.select({ n: count() }).from(opportunities).where(eq(opportunities.accountId, id)).prepare(),
      leadCount: db.select({ n: count() }).from(leads).where(eq(leads.accountId, id)).prepare(),
    }
  }
  return preparedQuery(build)
})()

/**
 * For deal conversion, inside the caller's transaction: the matched account (target = its id), or a new
 * account with the registration's contact (target = 'new').
 */
export function accountForConversion(
  ctx: Ctx,
  target: string,
  reg: { registrationId: string; name: string; domain: string | null; npwp: string | null; city: string | null; region: string | null; contactName: string; contactEmail: string | null; contactPhone: string | null },
): { accountId: string; accountName: string } {
  const { tx, now } = ctx
  if (target !== 'new') {
    const account = tx.select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.id, target)).get()
    if (!account) throw new ValidationFailed('target', 'errors.accountUnknown')
    return { accountId: account.id, accountName: account.name }
  }
  const ownerId = ctx.actor?.userId ?? null
  const account = { id: newId(), name: reg.name, normalizedName: normaliseCompanyName(reg.name), domain: reg.domain, npwp: reg.npwp, city: reg.city, region: reg.region, ownerId, createdAt: now, updatedAt: now }
  tx.insert(accounts).values(account).run()
  indexAccountKeys(tx, account.id, account)
  ctx.audit('account', account.id, 'created', null, { name: account.name, fromRegistration: reg.registrationId })
  const [firstName, ...rest] = reg.contactName.split(/\s+/)
  tx.insert(contacts).values({ id: newId(), accountId: account.id, firstName, lastName: rest.join(' ') || null, email: reg.contactEmail, phone: reg.contactPhone, ownerId, createdAt: now, updatedAt: now }).run()
  return { accountId: account.id, accountName: account.name }
}

export async function accountOptions(actor: Actor, q?: string) {
  assertCrmRead(actor)
  return db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(q ? contains(accounts.name, q) : undefined)
    .orderBy(asc(accounts.name))
    .limit(500)
    .all()
}

/** Names of accounts by id, for other modules' pages (callers authorise). */
export function accountNames(ids: string[]): Map<string, string> {
  if (!ids.length) return new Map()
  return new Map(db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(inArray(accounts.id, ids)).all().map((a) => [a.id, a.name]))
}
