// `npm run bench -- --scale S|M|L[,...]`: the benchmark harness. Never part of `npm test`.
//
// For each scale: generate (or reuse) the dataset, copy it for this run, start the production app
// (`node build/server.js`, the compiled server.ts, NODE_ENV=production, JOBS_ENABLED=false) and the bare baseline
// (bench/baseline-server.ts) pinned to core 0, drive them from the load generator (bench/load/driver.ts: autocannon,
// and paced random arrivals) pinned to core 1, run the module measures (bench/measures/*.ts), and write
// bench/results/<yyyy-mm-dd>-<scale>.md (+ .json): every measure for the app and the baseline measured in the
// same run, their ratio, the target and whether it is met. Absolute times on a shared machine are noise; the
// ratio against a baseline measured minutes apart on the same core is the figure to trust.
//
// Options (defaults in brackets):
//   --scale S,M,L        scales to run, smallest first [S]
//   --duration N         seconds per load round (slow pages get longer rounds) [4]
//   --rounds N           interleaved app/baseline rounds per page [3]
//   --warmup N           warm-up seconds per server and page [2]
//   --connections N      concurrent connections of the load generator [10]
//   --accept-encoding S  sent to both servers [gzip, deflate, br] (what browsers send)
//   --only LIST          any of startup,pages,modules [all]
//   --pages LIST         only these pages: partner-home-typical, partner-home-whale, vendor-dashboard, accounts-list,
//                        account-360-busy, account-360-largest, deal-page, approval-queue, plan-whale, pipeline-report,
//                        mdf-partner-whale, mdf-manager [all]
//   --quick              a smoke run: 1 round of 2 s, 1 start-up, fewer conflict-check lookups
//   --regenerate         regenerate the dataset even when the cached one is current
//   --rebuild            run `npx remix vite:build` even when build/ exists (the run measures a snapshot of build/
//                        taken at its start, so a rebuild by someone else meanwhile changes nothing)
//   --apply FILE.sql     experiment: run this SQL on the run's copy of the database first (a proposed index, say)
//   --app-dir DIR        experiment: run the app from DIR (its own server.ts and build/, e.g. a patched copy) against
//                        the same baseline. Experiments write results with their name as a suffix, never as the latest
//   --no-save            print the report only
//   --cpu-prof DIR       write V8 CPU profiles of the app (node --cpu-prof, one per launch) into DIR; summarise one
//                        with `npx tsx bench/profile-summary.ts FILE.cpuprofile` (profiling slows the app: a profiled
//                        run's figures are not comparable, and it is never saved as the latest)
import { execFileSync, execSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { BENCH_DIR, DATA_DIR, ensureDataset, REPO_DIR } from './generate'
import { LoadDriver } from './lib/load'
import { measurePage, type LoadSettings, type PageResult, type PageSpec } from './lib/pages'
import { formatValue, markdownTable, targetSummary } from './lib/report'
import { parseScales, SCALES, type ScaleName } from './lib/scales'
import { freePort, launch, residentMiB, signIn, type RunningServer } from './lib/servers'
import { median } from './lib/stats'
import type { ModuleRunnerInput } from './lib/module-runner'
import type { DatasetMeta, MeasureContext, ResultRow } from './lib/types'
import { DEMO_PASSWORD } from '../scripts/seed'

const RESULTS_DIR = path.join(BENCH_DIR, 'results')
/** Working directory of the measured app: a snapshot of build/ (see ensureBuild). */
const APP_SNAPSHOT_DIR = path.join(DATA_DIR, 'app')
const APP_CORE = 0
const LOAD_CORE = 1
const TARGETS = {
  throughputRatio: 0.5,
  p99AtHalfMs: 50,
  whaleOverTypical: 3,
  growthPer10x: 1.5,
  startupSeconds: 1,
  idleRssMB: 150,
  loadedRssMB: 300,
  cpuMs: 2,
}
// the pages the issue sets the CPU-per-request target on: partner home, the busy account's 360° page, a deal page
const CPU_TARGET_PAGES = new Set(['partner-home-typical', 'partner-home-whale', 'account-360-busy', 'deal-page'])

type Part = 'startup' | 'pages' | 'modules'
type Options = {
  scales: ScaleName[]
  settings: LoadSettings
  startups: number
  only: Set<Part>
  pages: Set<string> | null
  quick: boolean
  regenerate: boolean
  rebuild: boolean
  apply: string | null
  appDir: string | null
  save: boolean
  cpuProf: string | null
}

type ScaleResult = {
  scale: ScaleName
  date: string
  label: string
  rows: ResultRow[]
  pages: PageResult[]
  meta: DatasetMeta
  startup?: { appMs: number[]; baselineMs: number[]; appIdleMiB: number; baselineIdleMiB: number; appPeakMiB: number; baselinePeakMiB: number }
}

function parseOptions(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag)
    if (i < 0) return undefined
    const v = argv[i + 1]
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`)
    return v
  }
  const number = (flag: string, fallback: number) => {
    const v = value(flag)
    if (v === undefined) return fallback
    const n = Number(v)
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number`)
    return n
  }
  const known = new Set(['--scale', '--duration', '--rounds', '--warmup', '--connections', '--accept-encoding', '--only', '--quick', '--regenerate', '--rebuild', '--apply', '--app-dir', '--pages', '--no-save', '--cpu-prof'])
  for (const arg of argv) if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown option ${arg}`)
  const quick = argv.includes('--quick')
  const only = (value('--only') ?? 'startup,pages,modules').split(',').map((s) => s.trim())
  for (const part of only) if (!['startup', 'pages', 'modules'].includes(part)) throw new Error(`--only: unknown part "${part}"`)
  const apply = value('--apply')
  const appDir = value('--app-dir')
  if (appDir && !fs.existsSync(path.join(appDir, 'server.ts'))) throw new Error(`--app-dir: no server.ts in ${appDir}`)
  return {
    scales: parseScales(value('--scale') ?? 'S'),
    settings: {
      connections: number('--connections', 10),
      roundSeconds: number('--duration', quick ? 2 : 4),
      rounds: Math.round(number('--rounds', quick ? 1 : 3)),
      warmupSeconds: number('--warmup', quick ? 1 : 2),
      acceptEncoding: value('--accept-encoding') ?? 'gzip, deflate, br',
      maxRequestsPerJob: 300_000,
      appMemoryLimitMiB: 3072,
    },
    startups: quick ? 1 : 3,
    only: new Set(only as Part[]),
    pages: value('--pages') ? new Set(value('--pages')!.split(',').map((p) => p.trim())) : null,
    quick,
    regenerate: argv.includes('--regenerate'),
    rebuild: argv.includes('--rebuild'),
    apply: apply ? path.resolve(apply) : null,
    appDir: appDir ? path.resolve(appDir) : null,
    save: !argv.includes('--no-save') && !value('--cpu-prof'),
    cpuProf: value('--cpu-prof') ? path.resolve(value('--cpu-prof')!) : null,
  }
}

let buildWarning: string | null = null

function log(message: string) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`)
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(file) : fs.statSync(file).mtimeMs)
  }
  return newest
}

/**
 * Builds when build/ is missing (or on --rebuild), then snapshots it into bench/.data/app/build: the app is started
 * from there (server.ts resolves build/ against its working directory), so a rebuild by someone else in the middle
 * of a run cannot change what is measured. Says so when app/ has changed since the build.
 */
function ensureBuild(rebuild: boolean): string | null {
  const entry = path.join(REPO_DIR, 'build/server/index.js')
  let warning: string | null = null
  const compiledServer = path.join(REPO_DIR, 'build/server.js')
  if (rebuild || !fs.existsSync(entry) || !fs.existsSync(compiledServer)) {
    log('building the production bundle and server (npm run build)')
    execSync('npm run build', { cwd: REPO_DIR, stdio: 'inherit' })
  } else if (Math.max(newestMtime(path.join(REPO_DIR, 'app')), fs.statSync(path.join(REPO_DIR, 'server.ts')).mtimeMs) > Math.min(fs.statSync(entry).mtimeMs, fs.statSync(compiledServer).mtimeMs)) {
    warning = 'build/ is older than some files in app/ or server.ts: the figures are those of the build (use --rebuild to measure the working tree)'
    log(`warning: ${warning}`)
  }
  fs.rmSync(APP_SNAPSHOT_DIR, { recursive: true, force: true })
  fs.cpSync(path.join(REPO_DIR, 'build'), path.join(APP_SNAPSHOT_DIR, 'build'), { recursive: true, preserveTimestamps: true })
  return warning
}

function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU'
  let commit = 'unknown commit'
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: REPO_DIR, encoding: 'utf8' }).trim()
    if (execSync('git status --porcelain', { cwd: REPO_DIR, encoding: 'utf8' }).trim()) commit += ' + uncommitted changes'
  } catch {
    /* not a git checkout */
  }
  const built = fs.statSync(path.join(APP_SNAPSHOT_DIR, 'build/server/index.js')).mtime.toISOString().slice(0, 16).replace('T', ' ')
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}; commit ${commit}; build/ of ${built} UTC`
}

/** A fresh copy of the cached dataset for this run: the app writes sessions and login attempts into it. */
function runCopy(scale: ScaleName, source: string, apply: string | null): string {
  const dir = path.join(DATA_DIR, 'run')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${scale}.db`)
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
  fs.copyFileSync(source, file)
  if (apply) {
    const started = performance.now()
    const db = new Database(file)
    db.exec(fs.readFileSync(apply, 'utf8'))
    db.close()
    log(`applied ${path.relative(REPO_DIR, apply)} to the run copy in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  return file
}

// ---- start-up and memory ---------------------------------------------------------------------------------------

async function startServers(scale: ScaleName, dbFile: string, opts: Options): Promise<{ app: RunningServer; baseline: RunningServer; startup: NonNullable<ScaleResult['startup']>; relaunchApp: () => Promise<RunningServer> }> {
  const [appPort, basePort] = [await freePort(), await freePort()]
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    JOBS_ENABLED: 'false',
    APP_URL: `http://127.0.0.1:${appPort}`,
    DATABASE_URL: dbFile,
    DATA_DIR: path.join(DATA_DIR, 'run', `${scale}-data`),
    SESSION_SECRET: 'bench-session-secret-bench-session-secret',
    MITRA_CONTENT_DIR: path.join(REPO_DIR, 'content'),
  }
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', DATABASE_URL: dbFile, MITRA_CONTENT_DIR: path.join(REPO_DIR, 'content') }
  // the repository's server.ts run in the build snapshot, or an experiment's own server.ts and build/
  const appLocation = {
    // the compiled server (build/server.js, `npm run build`) in the snapshot, as `npm start` runs it
    ...(opts.appDir ? { script: 'server.ts', cwd: opts.appDir } : { script: path.join(APP_SNAPSHOT_DIR, 'build/server.js'), cwd: APP_SNAPSHOT_DIR }),
    nodeArgs: opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProf}`] : [],
  }
  const appMs: number[] = []
  const baselineMs: number[] = []
  let app: RunningServer | undefined
  let baseline: RunningServer | undefined
  const settle = () => new Promise((r) => setTimeout(r, 1000))
  // interleaved launches; the last of each stays up for the page measures
  for (let i = 0; i < opts.startups; i++) {
    await app?.stop()
    app = await launch({ name: 'app', ...appLocation, port: appPort, env: appEnv, core: APP_CORE })
    appMs.push(app.startupMs)
    await baseline?.stop()
    baseline = await launch({ name: 'baseline', script: 'bench/baseline-server.ts', cwd: REPO_DIR, port: basePort, env: baseEnv, core: APP_CORE })
    baselineMs.push(baseline.startupMs)
    log(`start-up ${i + 1}/${opts.startups}: app ${app.startupMs.toFixed(0)} ms, baseline ${baseline.startupMs.toFixed(0)} ms`)
  }
  await settle()
  const relaunchApp = () => launch({ name: 'app', ...appLocation, port: appPort, env: appEnv, core: APP_CORE })
  return { app: app!, baseline: baseline!, startup: { appMs, baselineMs, appIdleMiB: residentMiB(app!.pid), baselineIdleMiB: residentMiB(baseline!.pid), appPeakMiB: 0, baselinePeakMiB: 0 }, relaunchApp }
}

function startupRows(startup: NonNullable<ScaleResult['startup']>): ResultRow[] {
  const group = 'start-up and memory'
  const appStart = median(startup.appMs) / 1000
  const baseStart = median(startup.baselineMs) / 1000
  return [
    { group, measure: `launch → first 200 on /healthz (median of ${startup.appMs.length})`, unit: 's', app: appStart, baseline: baseStart, target: `≤ ${TARGETS.startupSeconds} s`, met: appStart <= TARGETS.startupSeconds },
    { group, measure: 'idle RSS (1 s after start-up)', unit: 'MB', app: startup.appIdleMiB, baseline: startup.baselineIdleMiB, target: `≤ ${TARGETS.idleRssMB} MB`, met: startup.appIdleMiB <= TARGETS.idleRssMB },
    ...(startup.appPeakMiB > 0
      ? [{ group, measure: 'RSS under load (peak VmHWM)', unit: 'MB' as const, app: startup.appPeakMiB, baseline: startup.baselinePeakMiB, target: `≤ ${TARGETS.loadedRssMB} MB`, met: startup.appPeakMiB <= TARGETS.loadedRssMB }]
      : []),
  ]
}

// ---- pages -------------------------------------------------------------------------------------------------------

type Fixtures = {
  vendorLogin: string
  whalePartner: { login: string; opportunities: number; users: number }
  typicalPartner: { login: string; opportunities: number; users: number }
  largestAccount: { id: string; name: string; opportunities: number; contacts: number }
  busyAccount: { id: string; name: string; opportunities: number; contacts: number }
  whalePlan?: string
  mdfWhaleRequests?: number
}

async function pageSpecs(appOrigin: string, meta: DatasetMeta, dbFile: string): Promise<{ pages: PageSpec[]; cookies: Record<string, string> }> {
  const f = meta.fixtures as Fixtures
  // the deal page: a submitted registration the conflict check flagged, as the partner manager decides it (the seed's)
  const reader = new Database(dbFile, { readonly: true })
  const deal = reader
    .prepare(`SELECT r.id, r.customer_name AS name, (SELECT count(*) FROM deal_conflicts c WHERE c.registration_id = r.id) AS conflicts FROM deal_registrations r WHERE r.status = 'submitted' ORDER BY conflicts DESC, r.submitted_at ASC LIMIT 1`)
    .get() as { id: string; name: string; conflicts: number } | undefined
  reader.close()
  const cookies: Record<string, string> = {}
  for (const email of [f.vendorLogin, f.whalePartner.login, f.typicalPartner.login]) cookies[email] = await signIn(appOrigin, email, DEMO_PASSWORD)
  const n = (v: number) => v.toLocaleString('en-US')
  return {
    cookies,
    pages: [
      { key: 'partner-home-typical', label: `partner home, typical partner (${f.typicalPartner.login}, ${n(f.typicalPartner.opportunities)} deals)`, path: '/', cookie: cookies[f.typicalPartner.login]! },
      { key: 'partner-home-whale', label: `partner home, whale partner (${f.whalePartner.login}, ${n(f.whalePartner.opportunities)} deals)`, path: '/', cookie: cookies[f.whalePartner.login]! },
      { key: 'vendor-dashboard', label: `vendor dashboard (${f.vendorLogin})`, path: '/', cookie: cookies[f.vendorLogin]! },
      { key: 'accounts-list', label: 'accounts list, region filter + sort by name, page 3', path: '/accounts?region=DKI%20Jakarta&sort=name&dir=asc&page=3', cookie: cookies[f.vendorLogin]! },
      { key: 'account-360-busy', label: `account 360, busy account (${n(f.busyAccount.opportunities)} opportunities, ${n(f.busyAccount.contacts)} contacts: the same size at every scale)`, path: `/accounts/${f.busyAccount.id}`, cookie: cookies[f.vendorLogin]! },
      { key: 'account-360-largest', label: `account 360, largest account (${n(f.largestAccount.opportunities)} opportunities, ${n(f.largestAccount.contacts)} contacts)`, path: `/accounts/${f.largestAccount.id}`, cookie: cookies[f.vendorLogin]! },
      ...(deal ? [{ key: 'deal-page', label: `deal registration page, partner manager (submitted, ${deal.conflicts} conflicts)`, path: `/deals/${deal.id}`, cookie: cookies[f.vendorLogin]! }] : []),
      // the manager's console (issue 16): the one approval queue, a plan with live actuals, the pipeline report
      { key: 'approval-queue', label: 'approval queue, every kind', path: '/approvals', cookie: cookies[f.vendorLogin]! },
      ...(f.whalePlan ? [{ key: 'plan-whale', label: `business plan with live actuals, whale partner (${n(f.whalePartner.opportunities)} deals)`, path: `/plans/${f.whalePlan}`, cookie: cookies[f.vendorLogin]! }] : []),
      { key: 'pipeline-report', label: 'pipeline report (funnel, partners, regions, months)', path: '/reports', cookie: cookies[f.vendorLogin]! },
      // market development funds (issue 12): the whale partner's MDF page, the manager's MDF page with its queue
      ...(f.mdfWhaleRequests
        ? [
            { key: 'mdf-partner-whale', label: `MDF page, whale partner (${n(f.mdfWhaleRequests)} requests)`, path: '/mdf', cookie: cookies[f.whalePartner.login]! },
            { key: 'mdf-manager', label: 'MDF page and queue, partner manager', path: '/mdf', cookie: cookies[f.vendorLogin]! },
          ]
        : []),
    ],
  }
}

function pageRows(page: PageResult, settings: LoadSettings): ResultRow[] {
  const c = settings.connections
  const rate = (r: number) => (r < 10 ? r.toFixed(1) : r.toFixed(0))
  const { app, baseline } = page
  const failures = app.failed + baseline.failed + app.rated.failed + baseline.rated.failed + app.paced.failed + baseline.paced.failed
  return [
    {
      group: page.label,
      measure: `throughput @ ${c} connections (median of ${app.roundRps.length} rounds of ${page.roundSeconds} s)`,
      unit: 'req/s',
      app: app.rps,
      baseline: baseline.rps,
      ratio: page.throughputRatio,
      target: `≥ ${TARGETS.throughputRatio}× baseline`,
      met: page.throughputRatio >= TARGETS.throughputRatio,
      note: `ratio: median of the rounds' ratios; round spread ±${(100 * app.spread).toFixed(0)}% / ±${(100 * baseline.spread).toFixed(0)}%`,
    },
    {
      group: page.label,
      measure: 'server CPU time per request (median of the rounds)',
      unit: 'ms',
      app: app.cpuMs,
      baseline: baseline.cpuMs,
      ...(CPU_TARGET_PAGES.has(page.key) ? { target: `≤ ${TARGETS.cpuMs} ms`, met: app.cpuMs <= TARGETS.cpuMs } : {}),
    },
    { group: page.label, measure: `p50 @ ${c} connections`, unit: 'ms', app: app.latency.p50, baseline: baseline.latency.p50 },
    { group: page.label, measure: `p99 @ ${c} connections`, unit: 'ms', app: app.latency.p99, baseline: baseline.latency.p99 },
    { group: page.label, measure: `p50 @ 50% of own capacity (${rate(app.paced.rate)} / ${rate(baseline.paced.rate)} req/s), random arrivals`, unit: 'ms', app: app.paced.latency.p50, baseline: baseline.paced.latency.p50 },
    { group: page.label, measure: 'p99 @ 50% of own capacity, random arrivals', unit: 'ms', app: app.paced.latency.p99, baseline: baseline.paced.latency.p99, target: `≤ ${TARGETS.p99AtHalfMs} ms`, met: app.paced.latency.p99 <= TARGETS.p99AtHalfMs },
    {
      group: page.label,
      measure: 'p99 @ 50% of own capacity, autocannon overallRate',
      unit: 'ms',
      app: app.rated.latency.p99,
      baseline: baseline.rated.latency.p99,
      target: `≤ ${TARGETS.p99AtHalfMs} ms`,
      met: Number.isNaN(app.rated.latency.p99) ? null : app.rated.latency.p99 <= TARGETS.p99AtHalfMs,
      ...(Number.isNaN(app.rated.latency.p99) || Number.isNaN(baseline.rated.latency.p99) ? { note: 'not run where capacity < 2 req/s: autocannon rates are whole requests per second' } : {}),
    },
    { group: page.label, measure: `response size on the wire (${app.encoding} / ${baseline.encoding})`, unit: 'rows', app: app.wireBytes, baseline: baseline.wireBytes, note: failures ? `${failures} failed requests` : 'bytes' },
  ]
}

function whaleRow(pages: PageResult[], settings: LoadSettings): ResultRow[] {
  const whale = pages.find((p) => p.key === 'partner-home-whale')
  const typical = pages.find((p) => p.key === 'partner-home-typical')
  if (!whale || !typical) return []
  const app = whale.app.latency.p50 / typical.app.latency.p50
  const baseline = whale.baseline.latency.p50 / typical.baseline.latency.p50
  return [{ group: 'skew', measure: `whale partner home p50 ÷ typical partner home p50 (@ ${settings.connections} connections)`, unit: '×', app, baseline, ratio: null, target: `≤ ${TARGETS.whaleOverTypical}×`, met: app <= TARGETS.whaleOverTypical }]
}

// ---- growth between scales -----------------------------------------------------------------------------------------

type SavedResult = { scale: ScaleName; date: string; pages: { key: string; label: string; app: { cpuMs: number }; baseline: { cpuMs: number } }[]; accounts: number }

function latestSaved(scale: ScaleName): SavedResult | null {
  if (!fs.existsSync(RESULTS_DIR)) return null
  const files = fs
    .readdirSync(RESULTS_DIR)
    .filter((f) => new RegExp(`^\\d{4}-\\d{2}-\\d{2}-${scale}\\.json$`).test(f))
    .sort()
  const last = files.at(-1)
  return last ? (JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, last), 'utf8')) as SavedResult) : null
}

function toSaved(result: ScaleResult): SavedResult {
  return { scale: result.scale, date: result.date, pages: result.pages, accounts: SCALES[result.scale].accounts }
}

/** CPU time per request of each page, larger scale over smaller, per 10× data. */
function growthRows(current: ScaleResult, earlier: SavedResult[]): ResultRow[] {
  const rows: ResultRow[] = []
  for (const before of earlier) {
    const dataFactor = SCALES[current.scale].accounts / before.accounts
    const exponent = 1 / Math.log10(dataFactor)
    for (const page of current.pages) {
      const old = before.pages.find((p) => p.key === page.key)
      if (!old) continue
      const app = Math.pow(page.app.cpuMs / old.app.cpuMs, exponent)
      const baseline = Math.pow(page.baseline.cpuMs / old.baseline.cpuMs, exponent)
      rows.push({
        group: `growth ${before.scale} → ${current.scale} (CPU time per request, per 10× data; ${before.scale} measured ${before.date})`,
        measure: page.key,
        unit: '×',
        app,
        baseline,
        ratio: null,
        target: `≤ ${TARGETS.growthPer10x}× per 10× data`,
        met: app <= TARGETS.growthPer10x,
      })
    }
  }
  return rows
}

// ---- module measures -------------------------------------------------------------------------------------------------

/** Module measures (bench/measures/*.ts) run in a child process pinned to the app's core: see lib/module-runner.ts. */
function runModuleMeasures(input: ModuleRunnerInput): ResultRow[] {
  const dir = path.join(DATA_DIR, 'run')
  const inputFile = path.join(dir, `${input.scale}-modules-in.json`)
  const outputFile = path.join(dir, `${input.scale}-modules-out.json`)
  fs.writeFileSync(inputFile, JSON.stringify(input))
  fs.rmSync(outputFile, { force: true })
  execFileSync('taskset', ['-c', String(APP_CORE), process.execPath, '--import', 'tsx', path.join(BENCH_DIR, 'lib/module-runner.ts'), inputFile, outputFile], { cwd: REPO_DIR, stdio: 'inherit' })
  return JSON.parse(fs.readFileSync(outputFile, 'utf8')) as ResultRow[]
}

// ---- one scale -------------------------------------------------------------------------------------------------------------

async function runScale(scale: ScaleName, opts: Options, driver: LoadDriver, earlier: SavedResult[]): Promise<ScaleResult> {
  const { file, meta, reused } = await ensureDataset(scale, { force: opts.regenerate, log: (m) => log(`[generate ${scale}] ${m}`) })
  const dbFile = runCopy(scale, file, opts.apply)
  const date = new Date().toISOString().slice(0, 10)
  const result: ScaleResult = { scale, date, label: reused ? 'reused' : 'generated', rows: [], pages: [], meta }
  const started = await startServers(scale, dbFile, opts)
  const { baseline, startup } = started
  let app = started.app
  try {
    let servers: MeasureContext['servers']
    if (opts.only.has('pages') || opts.only.has('modules')) {
      const specs = await pageSpecs(app.origin, meta, dbFile)
      servers = { app: app.origin, baseline: baseline.origin, cookies: specs.cookies }
      if (opts.only.has('pages')) {
        let appPeakMiB = 0
        const pageRowsInOrder: ResultRow[] = []
        const unknown = [...(opts.pages ?? [])].filter((key) => !specs.pages.some((p) => p.key === key))
        if (unknown.length) throw new Error(`--pages: unknown page ${unknown.join(', ')}`)
        for (const page of specs.pages.filter((p) => !opts.pages || opts.pages.has(p.key))) {
          try {
            const measured = await measurePage({ driver, page, app, baseline, settings: opts.settings, log })
            result.pages.push(measured)
            pageRowsInOrder.push(...pageRows(measured, opts.settings))
            appPeakMiB = Math.max(appPeakMiB, measured.appPeakRssMiB)
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error)
            log(`${page.label}: ${message}`)
            pageRowsInOrder.push({ group: page.label, measure: 'not measured', unit: 'ms', app: null, baseline: null, note: message.split('\n')[0] })
            if (app.child.exitCode !== null || app.child.signalCode !== null) {
              appPeakMiB = Math.max(appPeakMiB, opts.settings.appMemoryLimitMiB)
              app = await started.relaunchApp()
            }
          }
        }
        startup.appPeakMiB = Math.max(appPeakMiB, residentMiB(app.pid, 'VmHWM'))
        result.rows.push(...pageRowsInOrder)
        startup.baselinePeakMiB = residentMiB(baseline.pid, 'VmHWM')
        result.rows.push(...whaleRow(result.pages, opts.settings))
      }
    }
    if (opts.only.has('startup') || opts.only.has('pages')) {
      result.startup = startup
      result.rows.unshift(...startupRows(startup))
    }
    if (opts.only.has('modules')) {
      result.rows.push(...runModuleMeasures({ scale, dbFile, dataDir: path.join(DATA_DIR, 'run', `${scale}-data`), meta, servers, quick: opts.quick }))
    }
  } finally {
    await app.stop()
    await baseline.stop()
  }
  if (result.pages.length) result.rows.push(...growthRows(result, earlier))
  return result
}

function renderReport(result: ScaleResult, opts: Options): string {
  const meta = result.meta
  const s = opts.settings
  const rows = meta.rows
  const n = (v: number | undefined) => (v ?? 0).toLocaleString('en-US')
  const { met, notMet } = targetSummary(result.rows)
  return [
    `# Mitra benchmark, scale ${result.scale}, ${result.date}${experiment(opts) ? ` (experiment: ${experiment(opts)})` : ''}`,
    '',
    `- **Data**: ${n(rows.accounts)} accounts (${n(rows.account_match_keys)} match keys), ${n(rows.opportunities)} opportunities, ${n(rows.contacts)} contacts, ${n(rows.leads)} leads, ${n(rows.activities)} activities, ${n(rows.organisations)} organisations, ${n(rows.users)} users; ${(meta.fileBytes / 2 ** 20).toFixed(0)} MiB; generated in ${meta.seconds} s (${Object.entries(meta.stepSeconds).map(([k, v]) => `${k} ${v} s`).join(', ')})${result.label === 'reused' ? ', reused from the cache' : ''}${meta.skippedSteps.length ? `; generator steps skipped: ${meta.skippedSteps.join(', ')}` : ''}.`,
    `- **Machine**: ${machine()}.`,
    `- **Method**: app = ${opts.appDir ? `\`node --import tsx server.ts\` run from ${path.relative(REPO_DIR, opts.appDir)}` : '`node build/server.js` (server.ts compiled by `npm run build`)'} (production build, NODE_ENV=production, JOBS_ENABLED=false); baseline = \`bench/baseline-server.ts\` (node:http + better-sqlite3, same SQL, plain HTML, same compression); both started through \`scripts/node.sh\` as \`npm run serve\` starts the server (on one core it adds \`--single-threaded-gc\`) and pinned to core ${APP_CORE} with taskset, the load generator pinned to core ${LOAD_CORE}; ${s.connections} connections; per page ${s.warmupSeconds} s warm-up each, then ${s.rounds} interleaved rounds (app, baseline, ...) of ≥ ${s.roundSeconds} s, then each server at 50% of its own median throughput (random arrivals, then autocannon \`overallRate\`); \`Accept-Encoding: ${s.acceptEncoding}\` to both.`,
    ...(buildWarning ? [`- **Warning**: ${buildWarning}.`] : []),
    `- **Targets**: ${met} met, ${notMet.length} not met${notMet.length ? ' (**NOT MET** in the table)' : ''}.`,
    '',
    markdownTable(result.rows),
    '',
    'Notes: latencies are exact percentiles over every successful response (from autocannon\'s per-response event, not its 1 ms histogram). ' +
      'At 50% of capacity each server gets half of its own median throughput twice: with random (Poisson) arrivals, open loop, latency counted from when each request was due (how users arrive), and with autocannon `overallRate` as the issue asks, which sends each second\'s quota back to back at the start of the second over all connections, so its p99 is the queueing of that burst (near the saturated figure). ' +
      'Server CPU time per request is the server process\'s user + system time (all threads, /proc/<pid>/stat) over a round divided by its responses: on a shared machine it is steadier than throughput, so growth between scales is computed from it, normalised to a 10× step of data (S → L is 100×). ' +
      `Response sizes are one compressed response in bytes. Figures under ${formatValue(1, 'ms')} are at the limit of what a loop-back HTTP measurement resolves.`,
    '',
  ].join('\n')
}

/** The name of an experiment run (--apply, --app-dir), or null for a plain run. */
function experiment(opts: Options): string | null {
  const parts = [opts.apply ? path.basename(opts.apply, '.sql') : null, opts.appDir ? path.basename(opts.appDir) : null, opts.pages ? 'some-pages' : null].filter(Boolean)
  return parts.length ? parts.join('+') : null
}

function save(result: ScaleResult, report: string, opts: Options) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  const suffix = experiment(opts) ? `-${experiment(opts)}` : ''
  const base = path.join(RESULTS_DIR, `${result.date}-${result.scale}${suffix}`)
  fs.writeFileSync(`${base}.md`, report)
  fs.writeFileSync(`${base}.json`, JSON.stringify({ ...toSaved(result), options: { ...opts.settings, apply: opts.apply, appDir: opts.appDir, quick: opts.quick }, rows: result.rows, startup: result.startup, meta: result.meta }, null, 2))
  log(`wrote ${path.relative(REPO_DIR, base)}.md and .json`)
}

async function main() {
  const opts = parseOptions(process.argv.slice(2))
  if (os.cpus().length < 2) throw new Error('the harness pins the server and the load generator to different cores: it needs 2 cores')
  buildWarning = ensureBuild(opts.rebuild)
  const driver = new LoadDriver(BENCH_DIR, LOAD_CORE)
  const done: SavedResult[] = []
  try {
    for (const scale of opts.scales) {
      // growth against the smaller scales of this run, else their latest saved results
      const earlier = (['S', 'M', 'L'] as const)
        .filter((s) => SCALES[s].accounts < SCALES[scale].accounts)
        .map((s) => done.find((d) => d.scale === s) ?? latestSaved(s))
        .filter((r): r is SavedResult => r !== null && r.pages.length > 0)
      const result = await runScale(scale, opts, driver, experiment(opts) ? earlier.filter((e) => done.includes(e)) : earlier)
      const report = renderReport(result, opts)
      console.log(`\n${report}`)
      if (opts.quick) log('--quick: a smoke run, results not saved')
      else if (opts.save) save(result, report, opts)
      if (result.pages.length) done.push(toSaved(result))
    }
  } finally {
    driver.close()
  }
}

// exit (and so stop the servers, see lib/servers.ts) on Ctrl-C or a kill
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))
await main()
