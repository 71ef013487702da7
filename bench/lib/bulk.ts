// Bulk loading with raw better-sqlite3: prepared statements, large transactions, and secondary indexes dropped
// during the load and rebuilt afterwards (building an index from sorted data is several times faster than
// maintaining it row by row). Only ever used on a benchmark database being generated, never on a live one.
import type Database from 'better-sqlite3'

/** Pragmas for generation only: no journal, no fsync, no foreign-key checks per row, a large page cache. */
export function setBulkPragmas(db: Database.Database) {
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('foreign_keys = OFF')
  db.pragma('cache_size = -524288') // 512 MiB
  db.pragma('threads = 2') // lets CREATE INDEX sort on both cores
}

export function tableExists(db: Database.Database, table: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined
}

/**
 * Drops the secondary indexes of `tables` (not the primary keys), runs `load`, then recreates them exactly as the
 * migrations defined them. Returns the seconds spent rebuilding.
 */
export function withIndexesDropped(db: Database.Database, tables: readonly string[], load: () => void, log: (m: string) => void): void {
  const placeholders = tables.map(() => '?').join(', ')
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${placeholders})`)
    .all(...tables) as { name: string; sql: string }[]
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`)
  load()
  const started = performance.now()
  for (const index of indexes) db.exec(index.sql)
  log(`rebuilt ${indexes.length} indexes in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

/** Runs `body(i)` for i in [0, n) in transactions of `batch` iterations. */
export function inBatches(db: Database.Database, n: number, batch: number, body: (i: number) => void, progress?: (done: number) => void) {
  for (let start = 0; start < n; start += batch) {
    const end = Math.min(n, start + batch)
    db.transaction(() => {
      for (let i = start; i < end; i++) body(i)
    })()
    progress?.(end)
  }
}

export function countRows(db: Database.Database): Record<string, number> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name`).all() as { name: string }[]
  const out: Record<string, number> = {}
  for (const { name } of tables) out[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n
  return out
}
