// Times the approval queue and the dashboard counts in process (no HTTP, no render).
//   DATABASE_URL=bench/.data/run/S.db npx tsx bench/experiments/approval-queue-time.ts
import { membershipOf } from '../../app/modules/orgs/orgs.server'
import { users } from '../../db/schema'
import { db } from '../../app/utils/db.server'
import { eq } from 'drizzle-orm'
import { approvalQueueFor, approvalCounts } from '../../app/modules/reports/reports.server'
const user = db.select().from(users).where(eq(users.email, 'manager@mitra.test')).get()!
const actor = { ...membershipOf(user.id)!, sessionId: 'bench' }
for (const [name, fn] of [['queue', () => approvalQueueFor(actor)], ['counts', () => approvalCounts(actor)]] as const) {
  for (let i = 0; i < 100; i++) await fn()
  const best = []
  for (let r = 0; r < 5; r++) { const t = process.hrtime.bigint(); for (let i = 0; i < 200; i++) await fn(); best.push(Number(process.hrtime.bigint() - t) / 200 / 1e6) }
  console.log(name, Math.min(...best).toFixed(3), 'ms')
}
