import { rawSqlite } from '../../app/utils/db.server'

/**
 * The query plans (SQLite's EXPLAIN QUERY PLAN, each step's text) of every statement `fn` runs whose SQL
 * matches `table` (e.g. /from "opportunities"/i), whether prepared now or built once earlier (prepared reads).
 */
export async function queryPlansOf(table: RegExp, fn: () => Promise<unknown>): Promise<string[][]> {
  const sqlite = rawSqlite()
  const statement = Object.getPrototypeOf(sqlite.prepare('SELECT 1')) as Record<'all' | 'get', (...a: unknown[]) => unknown>
  const originals = { all: statement.all, get: statement.get }
  const texts: string[] = []
  for (const method of ['all', 'get'] as const) {
    statement[method] = function (this: { source: string }, ...args: unknown[]) {
      texts.push(this.source)
      return originals[method].apply(this, args)
    }
  }
  try {
    await fn()
  } finally {
    Object.assign(statement, originals)
  }
  return texts
    .filter((text) => table.test(text))
    .map((text) => sqlite.prepare(`EXPLAIN QUERY PLAN ${text}`).all(new Array((text.match(/\?/g) ?? []).length).fill(null)) as { detail: string }[])
    .map((steps) => steps.map((s) => s.detail))
}
