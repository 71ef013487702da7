import { eq, sql } from 'drizzle-orm'
import { accountMatchKeys, dealRegistrationMatchKeys } from '../../../db/schema/matching'
import { db, rawSqlite, type DbOrTx } from '../../utils/db.server'
import { blockingKeys, DEFAULT_CONFLICT_THRESHOLD, prepareCompany, scoreCompanyMatch, type CompanyRecord, type MatchReason } from './company-match'

/**
 * Company matching, shared by crm (accounts) and deals (registrations). This module owns the
 * key index; the records stay with their modules, which hand it a loader for the candidates
 * the index finds, so matching never reads another module's tables.
 */

/**
 * A key shared by more rows than this says nothing about identity ("pt", a common word
 * pair in a big CRM): it is skipped rather than read, which keeps a lookup bounded at a
 * million accounts. Measured at 1M accounts (bench, scale L): cap 2,000 → p99 106 ms with
 * 1,323 accounts scored per lookup and 95.4 % of retyped names found; cap 400 → p99 33–38 ms
 * (the bare index read alone: 17–26 ms), 262 scored, 92.1 % found.
 */
export const KEY_CAP = 400

/** The kinds of record the index holds. */
export type SubjectKind = 'account' | 'registration'

export type CompanyMatch<R> = { record: R; score: number; reasons: MatchReason[] }

const TABLES = {
  account: { table: accountMatchKeys, idColumn: accountMatchKeys.accountId, keyColumn: accountMatchKeys.key, idField: 'accountId' },
  registration: { table: dealRegistrationMatchKeys, idColumn: dealRegistrationMatchKeys.registrationId, keyColumn: dealRegistrationMatchKeys.key, idField: 'registrationId' },
} as const

function prepareLookups() {
  return {
    account: db.select({ id: accountMatchKeys.accountId }).from(accountMatchKeys).where(eq(accountMatchKeys.key, sql.placeholder('key'))).limit(KEY_CAP + 1).prepare(),
    registration: db
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

/** Ids of the records of this kind that share a selective key with the candidate. */
export function candidateIds(kind: SubjectKind, candidate: CompanyRecord): string[] {
  const statement = lookups()[kind]
  const ids = new Set<string>()
  for (const key of blockingKeys(prepareCompany(candidate))) {
    const rows = statement.all({ key })
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

/**
 * The records of one kind that may be the same company as the candidate, best first. The
 * owning module loads its rows by id (in chunks) and may drop those it does not want scored.
 */
export function findMatchingCompanies<R extends CompanyRecord & { id: string }>(
  kind: SubjectKind,
  candidate: CompanyRecord,
  load: (ids: string[]) => R[],
  opts: { excludeId?: string; threshold?: number } = {},
): CompanyMatch<R>[] {
  const prepared = prepareCompany(candidate)
  const threshold = opts.threshold ?? DEFAULT_CONFLICT_THRESHOLD
  const ids = candidateIds(kind, candidate).filter((id) => id !== opts.excludeId)
  const out: CompanyMatch<R>[] = []
  for (const part of chunks(ids)) {
    for (const record of load(part)) {
      const { score, reasons } = scoreCompanyMatch(prepared, record)
      if (score >= threshold) out.push({ record, score: Math.round(score * 100), reasons })
    }
  }
  return out.sort((a, b) => b.score - a.score)
}

/** Keeps a record findable under its current name, domain and NPWP (inside the owner's transaction). */
export function indexCompanyKeys(tx: DbOrTx, kind: SubjectKind, id: string, record: CompanyRecord) {
  removeCompanyKeys(tx, kind, id)
  const keys = [...new Set(blockingKeys(record))]
  if (!keys.length) return
  const { table, idField } = TABLES[kind]
  tx.insert(table).values(keys.map((key) => ({ key, [idField]: id }) as { key: string; accountId: string } & { registrationId: string })).run()
}

/** Takes a record out of the index (a closed registration no longer blocks anyone). */
export function removeCompanyKeys(tx: DbOrTx, kind: SubjectKind, id: string) {
  const { table, idColumn } = TABLES[kind]
  tx.delete(table).where(eq(idColumn, id)).run()
}

export { companyDomain, normaliseCompanyName, describeReason, type CompanyRecord, type MatchReason } from './company-match'
