// Migrates one template database per test run; every test file copies it (per-worker.ts),
// so each file starts from a fresh, fully migrated database in a few milliseconds.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { migrateDatabase } from '../../db/migrate'

export const TMP_DIR = path.resolve('tests/.tmp')
export const TEMPLATE_DB = path.join(TMP_DIR, 'template.db')

export default function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true })
  fs.mkdirSync(TMP_DIR, { recursive: true })
  const sqlite = new Database(TEMPLATE_DB)
  sqlite.pragma('journal_mode = DELETE')
  migrateDatabase(sqlite)
  sqlite.close()
  return () => fs.rmSync(TMP_DIR, { recursive: true, force: true })
}
