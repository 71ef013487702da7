/**
 * Rebuilds the company-matching key index and its counts from the records themselves:
 *
 *   npx tsx scripts/reindex-matching.ts
 *
 * Needed once after migration 0003 on a database indexed by an older matcher (the keys now use folded spellings
 * and carry word keys), and whenever the key scheme changes. Accounts are all indexed; registrations only those
 * already in the index (the deals module decides which are open), under their current name, domain and NPWP.
 */
import { sql } from 'drizzle-orm'

const { db, closeDb } = await import('../app/utils/db.server')
const { indexCompanyKeys } = await import('../app/modules/matching/matching.server')

type Row = { id: string; name: string; domain: string | null; npwp: string | null }
const started = performance.now()
const accounts = db.all<Row>(sql`SELECT id, name, domain, npwp FROM accounts`)
const registrations = db.all<Row>(
  sql`SELECT id, customer_name AS name, customer_domain AS domain, customer_npwp AS npwp FROM deal_registrations
      WHERE id IN (SELECT DISTINCT registration_id FROM deal_registration_match_keys)`,
)
db.transaction((tx) => {
  tx.run(sql`DELETE FROM match_key_counts`)
  tx.run(sql`DELETE FROM account_match_keys`)
  tx.run(sql`DELETE FROM deal_registration_match_keys`)
  for (const a of accounts) indexCompanyKeys(tx, 'account', a.id, a)
  for (const r of registrations) indexCompanyKeys(tx, 'registration', r.id, r)
})
closeDb()
console.log(`re-indexed ${accounts.length} accounts and ${registrations.length} registrations in ${((performance.now() - started) / 1000).toFixed(1)} s`)
