import { and, eq, inArray, sql } from 'drizzle-orm'
import { accountMatchKeys, accounts, dealRegistrationMatchKeys, dealRegistrations, opportunities, organisations, pipelineStages } from '../../../db/schema'
import { db, rawSqlite, type DbOrTx } from '../../utils/db.server'
import { OPEN_STATUSES } from './deals.machine'
import { blockingKeys, DEFAULT_CONFLICT_THRESHOLD, prepareCompany, scoreCompanyMatch, type CompanyRecord, type MatchReason } from './matching'

/**
 * A key shared by more rows than this says nothing about identity ("pt", a common word
 * pair in a big CRM): it is skipped rather than read, which keeps a lookup bounded at a
 * million accounts. Measured at 1M accounts (bench, scale L): cap 2,000 → p99 106 ms with
 * 1,323 accounts scored per lookup and 95.4 % of retyped names found; cap 400 → p99 33–38 ms
 * (the bare index read alone: 17–26 ms), 262 scored, 92.1 % found.
 */
export const KEY_CAP = 400

export type ConflictMatch = {
  type: 'account' | 'registration' | 'opportunity'
  id: string
  label: string
  /** 0..100 */
  score: number
  reasons: MatchReason[]
  accountId?: string
  partnerOrgId?: string | null
  partnerName?: string | null
  status?: string
}

function prepareLookups() {
  return {
    accountIdsForKey: db
      .select({ id: accountMatchKeys.accountId })
      .from(accountMatchKeys)
      .where(eq(accountMatchKeys.key, sql.placeholder('key')))
      .limit(KEY_CAP + 1)
      .prepare(),
    registrationIdsForKey: db
      .select({ id: dealRegistrationMatchKeys.registrationId })
      .from(dealRegistrationMatchKeys)
      .where(eq(dealRegistrationMatchKeys.key, sql.placeholder('key')))
      .limit(KEY_CAP + 1)
      .prepare(),
  }
}
// Prepared once per connection: a lookup runs a couple of dozen of these per keystroke.
const lookupsByConnection = new WeakMap<object, ReturnType<typeof prepareLookups>>()
function lookups() {
  const connection = rawSqlite()
  let prepared = lookupsByConnection.get(connection)
  if (!prepared) lookupsByConnection.set(connection, (prepared = prepareLookups()))
  return prepared
}

function candidateIds(keys: string[], lookup: (key: string) => { id: string }[]): string[] {
  const ids = new Set<string>()
  for (const key of keys) {
    const rows = lookup(key)
    if (rows.length > KEY_CAP) continue
    for (const r of rows) ids.add(r.id)
  }
  return [...ids]
}

function chunks<T>(list: T[], size = 500): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

/** Accounts that may be the same company as the candidate, best first. */
export function findAccountConflicts(candidate: CompanyRecord, threshold = DEFAULT_CONFLICT_THRESHOLD): ConflictMatch[] {
  const prepared = prepareCompany(candidate)
  const ids = candidateIds(blockingKeys(prepared), (key) => lookups().accountIdsForKey.all({ key }))
  const out: ConflictMatch[] = []
  for (const part of chunks(ids)) {
    const rows = db.select({ id: accounts.id, name: accounts.name, domain: accounts.domain, npwp: accounts.npwp }).from(accounts).where(inArray(accounts.id, part)).all()
    for (const row of rows) {
      const { score, reasons } = scoreCompanyMatch(prepared, row)
      if (score >= threshold) out.push({ type: 'account', id: row.id, label: row.name, score: Math.round(score * 100), reasons, accountId: row.id })
    }
  }
  return out.sort((a, b) => b.score - a.score)
}

/** Open or approved registrations (any partner) for what may be the same customer. */
export function findRegistrationConflicts(candidate: CompanyRecord, excludeId?: string, threshold = DEFAULT_CONFLICT_THRESHOLD): ConflictMatch[] {
  const prepared = prepareCompany(candidate)
  const ids = candidateIds(blockingKeys(prepared), (key) => lookups().registrationIdsForKey.all({ key })).filter((id) => id !== excludeId)
  const out: ConflictMatch[] = []
  for (const part of chunks(ids)) {
    const rows = db
      .select({ id: dealRegistrations.id, name: dealRegistrations.customerName, domain: dealRegistrations.customerDomain, npwp: dealRegistrations.customerNpwp, status: dealRegistrations.status, partnerOrgId: dealRegistrations.partnerOrgId, partnerName: organisations.name })
      .from(dealRegistrations)
      .innerJoin(organisations, eq(organisations.id, dealRegistrations.partnerOrgId))
      .where(and(inArray(dealRegistrations.id, part), inArray(dealRegistrations.status, [...OPEN_STATUSES])))
      .all()
    for (const row of rows) {
      const { score, reasons } = scoreCompanyMatch(prepared, row)
      if (score >= threshold) out.push({ type: 'registration', id: row.id, label: row.name, score: Math.round(score * 100), reasons, partnerOrgId: row.partnerOrgId, partnerName: row.partnerName, status: row.status })
    }
  }
  return out.sort((a, b) => b.score - a.score)
}

/** Open opportunities on the matched accounts: the vendor may already be selling there. */
function openOpportunitiesOf(accountMatches: ConflictMatch[]): ConflictMatch[] {
  if (accountMatches.length === 0) return []
  const byAccount = new Map(accountMatches.map((m) => [m.id, m]))
  const rows = db
    .select({ id: opportunities.id, name: opportunities.name, accountId: opportunities.accountId, partnerOrgId: opportunities.partnerOrgId, stage: pipelineStages.name })
    .from(opportunities)
    .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
    .where(and(inArray(opportunities.accountId, [...byAccount.keys()].slice(0, 500)), eq(pipelineStages.isClosed, false)))
    .all()
  return rows.map((r) => {
    const account = byAccount.get(r.accountId)!
    return { type: 'opportunity' as const, id: r.id, label: `${r.name} (${account.label})`, score: account.score, reasons: account.reasons, accountId: r.accountId, partnerOrgId: r.partnerOrgId, status: r.stage }
  })
}

/** Everything that may collide with a registration for this customer. */
export function findDealConflicts(candidate: CompanyRecord, excludeRegistrationId?: string): ConflictMatch[] {
  const accountMatches = findAccountConflicts(candidate)
  return [...findRegistrationConflicts(candidate, excludeRegistrationId), ...accountMatches, ...openOpportunitiesOf(accountMatches)]
}

/** Keeps a registration findable by later registrations while it is open. */
export function indexRegistrationKeys(tx: DbOrTx, registrationId: string, record: CompanyRecord) {
  tx.delete(dealRegistrationMatchKeys).where(eq(dealRegistrationMatchKeys.registrationId, registrationId)).run()
  const keys = [...new Set(blockingKeys(record))]
  if (keys.length) tx.insert(dealRegistrationMatchKeys).values(keys.map((key) => ({ key, registrationId }))).run()
}
