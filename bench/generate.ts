// Builds (or reuses) the benchmark database of a scale: bench/.data/<scale>.db, with bench/.data/<scale>.json
// beside it. The database is made the way a real one is (committed migrations, then db/seed.ts for the vendor,
// demo logins and pipelines), then every generator step in bench/generators/ bulk-loads its tables.
//
//   npx tsx bench/generate.ts --scale S|M|L [--force]
//
// A cached file is reused while its key matches: a hash of db/migrations, db/seed.ts, the conflict matcher (its
// keys are stored) and the generator sources. Change any of them and the next run regenerates.
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import Database from 'better-sqlite3'
import { migrateDatabase } from '../db/migrate'
import { countRows, tableExists, setBulkPragmas } from './lib/bulk'
import { createRng, seedFrom } from './lib/rng'
import { parseScales, SCALES, type ScaleName } from './lib/scales'
import type { DatasetMeta, GeneratorStep, SharedDataset } from './lib/types'

export const BENCH_DIR = path.resolve(import.meta.dirname)
export const REPO_DIR = path.resolve(BENCH_DIR, '..')
export const DATA_DIR = path.join(BENCH_DIR, '.data')
const GENERATORS_DIR = path.join(BENCH_DIR, 'generators')

/** Fixed "now" of every dataset, so timestamps (and therefore query plans and page contents) never drift. */
export const DATASET_NOW = Date.UTC(2026, 0, 15, 3, 0, 0)

/** Bumped when the generator changes in a way a source hash would not see. */
const GENERATOR_VERSION = 1

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort()
}

/** The cache key: everything that decides what the generated file contains. */
export function datasetKey(): string {
  const hash = crypto.createHash('sha256').update(`v${GENERATOR_VERSION}`)
  const inputs = [
    ...filesUnder(path.join(REPO_DIR, 'db/migrations')),
    path.join(REPO_DIR, 'db/seed.ts'),
    path.join(REPO_DIR, 'app/modules/matching/company-match.ts'),
    ...filesUnder(GENERATORS_DIR),
    path.join(BENCH_DIR, 'lib/names.ts'),
    path.join(BENCH_DIR, 'lib/rng.ts'),
    path.join(BENCH_DIR, 'lib/scales.ts'),
    path.join(BENCH_DIR, 'lib/bulk.ts'),
    path.join(BENCH_DIR, 'generate.ts'),
  ]
  for (const file of inputs) hash.update(path.relative(REPO_DIR, file)).update(fs.readFileSync(file))
  return hash.digest('hex').slice(0, 16)
}

export async function loadGeneratorSteps(): Promise<GeneratorStep[]> {
  const files = fs.readdirSync(GENERATORS_DIR).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
  const steps: GeneratorStep[] = []
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(GENERATORS_DIR, file)).href)) as { default?: GeneratorStep }
    if (!mod.default?.generate) throw new Error(`bench/generators/${file} must export default { name, order, requiresTable, generate }`)
    steps.push(mod.default)
  }
  return steps.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))
}

export function datasetPaths(scale: ScaleName) {
  return { db: path.join(DATA_DIR, `${scale}.db`), meta: path.join(DATA_DIR, `${scale}.json`) }
}

function readMeta(file: string): DatasetMeta | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as DatasetMeta
  } catch {
    return null
  }
}

/** Returns the cached dataset of `scale`, generating it first when it is missing or stale. */
export async function ensureDataset(scale: ScaleName, opts: { force?: boolean; log?: (m: string) => void } = {}): Promise<{ file: string; meta: DatasetMeta; reused: boolean }> {
  const log = opts.log ?? ((m: string) => console.log(`[generate ${scale}] ${m}`))
  const paths = datasetPaths(scale)
  const key = datasetKey()
  const cached = readMeta(paths.meta)
  if (!opts.force && cached?.key === key && fs.existsSync(paths.db)) {
    log(`reusing ${path.relative(REPO_DIR, paths.db)} (key ${key}, generated ${cached.generatedAt} in ${cached.seconds} s)`)
    return { file: paths.db, meta: cached, reused: true }
  }
  const meta = await generateDataset(scale, key, log)
  return { file: paths.db, meta, reused: false }
}

async function generateDataset(scale: ScaleName, key: string, log: (m: string) => void): Promise<DatasetMeta> {
  const spec = SCALES[scale]
  const paths = datasetPaths(scale)
  const tmp = path.join(DATA_DIR, `${scale}.generating.db`)
  fs.mkdirSync(DATA_DIR, { recursive: true })
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true })
  const started = performance.now()
  const stepSeconds: Record<string, number> = {}
  const lap = (name: string, since: number) => (stepSeconds[name] = Math.round((performance.now() - since) / 100) / 10)

  // 1. the schema, exactly as the app migrates it
  let t = performance.now()
  const fresh = new Database(tmp)
  migrateDatabase(fresh)
  fresh.close()
  lap('migrate', t)

  // 2. the demo data and logins, exactly as `npm start` seeds them
  t = performance.now()
  const seedDir = path.join(DATA_DIR, 'seed-tmp')
  fs.mkdirSync(seedDir, { recursive: true })
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'db/seed.ts'], {
    cwd: REPO_DIR,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: tmp, DATA_DIR: seedDir, SESSION_SECRET: 'bench-seed-secret-bench-seed-secret-0000' },
    encoding: 'utf8',
  })
  if (seeded.status !== 0) throw new Error(`db/seed.ts failed:\n${seeded.stdout}\n${seeded.stderr}`)
  lap('seed', t)

  // 3. the bulk steps
  const db = new Database(tmp)
  setBulkPragmas(db)
  const shared: Partial<SharedDataset> = {}
  const fixtures: Record<string, unknown> = {}
  const skippedSteps: string[] = []
  for (const step of await loadGeneratorSteps()) {
    if (!tableExists(db, step.requiresTable)) {
      log(`step ${step.name}: skipped (table ${step.requiresTable} does not exist yet)`)
      skippedSteps.push(step.name)
      continue
    }
    t = performance.now()
    log(`step ${step.name}: start`)
    await step.generate({ db, scale: spec, rng: createRng(seedFrom(`${step.name}/${scale}`)), now: DATASET_NOW, shared, fixtures, log: (m) => log(`step ${step.name}: ${m}`) })
    lap(step.name, t)
    log(`step ${step.name}: done in ${stepSeconds[step.name]} s`)
  }

  // 4. checks and hand-over: foreign keys (full check up to M; at L it would take longer than the load), then the
  // journal mode the app expects to switch to WAL from
  t = performance.now()
  if (scale !== 'L') {
    const problems = db.pragma('foreign_key_check') as unknown[]
    if (problems.length) throw new Error(`generated data breaks foreign keys: ${JSON.stringify(problems.slice(0, 5))}`)
  }
  const rows = countRows(db)
  db.pragma('journal_mode = DELETE')
  db.close()
  lap('check', t)

  fs.renameSync(tmp, paths.db)
  const meta: DatasetMeta = {
    scale,
    key,
    generatedAt: new Date().toISOString(),
    seconds: Math.round((performance.now() - started) / 100) / 10,
    stepSeconds,
    skippedSteps,
    rows,
    fileBytes: fs.statSync(paths.db).size,
    fixtures,
  }
  fs.writeFileSync(paths.meta, JSON.stringify(meta, null, 2))
  log(`generated ${path.relative(REPO_DIR, paths.db)} in ${meta.seconds} s (${(meta.fileBytes / 2 ** 20).toFixed(0)} MiB): ${Object.entries(rows).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ')}`)
  return meta
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)
if (isMain) {
  const args = process.argv.slice(2)
  const scaleArg = args[args.indexOf('--scale') + 1]
  if (!args.includes('--scale') || !scaleArg) {
    console.error('usage: npx tsx bench/generate.ts --scale S|M|L[,...] [--force]')
    process.exit(2)
  }
  for (const scale of parseScales(scaleArg)) await ensureDataset(scale, { force: args.includes('--force') })
}
