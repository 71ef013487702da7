// Readiness (/readyz, served by server.ts): the database takes a write lock and every committed
// migration is applied. Liveness stays /healthz (a Remix route: the database answers).
import fs from 'node:fs'
import path from 'node:path'
import { rawSqlite } from './db.server'

export type Readiness = { ok: boolean; checks: { database: string; migrations: string; draining?: boolean } }

const KEY = Symbol.for('mitra.draining')
const holder = globalThis as unknown as Record<symbol, boolean | undefined>

/** Set when shutdown starts: load balancers stop sending new traffic while requests drain. */
export function setDraining() {
  holder[KEY] = true
}

function latestCommittedMigration(migrationsDir: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] }
  return Math.max(0, ...journal.entries.map((e) => e.when))
}

export function readiness(migrationsDir = path.resolve('db/migrations')): Readiness {
  const checks: Readiness['checks'] = { database: 'ok', migrations: 'ok' }
  let ok = true
  if (holder[KEY]) {
    checks.draining = true
    ok = false
  }
  try {
    const sqlite = rawSqlite()
    const previous = sqlite.pragma('busy_timeout', { simple: true }) as number
    // a probe must answer quickly: wait at most a second for another writer
    sqlite.pragma('busy_timeout = 1000')
    try {
      sqlite.exec('BEGIN IMMEDIATE')
      sqlite.exec('ROLLBACK')
    } finally {
      sqlite.pragma(`busy_timeout = ${previous}`)
    }
    try {
      const applied = (sqlite.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as { at: number | null }).at ?? 0
      if (applied < latestCommittedMigration(migrationsDir)) {
        checks.migrations = 'pending: run npm run db:migrate'
        ok = false
      }
    } catch (error) {
      checks.migrations = `unknown: ${(error as Error).message}`
      ok = false
    }
  } catch (error) {
    checks.database = `not writable: ${(error as Error).message}`
    ok = false
  }
  return { ok, checks }
}

/** Liveness (/healthz): the process answers and its database answers a trivial query. */
export async function liveness(): Promise<{ ok: boolean }> {
  try {
    rawSqlite().prepare('SELECT 1').get()
    return { ok: true }
  } catch {
    return { ok: false }
  }
}
