// EXPLAIN QUERY PLAN of every statement listLibrary issues, for a Gold partner and vendor staff,
// on the benchmark's dataset (run bench/library/search.ts first to generate it).
//
//   npx tsx bench/library/explain.ts [--items 100000] [--q word]
import path from 'node:path'
import Database from 'better-sqlite3'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const file = path.resolve(`bench/.data/library-search-v2-${arg('items', '100000')}.db`)
process.env.DATABASE_URL = file
process.env.DATA_DIR = path.resolve('bench/.data/library-search-data')
process.env.NODE_ENV = 'production'
process.env.SESSION_SECRET = 'bench-session-secret-bench-session-secret'

async function main() {
  const { listLibrary } = await import('../../app/modules/library/library.server')
  const { rawSqlite } = await import('../../app/utils/db.server')
  const sqlite = rawSqlite()
  const wrapped = new WeakSet<object>()
  const seen: { sql: string; params: unknown[] }[] = []
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source)
    if (wrapped.has(statement)) return statement
    wrapped.add(statement)
    const wrap = (method: 'all' | 'get' | 'run') => {
      const original = statement[method].bind(statement) as (...a: unknown[]) => unknown
      ;(statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        seen.push({ sql: source, params })
        return original(...params)
      }
    }
    wrap('all')
    wrap('get')
    return statement
  }) as typeof sqlite.prepare
  const raw = new Database(file, { readonly: true })
  const base = { email: '', name: 'Bench', locale: 'en' as const, timeZone: 'Asia/Jakarta', orgName: '', sessionId: 'bench' }
  const partner = { ...base, userId: 'benchpartner', orgId: 'benchgold', orgKind: 'partner' as const, role: 'partner_user' as const }
  const manager = { ...base, userId: 'benchmanager', orgId: 'benchvendor', orgKind: 'vendor' as const, role: 'partner_manager' as const }
  const q = arg('q', 'karin')
  for (const [label, actor] of [['Gold partner', partner], ['vendor staff', manager]] as const) {
    seen.length = 0
    await listLibrary(actor, { q, pageSize: 20 })
    console.log(`\n## ${label}, q=${q}\n`)
    for (const s of seen) {
      if (!/library_/.test(s.sql)) continue
      const t0 = performance.now()
      raw.prepare(s.sql).all(...(s.params as unknown[]))
      const ms = performance.now() - t0
      console.log('```sql\n' + s.sql + '\n```\n' + `(${ms.toFixed(1)} ms)\n\`\`\``)
      for (const row of raw.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.params as unknown[])) as { id: number; parent: number; detail: string }[]) console.log(`${row.parent ? '  ' : ''}${row.detail}`)
      console.log('```')
    }
  }
}
await main()
