// Lists the SQL drizzle builds (renders to a string) while answering one page, in process through the production
// build: every line is a query built on each request instead of prepared once.
//   DATABASE_URL=bench/.data/run/S.db NODE_ENV=production npx tsx bench/experiments/queries-per-page.ts EMAIL PATH...
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { SQLiteDialect } from 'drizzle-orm/sqlite-core'

const [email, ...paths] = process.argv.slice(2)
const built: string[] = []
const original = SQLiteDialect.prototype.sqlToQuery
SQLiteDialect.prototype.sqlToQuery = function (this: SQLiteDialect, ...args: Parameters<typeof original>) {
  const query = original.apply(this, args)
  built.push(query.sql)
  return query
}
const build = (await import(pathToFileURL(path.resolve('build/server/index.js')).href)) as ServerBuild
const handle = createRequestHandler(build, 'production')
const origin = 'http://localhost:3000'
const form = new URLSearchParams({ email: email!, password: process.env.DEMO_PASSWORD ?? 'mitra-demo-2026' })
const login = await handle(new Request(`${origin}/login`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded', origin, host: 'localhost:3000' } }), { cspNonce: 'x', clientIp: '127.0.0.1' })
const cookie = (login.headers.get('set-cookie') ?? '').split(/,(?=\s*\w+=)/).map((c) => c.split(';')[0]).join('; ')
for (const p of paths) {
  for (let i = 0; i < 2; i++) {
    built.length = 0
    const response = await handle(new Request(`${origin}${p}`, { headers: { cookie, host: 'localhost:3000' } }), { cspNonce: 'x', clientIp: '127.0.0.1' })
    await response.text()
    if (i === 1) {
      console.log(`${p}: HTTP ${response.status}, ${built.length} queries built`)
      for (const [sql, n] of [...built.reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<string, number>())]) console.log(`  ${n}× ${sql.slice(0, 160)}`)
    }
  }
}
