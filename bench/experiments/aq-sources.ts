// Times each approval source's reads in process: which kind costs the queue what.
//   DATABASE_URL=bench/.data/run/S.db npx tsx bench/experiments/aq-sources.ts
import { eq } from 'drizzle-orm'
import { users } from '../../db/schema'
import { membershipOf } from '../../app/modules/orgs/orgs.server'
import { db } from '../../app/utils/db.server'
import { APPROVAL_SOURCES } from '../../app/modules/reports/reports.server'
import { scopeOf } from '../../app/modules/auth/actor'

const user = db.select().from(users).where(eq(users.email, 'manager@mitra.test')).get()!
const actor = { ...membershipOf(user.id)!, sessionId: 'bench' }
const time = async (fn: () => unknown) => {
  for (let i = 0; i < 50; i++) await fn()
  const t = process.hrtime.bigint()
  for (let i = 0; i < 200; i++) await fn()
  return (Number(process.hrtime.bigint() - t) / 200 / 1e6).toFixed(3)
}
for (const s of APPROVAL_SOURCES.filter((s) => scopeOf(actor, s.needs) === 'any')) {
  const rows = await s.pending(actor, { limit: 50 })
  console.log(
    s.kind.padEnd(22),
    `${rows.length} rows`.padEnd(9),
    'pending', await time(() => s.pending(actor, { limit: 50 })),
    'count', await time(() => s.count(actor)),
    s.waiting ? `waiting ${await time(() => s.waiting!(actor, { limit: 50 }))}` : '',
    s.countWaitingBefore ? `before ${await time(() => s.countWaitingBefore!(actor, { waitingBefore: Date.now() - 86_400_000 }))}` : '',
  )
}
