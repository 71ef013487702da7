// The two extension points of the harness: generator steps (bench/generators/*.ts) and module measures
// (bench/measures/*.ts). A module adds one file to each; run.ts and generate.ts find them by listing the folder.
import type Database from 'better-sqlite3'
import type { LoadDriver } from './load'
import type { Rng } from './rng'
import type { ScaleName, ScaleSpec } from './scales'

/**
 * What the CRM step leaves behind for later steps (a deal-registration step needs partners, their users and
 * accounts), so they need not re-read it from the database. Ranks are Zipf ranks: index 0 is the whale.
 */
export type SharedDataset = {
  vendorOrgId: string
  vendorUserIds: string[]
  /** Partner organisation ids by rank (0 = the partner with the most deals). */
  partnerIdsByRank: string[]
  /** User ids per partner organisation id. */
  partnerUserIds: Map<string, string[]>
  accountIds: string[]
  accountNames: string[]
  /** The password hash every generated user shares (the demo password, hashed like the seed does). */
  passwordHash: string
}

export type GeneratorContext = {
  db: Database.Database
  scale: ScaleSpec
  /** A random stream of this step's own (seeded from the step name and the scale). */
  rng: Rng
  /** "Now" for the dataset: every timestamp is relative to it, so a rerun makes the same rows. */
  now: number
  shared: Partial<SharedDataset>
  /** Facts the measures need (ids of the whale account, which logins are typical or whale partners, ...). */
  fixtures: Record<string, unknown>
  log: (message: string) => void
}

export type GeneratorStep = {
  name: string
  /** Steps run in ascending order; the CRM step is 0. */
  order: number
  /** The step is skipped (and says so) when this table does not exist yet in the migrated schema. */
  requiresTable: string
  generate: (ctx: GeneratorContext) => void | Promise<void>
}

/** What is written beside a generated database (bench/.data/<scale>.json). */
export type DatasetMeta = {
  scale: ScaleName
  /** Hash of the migrations and the generator sources; a different key means the cached file is stale. */
  key: string
  generatedAt: string
  seconds: number
  stepSeconds: Record<string, number>
  skippedSteps: string[]
  rows: Record<string, number>
  fileBytes: number
  fixtures: Record<string, unknown>
}

export type ResultRow = {
  /** Section of the report, e.g. "partner home (typical partner)". */
  group: string
  measure: string
  unit: 'req/s' | 'ms' | 'MB' | 's' | '×' | '%' | 'rows'
  app: number | null
  /** Same measure on the bare baseline, when there is one. */
  baseline: number | null
  /** app / baseline unless given. */
  ratio?: number | null
  target?: string
  met?: boolean | null
  note?: string
}

export type MeasureContext = {
  scale: ScaleSpec
  /** The database the servers are using (a copy of the cached dataset for this run). */
  dbFile: string
  meta: DatasetMeta
  /** When the run has servers up: origins and a signed-in session cookie per login email. */
  servers?: { app: string; baseline: string; cookies: Record<string, string> }
  /** A load generator pinned to the other core, for measures that drive the servers (started on first call). */
  loadDriver: () => LoadDriver
  /** Quick mode (--quick): measures should use fewer iterations. */
  quick: boolean
  log: (message: string) => void
}

export type ModuleMeasure = {
  name: string
  /** Skipped when this table does not exist. */
  requiresTable?: string
  run: (ctx: MeasureContext) => Promise<ResultRow[]> | ResultRow[]
}
