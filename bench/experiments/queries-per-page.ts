// Lists the SQL drizzle builds (renders to a string) while answering one page, in process through the production
// build: every line is a query built on each request instead of prepared once.
//   DATABASE_URL=bench/.data/run/S.db NODE_ENV=production npx tsx bench/experiments/queries-per-page.ts EMAIL PATH...
import { inProcessApp } from '../lib/in-process'
import { SQLiteDialect } from 'drizzle-orm/sqlite-core'

const [email, ...paths] = process.argv.slice(2)
const built: string[] = []
const original = SQLiteDialect.prototype.sqlToQuery
SQLiteDialect.prototype.sqlToQuery = function (this: SQLiteDialect, ...args: Parameters<typeof original>) {
  const query = original.apply(this, args)
  built.push(query.sql)
  return query
}
const app = await inProcessApp(email!)
for (const p of paths) {
  for (let i = 0; i < 2; i++) {
    built.length = 0
    const response = await app.get(p)
    await response.text()
    if (i === 1) {
      console.log(`${p}: HTTP ${response.status}, ${built.length} queries built`)
      for (const [sql, n] of [...built.reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<string, number>())]) console.log(`  ${n}× ${sql.slice(0, 160)}`)
    }
  }
}
