// `npm run eval:conflicts -- <file.csv>`: evaluates the deal-registration conflict check
// exactly as ../shared/data/conflicts/README.md describes — a fresh empty database, every
// distinct (existing_name, existing_domain) loaded as one account through the same code the
// app uses, then the real conflict check for each candidate at the default threshold.
//
// `npm run eval:conflicts` without a file does it for the labelled sample, for the generated
// set (tests/data/conflicts/pairs.csv) and for its held-out part, each in its own process and
// database, and prints one line per file.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const file = process.argv.slice(2).find((a) => !a.startsWith('-'))
if (!file) {
  const repo = path.resolve(import.meta.dirname, '..')
  const sets: [string, string][] = [
    ['sample', path.resolve(repo, '../shared/data/conflicts/sample.csv')],
    ['generated set', path.join(repo, 'tests/data/conflicts/pairs.csv')],
    ['  its held-out part', path.join(repo, 'tests/data/conflicts/holdout.csv')],
  ]
  let failed = false
  for (const [label, csv] of sets) {
    if (!fs.existsSync(csv)) {
      console.log(`${label.padEnd(20)} (missing: ${path.relative(process.cwd(), csv)})`)
      continue
    }
    const run = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, csv], { encoding: 'utf8' })
    if (run.status !== 0) {
      failed = true
      console.log(`${label.padEnd(20)} failed: ${run.stderr.trim().split('\n').at(-1)}`)
      continue
    }
    const lines = run.stdout.trim().split('\n')
    console.log(`${label.padEnd(20)} ${lines.at(-1)}  (${lines.at(-2)})`)
  }
  process.exit(failed ? 1 : 0)
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-eval-'))
process.env.DATABASE_URL = path.join(dir, 'eval.db')
process.env.DATA_DIR = dir

const { parseCsv } = await import('../app/utils/csv')
const { migrateDatabase } = await import('../db/migrate')
const { rawSqlite, db, closeDb } = await import('../app/utils/db.server')
const { makeAccount } = await import('../tests/factories')
const { findMatchingAccounts } = await import('../app/modules/crm/crm.server')
const { companyDomain } = await import('../app/modules/matching/company-match')

migrateDatabase(rawSqlite())
const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8')).filter((r) => r.length > 1 || r[0])
const col = (name: string) => {
  const i = header.indexOf(name)
  if (i < 0) throw new Error(`missing column ${name}`)
  return i
}
const [cn, cd, en, ed, m] = ['candidate_name', 'candidate_domain', 'existing_name', 'existing_domain', 'is_match'].map(col)

const accountOf = new Map<string, string>()
db.transaction((tx) => {
  for (const r of rows) {
    const key = `${r[en]}\u0000${r[ed]}`
    if (accountOf.has(key)) continue
    // the domain field may be a URL or an email: it is stored as the account's website/email
    accountOf.set(key, makeAccount({ name: r[en], domain: companyDomain(r[ed]) }, tx).id)
  }
})

let tp = 0
let fp = 0
let fn = 0
for (const r of rows) {
  const own = accountOf.get(`${r[en]}\u0000${r[ed]}`)!
  const reported = findMatchingAccounts({ name: r[cn], domain: companyDomain(r[cd]) }).some((c) => c.record.id === own)
  const isMatch = r[m].trim() === '1'
  if (isMatch && reported) tp++
  else if (!isMatch && reported) fp++
  else if (isMatch && !reported) fn++
}
closeDb()
fs.rmSync(dir, { recursive: true, force: true })
const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
const recall = tp + fn === 0 ? 1 : tp / (tp + fn)
console.log(`rows=${rows.length} accounts=${accountOf.size} tp=${tp} fp=${fp} fn=${fn}`)
console.log(`precision=${precision.toFixed(3)} recall=${recall.toFixed(3)}`)
