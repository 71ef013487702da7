import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import * as schema from '../../db/schema'
import { getEnv } from './env.server'

export type Db = BetterSQLite3Database<typeof schema>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

/** Opens a SQLite file with the pragmas every connection needs (DESIGN.md §4). */
export function openSqlite(file: string): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  return sqlite
}

export function sqliteFileFromUrl(url: string): string {
  return url.replace(/^file:/, '').replace(/^sqlite:/, '')
}

/**
 * drizzle prepares (compiles) every query each time it runs: ~5 % of a page's server CPU in the issue-10
 * profile. Statements are kept by their SQL text instead (bounded), and handed back in their default
 * mode: drizzle switches `raw()` on for its own reads, so it is switched off again on reuse. A statement
 * still busy (an open iterator) is never handed out twice; internal calls (pragma: more arguments) pass.
 */
function cachePreparedStatements(sqlite: Database.Database) {
  const prepare = sqlite.prepare.bind(sqlite)
  const cache = new Map<string, Database.Statement>()
  sqlite.prepare = function cachedPrepare(this: Database.Database, ...args: unknown[]) {
    const source = args[0]
    if (args.length !== 1 || typeof source !== 'string') return (prepare as (...a: unknown[]) => Database.Statement)(...args)
    const cached = cache.get(source)
    if (cached && !cached.busy) {
      if (cached.reader) cached.raw(false)
      return cached
    }
    const statement = prepare(source)
    if (cache.size >= 2000) cache.clear()
    cache.set(source, statement)
    return statement
  } as typeof sqlite.prepare
}

const globalForDb = globalThis as unknown as { __mitraDb?: { db: Db; sqlite: Database.Database } }

function connect() {
  if (!globalForDb.__mitraDb) {
    const sqlite = openSqlite(sqliteFileFromUrl(getEnv().DATABASE_URL))
    cachePreparedStatements(sqlite)
    const db = drizzle(sqlite, { schema })
    // Transactions begin IMMEDIATE unless told otherwise. A deferred one that reads and then
    // writes gets SQLITE_BUSY at once when another connection (a job, a script) holds the write
    // lock, because SQLite skips the busy handler when upgrading a read to a write — so
    // busy_timeout would never apply. In one process transactions never overlap, so this costs nothing.
    const transaction = db.transaction.bind(db)
    db.transaction = ((fn, config) => transaction(fn, { behavior: 'immediate', ...config })) as typeof db.transaction
    globalForDb.__mitraDb = { sqlite, db }
  }
  return globalForDb.__mitraDb
}

// Connected on first use rather than at import, so tools and tests can set DATABASE_URL first.
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = connect().db as unknown as Record<string | symbol, unknown>
    const value = real[prop]
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real) : value
  },
})

export function rawSqlite(): Database.Database {
  return connect().sqlite
}

export function closeDb() {
  globalForDb.__mitraDb?.sqlite.close()
  globalForDb.__mitraDb = undefined
}

export { schema }

/**
 * A query built once per connection, run with `sql.placeholder` values: for the reads on every request
 * (session, actor, unread count) drizzle's query building cost more than SQLite running them (issue 10
 * profile: `is()`, `buildQueryFromSourceParams`, `buildSelection`). Reads only; writes in a transaction
 * go through `ctx.tx` as before.
 */
export function preparedQuery<T>(build: (db: Db) => T): () => T {
  let connection: object | null = null
  let query: T
  return () => {
    const current = connect()
    if (current !== connection) {
      query = build(current.db)
      connection = current
    }
    return query
  }
}

/**
 * A read that may also run inside a transaction: outside one (a page's loader, `tx` is `db` itself) the
 * query prepared once; inside one, built on the transaction, which on PostgreSQL runs on a connection of its
 * own that a statement prepared on `db` would not use.
 */
export function readVia<R>(tx: DbOrTx, prepared: () => R, build: (tx: DbOrTx) => R): R {
  return tx === db ? prepared() : build(tx)
}
