import { eq, sql } from 'drizzle-orm'
import { accountMatchKeys, dealRegistrationMatchKeys } from '../../../db/schema/matching'
import { db, rawSqlite, type DbOrTx } from '../../utils/db.server'
import {
  blockingKeys,
  DEFAULT_CONFLICT_THRESHOLD,
  prepareCompany,
  rarityFromStats,
  scoreCompanyMatch,
  wordKeys,
  WORD_KEY_PREFIX,
  type CompanyRecord,
  type MatchReason,
  type PreparedCompany,
  type Rarity,
} from './company-match'

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

/**
 * Postings a lookup reads at most, summed over its keys in order of selectivity (the key that crosses it is not
 * read, unless nothing has been found yet). Bounds the accounts loaded and scored per lookup, the bulk of its cost,
 * while the keys that identify a company best (domain, NPWP, the whole name, its typo variants) are read first.
 */
export const CANDIDATE_BUDGET = 600

/** The kinds of record the index holds. */
export type SubjectKind = 'account' | 'registration'

export type CompanyMatch<R> = { record: R; score: number; reasons: MatchReason[] }

const TABLES = {
  account: { table: accountMatchKeys, idColumn: accountMatchKeys.accountId, keyColumn: accountMatchKeys.key, idField: 'accountId' },
  registration: { table: dealRegistrationMatchKeys, idColumn: dealRegistrationMatchKeys.registrationId, keyColumn: dealRegistrationMatchKeys.key, idField: 'registrationId' },
} as const

/** The key of the match_key_counts row that counts the records of a kind. */
const RECORDS_KEY = '#'

function prepareLookups() {
  const sqlite = rawSqlite()
  return {
    account: db.select({ id: accountMatchKeys.accountId }).from(accountMatchKeys).where(eq(accountMatchKeys.key, sql.placeholder('key'))).limit(KEY_CAP + 1).prepare(),
    registration: db
      .select({ id: dealRegistrationMatchKeys.registrationId })
      .from(dealRegistrationMatchKeys)
      .where(eq(dealRegistrationMatchKeys.key, sql.placeholder('key')))
      .limit(KEY_CAP + 1)
      .prepare(),
    // one point read per key on the primary key, all keys of a lookup in one statement
    counts: sqlite.prepare<[string, string], { key: string; n: number }>(
      'SELECT key, n FROM match_key_counts WHERE kind = ? AND key IN (SELECT value FROM json_each(?))',
    ),
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

function keyCounts(kind: SubjectKind, keys: string[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const r of lookups().counts.all(kind, JSON.stringify(keys))) out.set(r.key, r.n)
  return out
}

/**
 * Ids of the records of this kind that share a selective key with the candidate. With the per-key row counts
 * (match_key_counts) the keys are read most selective first, and a key that no record has, or that more than
 * KEY_CAP records share, is never read at all. Without counts (a database indexed before they existed) every key
 * is read up to KEY_CAP + 1 rows, as before.
 */
export function candidateIds(kind: SubjectKind, candidate: CompanyRecord | PreparedCompany): string[] {
  const prepared = prepareCompany(candidate)
  const keys = blockingKeys(prepared)
  return idsForKeys(kind, keys, keyCounts(kind, [RECORDS_KEY, ...keys]))
}

function idsForKeys(kind: SubjectKind, keys: string[], counts: Map<string, number>): string[] {
  const statement = lookups()[kind]
  const ids = new Set<string>()
  if (!counts.has(RECORDS_KEY)) {
    for (const key of keys) {
      const rows = statement.all({ key })
      if (rows.length > KEY_CAP) continue
      for (const r of rows) ids.add(r.id)
    }
    return [...ids]
  }
  const selective = keys.filter((k) => (counts.get(k) ?? 0) > 0 && counts.get(k)! <= KEY_CAP).sort((a, b) => counts.get(a)! - counts.get(b)!)
  let read = 0
  for (const key of selective) {
    // most selective first: once the postings read reach the budget, the keys left are the least selective ones
    read += counts.get(key)!
    if (read > CANDIDATE_BUDGET && ids.size > 0) break
    for (const r of statement.all({ key })) ids.add(r.id)
  }
  return [...ids]
}

function rarityFromCounts(counts: Map<string, number>): Rarity {
  return rarityFromStats({ total: counts.get(RECORDS_KEY) ?? 0, count: (token) => counts.get(`${WORD_KEY_PREFIX}${token}`) })
}

/**
 * How rare each of the candidate's words is among the accounts (the market's vocabulary, for registrations too),
 * from the word counts kept with the index; the built-in rarity while there are too few accounts to count.
 */
export function accountWordRarity(candidate: CompanyRecord | PreparedCompany): Rarity {
  return rarityFromCounts(keyCounts('account', [RECORDS_KEY, ...wordKeys(candidate)]))
}

/** Candidate ids and word rarity; for accounts both come from one read of the counts. */
function lookup(kind: SubjectKind, prepared: PreparedCompany): { ids: string[]; rarity: Rarity } {
  const keys = blockingKeys(prepared)
  if (kind === 'account') {
    const counts = keyCounts('account', [RECORDS_KEY, ...keys, ...wordKeys(prepared)])
    return { ids: idsForKeys(kind, keys, counts), rarity: rarityFromCounts(counts) }
  }
  return { ids: idsForKeys(kind, keys, keyCounts(kind, [RECORDS_KEY, ...keys])), rarity: accountWordRarity(prepared) }
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
  const found = lookup(kind, prepared)
  const ids = found.ids.filter((id) => id !== opts.excludeId)
  const rarity = found.rarity
  const out: CompanyMatch<R>[] = []
  for (const part of chunks(ids)) {
    for (const record of load(part)) {
      const { score, reasons } = scoreCompanyMatch(prepared, record, { rarity })
      if (score >= threshold) out.push({ record, score: Math.round(score * 100), reasons })
    }
  }
  return out.sort((a, b) => b.score - a.score)
}

/** Adds `delta` to the row counts of these keys (and of the records themselves). */
function bumpCounts(tx: DbOrTx, kind: SubjectKind, keys: string[], delta: 1 | -1) {
  if (!keys.length) return
  const list = JSON.stringify([RECORDS_KEY, ...keys])
  tx.run(sql`INSERT INTO match_key_counts (kind, key, n) SELECT ${kind}, value, ${delta} FROM json_each(${list}) WHERE true
    ON CONFLICT (kind, key) DO UPDATE SET n = n + excluded.n`)
  if (delta < 0) tx.run(sql`DELETE FROM match_key_counts WHERE kind = ${kind} AND key IN (SELECT value FROM json_each(${list})) AND n <= 0`)
}

/**
 * Keeps a record findable under its current name, domain and NPWP (inside the owner's transaction), and its words
 * counted for the rarity statistics. Word keys are stored like the others so that removal knows what to uncount.
 */
export function indexCompanyKeys(tx: DbOrTx, kind: SubjectKind, id: string, record: CompanyRecord) {
  removeCompanyKeys(tx, kind, id)
  const prepared = prepareCompany(record)
  const keys = [...new Set([...blockingKeys(prepared), ...wordKeys(prepared)])]
  if (!keys.length) return
  const { table, idField } = TABLES[kind]
  tx.insert(table).values(keys.map((key) => ({ key, [idField]: id }) as { key: string; accountId: string } & { registrationId: string })).run()
  bumpCounts(tx, kind, keys, 1)
}

/** Takes a record out of the index (a closed registration no longer blocks anyone). */
export function removeCompanyKeys(tx: DbOrTx, kind: SubjectKind, id: string) {
  const { table, idColumn, keyColumn } = TABLES[kind]
  const old = tx.select({ key: keyColumn }).from(table).where(eq(idColumn, id)).all().map((r) => r.key)
  if (!old.length) return
  tx.delete(table).where(eq(idColumn, id)).run()
  bumpCounts(tx, kind, old, -1)
}

export { companyDomain, normaliseCompanyName, describeReason, type CompanyRecord, type MatchReason } from './company-match'
