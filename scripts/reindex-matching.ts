/**
 * Rebuilds the company-matching key index and its counts from the records themselves:
 *
 *   npx tsx scripts/reindex-matching.ts
 *
 * `npm run db:migrate` (and so `npm start`) runs it by itself when the index was built by an older key scheme
 * (the version row below). Accounts are all indexed; registrations only those already in the index (the deals
 * module decides which are open), under their current name, domain and NPWP.
 */
import { sql } from 'drizzle-orm'

/** Bump when the keys written by indexCompanyKeys change, so existing databases are re-indexed once. */
export const MATCH_KEYS_VERSION = 2

type Row = { id: string; name: string; domain: string | null; npwp: string | null }

export async function reindexMatchingIfStale(force = false): Promise<{ reindexed: boolean; accounts: number; registrations: number; seconds: number }> {
  const { db } = await import('../app/utils/db.server')
  const { indexCompanyKeys } = await import('../app/modules/matching/matching.server')
  const started = performance.now()
  const current = db.get<{ n: number } | undefined>(sql`SELECT n FROM match_key_counts WHERE kind = 'meta' AND key = 'version'`)?.n ?? 0
  if (!force && current >= MATCH_KEYS_VERSION) return { reindexed: false, accounts: 0, registrations: 0, seconds: 0 }
  const accounts = db.all<Row>(sql`SELECT id, name, domain, npwp FROM accounts`)
  const registrations = db.all<Row>(
    sql`SELECT id, customer_name AS name, customer_domain AS domain, customer_npwp AS npwp FROM deal_registrations
        WHERE id IN (SELECT DISTINCT registration_id FROM deal_registration_match_keys)`,
  )
  // a maintenance step outside any request: one transaction for the whole index
  db.transaction((tx) => {
    tx.run(sql`DELETE FROM match_key_counts`)
    tx.run(sql`DELETE FROM account_match_keys`)
    tx.run(sql`DELETE FROM deal_registration_match_keys`)
    for (const a of accounts) indexCompanyKeys(tx, 'account', a.id, a)
    for (const r of registrations) indexCompanyKeys(tx, 'registration', r.id, r)
    tx.run(sql`INSERT INTO match_key_counts (kind, key, n) VALUES ('meta', 'version', ${MATCH_KEYS_VERSION})`)
  })
  return { reindexed: true, accounts: accounts.length, registrations: registrations.length, seconds: (performance.now() - started) / 1000 }
}

const isMain = process.argv[1]?.endsWith('reindex-matching.ts')
if (isMain) {
  const { closeDb } = await import('../app/utils/db.server')
  const r = await reindexMatchingIfStale(true)
  closeDb()
  console.log(`re-indexed ${r.accounts} accounts and ${r.registrations} registrations in ${r.seconds.toFixed(1)} s`)
}
