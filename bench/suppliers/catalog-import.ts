// Catalog import at a million lines (issue 15): the app's own import (streamed CSV through csv-parse, every row
// validated, staged in batches, compared with the approved catalog, all in the command's code path) against the
// raw better-sqlite3 insert rate of the same rows into the same indexed table (catalog_staged_lines, prepared
// statement, 10,000 rows per transaction, no parsing, no checks), measured in the same run on the same machine.
// Targets: app ≥ 0.3× the raw rate; the import's peak RSS ≤ 300 MB.
//
//   npx tsx bench/suppliers/catalog-import.ts [--lines 1000000]
//
// Data under bench/.data/catalog-import/ (gitignored): a migrated, seeded database and the generated CSV.
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const LINES = arg('lines', 1_000_000)
const dir = path.resolve('bench/.data/catalog-import')
fs.mkdirSync(dir, { recursive: true })
const csvFile = path.join(dir, `catalog-${LINES}.csv`)
const template = path.join(dir, 'template.db')
const log = (m: string) => console.log(`[import bench ${new Date().toISOString().slice(11, 19)}] ${m}`)

function row(i: number) {
  const sku = `SKU-${String(i).padStart(7, '0')}`
  const price = 10_000 + ((i * 7919) % 5_000_000)
  return [sku, `Item ${i} kabel tembaga`, i % 3 ? 'Deskripsi "standar", 1 m' : '', 'unit', String(price), 'IDR', String(1 + (i % 10)), String(i % 30), i % 2 ? 'Kabel' : 'Jaringan', '2026-01-01', '', 'true']
}
const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

if (!fs.existsSync(csvFile)) {
  log(`writing ${LINES.toLocaleString('en-US')} lines to ${path.relative(process.cwd(), csvFile)}`)
  const fd = fs.openSync(csvFile, 'w')
  fs.writeSync(fd, 'sku,name,description,unit,price,currency,min_order_qty,lead_time_days,category,effective_from,effective_to,active\n')
  let buf = ''
  for (let i = 1; i <= LINES; i++) {
    buf += row(i).map(cell).join(',') + '\n'
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf)
      buf = ''
    }
  }
  fs.writeSync(fd, buf)
  fs.closeSync(fd)
}
if (!fs.existsSync(template)) {
  log('migrating and seeding a template database')
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: template, DATA_DIR: dir, NODE_ENV: 'production', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-00', MITRA_EMAIL_KICK: 'off' }
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], { env, stdio: 'inherit' })
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], { env, stdio: 'inherit' })
}

// 1. the raw rate: the same rows into the same table of a copy, prepared statement, big transactions
const rawFile = path.join(dir, 'raw.db')
fs.copyFileSync(template, rawFile)
const raw = new Database(rawFile)
raw.pragma('journal_mode = WAL')
raw.pragma('synchronous = NORMAL')
const insert = raw.prepare(`INSERT INTO catalog_staged_lines (version_id, sku, row_no, name, description, unit, price_minor, currency, min_order_qty, lead_time_days, category, effective_from, effective_to, active, rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`)
const batch = raw.transaction((from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const r = row(i)
    insert.run('raw-version', r[0], i, r[1], r[2] || null, r[3], Number(r[4]), r[5], Number(r[6]), Number(r[7]), r[8], r[9], null, 1)
  }
})
let t = performance.now()
for (let i = 1; i <= LINES; i += 10_000) batch(i, Math.min(LINES + 1, i + 10_000))
const rawSeconds = (performance.now() - t) / 1000
raw.close()
fs.rmSync(rawFile, { force: true })
fs.rmSync(`${rawFile}-wal`, { force: true })
fs.rmSync(`${rawFile}-shm`, { force: true })
const rawRate = LINES / rawSeconds
log(`raw insert: ${LINES.toLocaleString('en-US')} rows in ${rawSeconds.toFixed(1)} s = ${Math.round(rawRate).toLocaleString('en-US')} rows/s`)

// 2. the app's import, as `npm run catalog:import` runs it, in a process of its own (its peak RSS is its own)
const appFile = path.join(dir, 'app.db')
fs.copyFileSync(template, appFile)
t = performance.now()
const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/suppliers/import-child.ts', 'sumbermakmur.test', csvFile], {
  env: { ...process.env, DATABASE_URL: appFile, DATA_DIR: dir, NODE_ENV: 'production', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-00', MITRA_EMAIL_KICK: 'off', JOBS_ENABLED: 'false' },
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
})
const wall = (performance.now() - t) / 1000
if (child.status !== 0) throw new Error(`import failed: ${child.stderr}`)
const out = JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number; maxRssMiB: number; summary: { rows: number; valid: number; invalid: number; new: number } }
for (const f of [appFile, `${appFile}-wal`, `${appFile}-shm`]) fs.rmSync(f, { force: true })
const appRate = out.summary.rows / (out.ms / 1000)
const ratio = appRate / rawRate
log(`app import: ${out.summary.rows.toLocaleString('en-US')} rows (${out.summary.valid.toLocaleString('en-US')} valid, ${out.summary.new.toLocaleString('en-US')} new) in ${(out.ms / 1000).toFixed(1)} s (process ${wall.toFixed(1)} s) = ${Math.round(appRate).toLocaleString('en-US')} rows/s; peak RSS ${out.maxRssMiB.toFixed(0)} MiB`)
log(`ratio ${ratio.toFixed(2)}× the raw rate (target ≥ 0.3×: ${ratio >= 0.3 ? 'met' : 'NOT MET'}); peak RSS ${out.maxRssMiB <= 300 ? 'met' : 'NOT MET'} (≤ 300 MB)`)
console.log(JSON.stringify({ lines: LINES, rawRowsPerSecond: Math.round(rawRate), appRowsPerSecond: Math.round(appRate), ratio: Number(ratio.toFixed(3)), appSeconds: Number((out.ms / 1000).toFixed(1)), peakRssMiB: Math.round(out.maxRssMiB), summary: out.summary }))
