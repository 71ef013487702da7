import fs from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'

const here = import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname)
/** db/migrations, whether this file runs from db/ or compiled into build/ (build/start.js). */
export const MIGRATIONS_DIR = fs.existsSync(path.join(here, 'migrations')) ? path.join(here, 'migrations') : path.resolve(here, '../db/migrations')

/**
 * Applies pending migrations with foreign keys off (table rebuilds need it), then proves
 * the result is consistent with PRAGMA foreign_key_check before turning them back on.
 */
export function migrateDatabase(sqlite: Database.Database) {
  sqlite.pragma('foreign_keys = OFF')
  try {
    migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS_DIR })
    const problems = sqlite.pragma('foreign_key_check') as unknown[]
    if (problems.length) throw new Error(`foreign key check failed after migration: ${JSON.stringify(problems.slice(0, 5))}`)
  } finally {
    sqlite.pragma('foreign_keys = ON')
  }
}
