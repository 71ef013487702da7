// EXPLAIN QUERY PLAN of the statements issue 10 is about, before 0005_perf (its indexes dropped, the old SQL) and
// after (its indexes, the new SQL), on a copy of a bench dataset:
//   npx tsx bench/experiments/explain-0005.ts bench/.data/M.db > bench/results/<date>-explain-0005.md
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'

const source = process.argv[2]
if (!source) throw new Error('usage: explain-0005.ts DATASET.db')
const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'explain-')), 'db.sqlite')
fs.copyFileSync(source, copy)
const db = new Database(copy)

const timed = (sql: string, params: unknown[]) => {
  const stmt = db.prepare(sql)
  const runs: number[] = []
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    stmt.all(...params)
    runs.push(performance.now() - t)
  }
  return runs.sort((a, b) => a - b)[1]!
}
const plan = (sql: string, params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ')
const partner = (db.prepare(`SELECT partner_org_id AS id FROM opportunities WHERE partner_org_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).get() as { id: string }).id

const largest = (db.prepare(`SELECT account_id AS id FROM opportunities GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).get() as { id: string }).id
const loose = (col: string) => `WITH RECURSIVE r(v, n) AS (SELECT min(${col}), 1 FROM accounts UNION ALL SELECT (SELECT min(${col}) FROM accounts WHERE ${col} > r.v), r.n + 1 FROM r WHERE r.v IS NOT NULL AND r.n < 100) SELECT v FROM r WHERE v IS NOT NULL`
const cases: { name: string; before: [string, unknown[]]; after: [string, unknown[]] }[] = [
  {
    name: 'vendor dashboard: IDR count and sum per stage',
    before: [`SELECT stage_id, count(*), sum(amount_minor) FROM opportunities WHERE currency = ? GROUP BY stage_id`, ['IDR']],
    after: [`SELECT stage_id, n, amount_minor FROM opportunity_stage_totals WHERE currency = ?`, ['IDR']],
  },
  {
    name: 'whale partner home: count and IDR sum of the partner\'s deals (before: a full scan forced; the old plan searched opportunities_partner_idx and read every row from the table)',
    before: [`SELECT count(*), sum(amount_minor) FROM opportunities NOT INDEXED WHERE partner_org_id = ? AND currency = ?`, [partner, 'IDR']],
    after: [`SELECT count(*), sum(amount_minor) FROM opportunities WHERE partner_org_id = ? AND currency = ?`, [partner, 'IDR']],
  },
  {
    name: 'account 360°, largest account: latest 25 opportunities (before: the old account_id index, then a sort)',
    before: [`SELECT id FROM opportunities WHERE account_id = ? ORDER BY +updated_at DESC LIMIT 25`, [largest]],
    after: [`SELECT id FROM opportunities WHERE account_id = ? ORDER BY updated_at DESC LIMIT 25`, [largest]],
  },
  {
    name: 'accounts list: region filter, sorted by name, page 3',
    before: [`SELECT id, name FROM accounts INDEXED BY accounts_region_idx WHERE region = ? ORDER BY name, id LIMIT 25 OFFSET 50`, ['DKI Jakarta']],
    after: [`SELECT id, name FROM accounts WHERE region = ? ORDER BY name, id LIMIT 25 OFFSET 50`, ['DKI Jakarta']],
  },
  {
    name: 'accounts filter options: industries',
    before: [`SELECT DISTINCT industry FROM accounts NOT INDEXED WHERE industry IS NOT NULL ORDER BY industry LIMIT 100`, []],
    after: [loose('industry'), []],
  },
  {
    name: 'accounts filter options: regions',
    before: [`SELECT DISTINCT region FROM accounts WHERE region IS NOT NULL ORDER BY region LIMIT 100`, []],
    after: [loose('region'), []],
  },
]
const counts = db.prepare(`SELECT (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM opportunities) AS opportunities`).get() as { accounts: number; opportunities: number }
console.log(`# EXPLAIN QUERY PLAN before/after 0005_perf\n\nDataset: \`${path.basename(source)}\` (${counts.accounts} accounts, ${counts.opportunities} opportunities). "Before" forces the plan SQLite chose without the 0005 indexes (NOT INDEXED / INDEXED BY the old index) or runs the old SQL; times are the median of 3 runs in process (warm cache), shared machine.\n`)
console.log('| statement | before: plan | before ms | after: plan | after ms |\n|---|---|---:|---|---:|')
for (const c of cases) console.log(`| ${c.name} | ${plan(...c.before)} | ${timed(...c.before).toFixed(2)} | ${plan(...c.after)} | ${timed(...c.after).toFixed(2)} |`)
db.close()
fs.rmSync(path.dirname(copy), { recursive: true, force: true })
