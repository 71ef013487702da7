// Runs the module measures (bench/measures/*.ts) of one scale in a process of their own, started by run.ts under
// `taskset -c 0` so that in-process measures get one core like the server does. A process of its own also gives
// the app's modules a fresh configuration: DATABASE_URL is read once per process (app/utils/env.server.ts), and
// the measures call the app's own service code against the run's database.
//
//   node --import tsx bench/lib/module-runner.ts <context.json> <rows.json>
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import Database from 'better-sqlite3'
import { tableExists } from './bulk'
import { LoadDriver } from './load'
import type { DatasetMeta, MeasureContext, ModuleMeasure, ResultRow } from './types'
import { SCALES, type ScaleName } from './scales'

export type ModuleRunnerInput = {
  scale: ScaleName
  dbFile: string
  dataDir: string
  meta: DatasetMeta
  servers?: MeasureContext['servers']
  quick: boolean
}

const BENCH_DIR = path.resolve(import.meta.dirname, '..')

async function main() {
  const [inputFile, outputFile] = process.argv.slice(2)
  if (!inputFile || !outputFile) throw new Error('usage: module-runner.ts <context.json> <rows.json>')
  const input = JSON.parse(fs.readFileSync(inputFile, 'utf8')) as ModuleRunnerInput
  Object.assign(process.env, {
    NODE_ENV: 'production',
    DATABASE_URL: input.dbFile,
    DATA_DIR: input.dataDir,
    SESSION_SECRET: 'bench-session-secret-bench-session-secret',
    JOBS_ENABLED: 'false',
    ...(input.servers ? { APP_URL: input.servers.app } : {}),
  })
  const log = (m: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`)
  let driver: LoadDriver | undefined
  const ctx: MeasureContext = {
    scale: SCALES[input.scale],
    dbFile: input.dbFile,
    meta: input.meta,
    servers: input.servers,
    quick: input.quick,
    loadDriver: () => (driver ??= new LoadDriver(BENCH_DIR, 1)),
    log,
  }
  const dir = path.join(BENCH_DIR, 'measures')
  const check = new Database(input.dbFile, { readonly: true })
  const rows: ResultRow[] = []
  try {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort()) {
      const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: ModuleMeasure }
      const measure = mod.default
      if (!measure?.run) throw new Error(`bench/measures/${file} must export default { name, run }`)
      if (measure.requiresTable && !tableExists(check, measure.requiresTable)) {
        log(`module measure ${measure.name}: skipped (no table ${measure.requiresTable})`)
        continue
      }
      log(`module measure ${measure.name}`)
      rows.push(...(await measure.run(ctx)))
    }
  } finally {
    check.close()
    driver?.close()
  }
  fs.writeFileSync(outputFile, JSON.stringify(rows))
}

await main()
