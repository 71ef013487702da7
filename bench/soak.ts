// `npm run soak [-- --seconds 60 --concurrency 8 --report file.md]`: the production server on a free loopback
// port with a fresh seeded database, driven for a set time by a bounded mix of partner and
// vendor traffic (sign-in, pages, filters, the account 360, a few writes), with the in-process
// jobs running. Only ever talks to 127.0.0.1. Reports requests, latency percentiles, errors and
// 5xx, the server's memory, a PRAGMA integrity_check at the end, and a bare baseline (GET
// /healthz at the same concurrency) measured in the same run; writes
// bench/results/<date>-soak.md and exits non-zero on any 5xx.
import { execFileSync, execSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { freePort } from '../scripts/lib/free-port'

const REPO = path.resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`)
  const value = at >= 0 ? Number(args[at + 1]) : fallback
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`)
  return value
}
const SECONDS = option('seconds', 60)
const CONCURRENCY = Math.min(64, Math.round(option('concurrency', 8)))
const BASELINE_SECONDS = Math.min(5, Math.max(1, Math.round(SECONDS / 10)))
const PASSWORD = 'mitra-demo-2026' // scripts/seed.ts
const SESSION_SECRET = 'soak-secret-soak-secret-soak-secret-soak'

// ---- a fresh server --------------------------------------------------------------------


if (!fs.existsSync(path.join(REPO, 'build/server/index.js'))) execSync('npx remix vite:build', { cwd: REPO, stdio: 'inherit' })

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-soak-'))
const port = await freePort()
const BASE = `http://127.0.0.1:${port}`
if (new URL(BASE).hostname !== '127.0.0.1') throw new Error('the soak only talks to 127.0.0.1')
const dbFile = path.join(dir, 'mitra.db')
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: 'production',
  PORT: String(port),
  HOST: '127.0.0.1',
  APP_URL: BASE,
  DATABASE_URL: dbFile,
  DATA_DIR: dir,
  SESSION_SECRET,
  JOBS_ENABLED: 'true',
  JOBS_INTERVAL_SECONDS: '10',
}
const tsx = (script: string) => ['--import', 'tsx', path.join(REPO, script)]
console.log(`soak: seeding a fresh database in ${dir}`)
execFileSync(process.execPath, tsx('scripts/migrate.ts'), { cwd: REPO, env, stdio: 'ignore' })
execFileSync(process.execPath, tsx('scripts/seed.ts'), { cwd: REPO, env, stdio: 'ignore' })

const server = spawn(process.execPath, tsx('server.ts'), { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] })
let serverLog = ''
server.stdout.on('data', (d) => (serverLog += d))
server.stderr.on('data', (d) => (serverLog += d))
for (const deadline = Date.now() + 45_000; ; ) {
  try {
    if ((await fetch(`${BASE}/healthz`)).ok) break
  } catch {
    /* not up yet */
  }
  if (server.exitCode !== null || Date.now() > deadline) {
    console.error(`the server did not start:\n${serverLog}`)
    process.exit(1)
  }
  await new Promise((r) => setTimeout(r, 200))
}

function rssMb(): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1])
    return Math.round(kb / 1024)
  } catch {
    return NaN
  }
}

// ---- what the traffic touches ------------------------------------------------------------

const db = new Database(dbFile, { readonly: true })
const column = <T>(sql: string) => (db.prepare(sql).all() as Record<string, T>[]).map((r) => Object.values(r)[0] as T)
const fixtures = {
  accounts: column<string>('SELECT id FROM accounts ORDER BY id LIMIT 60'),
  regions: column<string>('SELECT DISTINCT region FROM accounts WHERE region IS NOT NULL'),
  industries: column<string>('SELECT DISTINCT industry FROM accounts WHERE industry IS NOT NULL'),
  words: column<string>("SELECT DISTINCT substr(name, 4, 5) FROM accounts WHERE name LIKE 'PT %' LIMIT 30"),
  pipelines: column<string>('SELECT id FROM pipelines'),
  opportunities: column<string>('SELECT id FROM opportunities ORDER BY id LIMIT 60'),
  majujaya: column<string>("SELECT id FROM organisations WHERE name = 'PT Maju Jaya Solusi'")[0],
  majujayaDeals: column<string>("SELECT d.id FROM deal_registrations d JOIN organisations o ON o.id = d.partner_org_id WHERE o.name = 'PT Maju Jaya Solusi'"),
}
db.close()

type Sample = { action: string; ms: number; status: number; ok: boolean }
const samples: Sample[] = []
let phase: 'baseline' | 'mix' = 'baseline'
const baseline: number[] = []

let seed = 2026
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return seed / 0x7fffffff
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]

async function call(action: string, pathname: string, init: { cookie?: string; form?: Record<string, string>; expect?: number[] } = {}) {
  const headers: Record<string, string> = {}
  if (init.cookie) headers.Cookie = init.cookie
  if (init.form) headers.Origin = BASE
  const started = performance.now()
  let status = 0
  let location: string | null = null
  let setCookie: string[] = []
  try {
    const res = await fetch(BASE + pathname, { method: init.form ? 'POST' : 'GET', headers, body: init.form ? new URLSearchParams(init.form) : undefined, redirect: 'manual' })
    await res.arrayBuffer()
    status = res.status
    location = res.headers.get('location')
    setCookie = res.headers.getSetCookie()
  } catch {
    status = 0
  }
  const ms = performance.now() - started
  const ok = (init.expect ?? (init.form ? [302] : [200])).includes(status)
  if (phase === 'baseline') baseline.push(ms)
  else samples.push({ action, ms, status, ok })
  return { status, location, setCookie }
}

async function signIn(email: string): Promise<string> {
  const res = await call('POST /login', '/login', { form: { email, password: PASSWORD } })
  const cookie = res.setCookie.map((c) => /^(mitra_session=[^;]+)/.exec(c)?.[1]).find(Boolean)
  if (!cookie) throw new Error(`sign-in as ${email} failed (${res.status})`)
  return cookie
}

type Persona = { email: string; actions: [weight: number, run: (cookie: string) => Promise<unknown>][] }

const accountFilter = () => {
  const params = new URLSearchParams()
  if (random() < 0.5) params.set('q', pick(fixtures.words))
  if (random() < 0.4) params.set('region', pick(fixtures.regions))
  if (random() < 0.3) params.set('industry', pick(fixtures.industries))
  params.set('sort', pick(['name', 'city', 'region', 'updatedAt']))
  params.set('dir', pick(['asc', 'desc']))
  if (random() < 0.3) params.set('page', String(1 + Math.floor(random() * 4)))
  return `/accounts?${params}`
}

const PERSONAS: Persona[] = [
  {
    email: 'user@majujaya.test',
    actions: [
      [3, (c) => call('GET / (partner)', '/', { cookie: c })],
      [2, (c) => call('GET /notifications', '/notifications', { cookie: c })],
      [2, (c) => call('GET /organisations/:own', `/organisations/${fixtures.majujaya}`, { cookie: c })],
      [2, (c) => call('GET /deals (partner)', '/deals', { cookie: c })],
      [1, (c) => call('GET /deals/:id (partner)', `/deals/${pick(fixtures.majujayaDeals)}`, { cookie: c })],
      [1, (c) => call('GET /profile', '/profile', { cookie: c })],
      [1, (c) => call('POST /notifications read-all', '/notifications', { cookie: c, form: { intent: 'read-all' } })],
    ],
  },
  {
    email: 'admin@majujaya.test',
    actions: [
      [3, (c) => call('GET / (partner)', '/', { cookie: c })],
      [2, (c) => call('GET /organisations/:own', `/organisations/${fixtures.majujaya}`, { cookie: c })],
      [2, (c) => call('GET /deals (partner)', '/deals', { cookie: c })],
      [1, (c) => call('GET /notifications', '/notifications', { cookie: c })],
      [1, (c) => call('POST /profile', '/profile', { cookie: c, form: { name: 'Budi Santoso', locale: pick(['id', 'en']), timeZone: 'Asia/Jakarta' } })],
    ],
  },
  {
    email: 'manager@mitra.test',
    actions: [
      [3, (c) => call('GET / (dashboard)', '/', { cookie: c })],
      [2, (c) => call('GET /accounts', '/accounts', { cookie: c })],
      [4, (c) => call('GET /accounts?filters', accountFilter(), { cookie: c })],
      [4, (c) => call('GET /accounts/:id (360)', `/accounts/${pick(fixtures.accounts)}`, { cookie: c })],
      [2, (c) => call('GET /opportunities', `/opportunities${random() < 0.5 ? `?pipelineId=${pick(fixtures.pipelines)}` : ''}`, { cookie: c })],
      [1, (c) => call('GET /opportunities/:id', `/opportunities/${pick(fixtures.opportunities)}`, { cookie: c })],
      [1, (c) => call('GET /pipelines/:id', `/pipelines/${pick(fixtures.pipelines)}`, { cookie: c })],
      [1, (c) => call('GET /leads?band=hot', '/leads?band=hot&sort=score&dir=desc', { cookie: c })],
      [1, (c) => call('GET /contacts?q', `/contacts?q=${encodeURIComponent(pick(['budi', 'siti', 'agus', 'dewi']))}`, { cookie: c })],
      [1, (c) => call('GET /deals/approvals', '/deals/approvals', { cookie: c })],
      [1, (c) => call('GET /notifications', '/notifications', { cookie: c })],
    ],
  },
  {
    email: 'sales@mitra.test',
    actions: [
      [2, (c) => call('GET / (dashboard)', '/', { cookie: c })],
      [3, (c) => call('GET /accounts?filters', accountFilter(), { cookie: c })],
      [3, (c) => call('GET /accounts/:id (360)', `/accounts/${pick(fixtures.accounts)}`, { cookie: c })],
      [1, (c) => call('POST /accounts/:id activity', `/accounts/${pick(fixtures.accounts)}?index`, { cookie: c, form: { kind: pick(['note', 'call', 'meeting']), subject: 'Soak follow-up', body: 'Discussed renewal timeline.' } })],
      [1, (c) => call('GET /leads', '/leads', { cookie: c })],
      [1, (c) => call('GET /opportunities', '/opportunities', { cookie: c })],
    ],
  },
]

async function virtualUser(n: number, until: number) {
  const persona = PERSONAS[n % PERSONAS.length]
  const total = persona.actions.reduce((sum, [w]) => sum + w, 0)
  let cookie = await signIn(persona.email)
  for (let i = 1; Date.now() < until; i++) {
    // now and then a user signs out and in again, so sign-in is part of the mix
    if (i % 150 === 0) {
      await call('POST /logout', '/logout', { cookie, form: {} })
      cookie = await signIn(persona.email)
      continue
    }
    let roll = random() * total
    const [, run] = persona.actions.find(([w]) => (roll -= w) < 0) ?? persona.actions[0]
    await run(cookie)
  }
}

// ---- run -----------------------------------------------------------------------------------

const rssStart = rssMb()
console.log(`soak: baseline GET /healthz for ${BASELINE_SECONDS}s, then the mix for ${SECONDS}s at concurrency ${CONCURRENCY} against ${BASE}`)
{
  const until = Date.now() + BASELINE_SECONDS * 1000
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < until) await call('baseline', '/healthz')
  }))
}
phase = 'mix'
let rssPeak = rssMb()
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb())), 1000)
const started = Date.now()
await Promise.all(Array.from({ length: CONCURRENCY }, (_, n) => virtualUser(n, started + SECONDS * 1000)))
const elapsed = (Date.now() - started) / 1000
clearInterval(sampler)
const rssEnd = rssMb()

server.kill('SIGTERM')
await new Promise((r) => server.once('exit', r))
const check = new Database(dbFile)
const integrity = check.pragma('integrity_check', { simple: true }) as string
const fkProblems = (check.pragma('foreign_key_check') as unknown[]).length
check.close()
fs.rmSync(dir, { recursive: true, force: true })

// ---- report --------------------------------------------------------------------------------

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN)
const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : '—')
const all = samples.map((s) => s.ms).sort((a, b) => a - b)
const base = [...baseline].sort((a, b) => a - b)
const errors = samples.filter((s) => !s.ok)
const fivexx = samples.filter((s) => s.status >= 500)
const networkErrors = samples.filter((s) => s.status === 0)
const writes = samples.filter((s) => s.action.startsWith('POST')).length
const byAction = new Map<string, Sample[]>()
for (const s of samples) byAction.set(s.action, [...(byAction.get(s.action) ?? []), s])
const serverErrorLines = serverLog.split('\n').filter((l) => /error/i.test(l)).length
let commit = 'unknown'
try {
  commit = execSync('git rev-parse --short HEAD', { cwd: REPO }).toString().trim() + (execSync('git status --porcelain', { cwd: REPO }).toString().trim() ? ' (with uncommitted changes)' : '')
} catch {
  /* not a git checkout */
}

const lines = [
  `# Soak — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  '',
  `Production build (\`server.ts\`, NODE_ENV=production, in-process jobs every 10 s) on 127.0.0.1 with a fresh seeded database;`,
  `${CONCURRENCY} virtual users (partner user, partner admin, partner manager, sales) for ${elapsed.toFixed(0)} s. Commit ${commit};`,
  `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}. Command: \`npm run soak -- --seconds ${SECONDS} --concurrency ${CONCURRENCY}\`.`,
  '',
  '| measure | value |',
  '|---|---|',
  `| requests | ${samples.length} (${(samples.length / elapsed).toFixed(1)}/s), of which ${writes} writes (POST) |`,
  `| latency p50 / p90 / p99 / max | ${fmt(quantile(all, 0.5))} / ${fmt(quantile(all, 0.9))} / ${fmt(quantile(all, 0.99))} / ${fmt(all.at(-1) ?? NaN)} ms |`,
  `| baseline GET /healthz p50 / p99 | ${fmt(quantile(base, 0.5))} / ${fmt(quantile(base, 0.99))} ms (${base.length} requests in ${BASELINE_SECONDS} s) |`,
  `| ratio to baseline (p50, p99) | ${(quantile(all, 0.5) / quantile(base, 0.5)).toFixed(1)}× / ${(quantile(all, 0.99) / quantile(base, 0.99)).toFixed(1)}× |`,
  `| errors (unexpected status) | ${errors.length} |`,
  `| 5xx | ${fivexx.length} |`,
  `| network errors | ${networkErrors.length} |`,
  `| server RSS start / peak / end | ${rssStart} / ${rssPeak} / ${rssEnd} MB |`,
  `| error lines in the server log | ${serverErrorLines} |`,
  `| integrity_check / foreign_key_check | ${integrity} / ${fkProblems} problems |`,
  '',
  '| action | requests | p50 ms | p99 ms | errors |',
  '|---|---:|---:|---:|---:|',
  ...[...byAction.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([action, list]) => {
      const sorted = list.map((s) => s.ms).sort((a, b) => a - b)
      return `| ${action} | ${list.length} | ${fmt(quantile(sorted, 0.5))} | ${fmt(quantile(sorted, 0.99))} | ${list.filter((s) => !s.ok).length} |`
    }),
  '',
]
if (errors.length) {
  const kinds = new Map<string, number>()
  for (const e of errors) kinds.set(`${e.action} → ${e.status}`, (kinds.get(`${e.action} → ${e.status}`) ?? 0) + 1)
  lines.push('Unexpected answers:', '', ...[...kinds.entries()].map(([k, n]) => `- ${k}: ${n}`), '')
}
const report = lines.join('\n')
const reportAt = args.indexOf('--report')
const out = reportAt >= 0 ? path.resolve(args[reportAt + 1]) : path.join(REPO, 'bench/results', `${new Date().toISOString().slice(0, 10)}-soak.md`)
fs.mkdirSync(path.dirname(out), { recursive: true })
fs.writeFileSync(out, report)
console.log(report)
console.log(`soak: report written to ${path.relative(REPO, out)}`)
if (fivexx.length || networkErrors.length || integrity !== 'ok' || fkProblems) {
  if (serverErrorLines) console.error('--- server log (last 3000 characters) ---\n' + serverLog.slice(-3000))
  process.exit(1)
}
