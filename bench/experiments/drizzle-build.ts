// What drizzle's query building costs next to the statement itself: one row by id, built each call vs prepared once.
//   DATABASE_URL=bench/.data/run/S.db npx tsx bench/experiments/drizzle-build.ts
import { eq, sql } from 'drizzle-orm'
import { dealRegistrations } from '../../db/schema/deals'
import { auditLog } from '../../db/schema'
import { db, rawSqlite } from '../../app/utils/db.server'

const id = db.select({ id: dealRegistrations.id }).from(dealRegistrations).get()!.id
const prepared = db.select().from(dealRegistrations).where(eq(dealRegistrations.id, sql.placeholder('id'))).prepare()
const raw = rawSqlite().prepare('select * from deal_registrations where id = ?')
const time = (name: string, fn: () => unknown) => {
  for (let i = 0; i < 2000; i++) fn()
  const runs = []
  for (let r = 0; r < 5; r++) {
    const t = process.hrtime.bigint()
    for (let i = 0; i < 5000; i++) fn()
    runs.push(Number(process.hrtime.bigint() - t) / 5000 / 1000)
  }
  console.log(`${Math.min(...runs).toFixed(1).padStart(7)} µs  ${name}`)
}
time('deal_registrations by id, built each call', () => db.select().from(dealRegistrations).where(eq(dealRegistrations.id, id)).get())
time('deal_registrations by id, prepared once', () => prepared.get({ id }))
time('deal_registrations by id, better-sqlite3 alone', () => raw.get(id))
time('audit rows of an entity, built each call', () => db.select().from(auditLog).where(eq(auditLog.entityId, id)).limit(50).all())
