// Times the deal page's and the account 360°'s reads in process (no HTTP, no render).
//   DATABASE_URL=bench/.data/run/S.db npx tsx bench/experiments/deal-page-time.ts [DEAL_ID] [ACCOUNT_ID]
import { eq } from 'drizzle-orm'
import { dealRegistrations, opportunities, users } from '../../db/schema'
import { membershipOf } from '../../app/modules/orgs/orgs.server'
import { db } from '../../app/utils/db.server'
import { getDeal } from '../../app/modules/deals/deals.server'
import { historyFor } from '../../app/modules/audit/audit.history.server'
import { getAccount360 } from '../../app/modules/crm/crm.server'
import { sql } from 'drizzle-orm'

const user = db.select().from(users).where(eq(users.email, 'manager@mitra.test')).get()!
const actor = { ...membershipOf(user.id)!, sessionId: 'bench' }
const dealId = process.argv[2] ?? db.select({ id: dealRegistrations.id }).from(dealRegistrations).where(sql`${dealRegistrations.status} = 'submitted' and ${dealRegistrations.conflictCount} > 0`).get()!.id
const accountId = process.argv[3] ?? db.select({ id: opportunities.accountId, n: sql<number>`count(*)` }).from(opportunities).groupBy(opportunities.accountId).having(sql`count(*) = 19`).get()!.id
const time = async (name: string, fn: () => unknown) => {
  for (let i = 0; i < 300; i++) await fn()
  const runs = []
  for (let r = 0; r < 5; r++) {
    const t = process.hrtime.bigint()
    for (let i = 0; i < 500; i++) await fn()
    runs.push(Number(process.hrtime.bigint() - t) / 500 / 1e6)
  }
  console.log(`${Math.min(...runs).toFixed(3).padStart(7)} ms  ${name}`)
}
await time('getDeal', () => getDeal(actor, dealId))
await time('historyFor (deal)', () => historyFor(actor, 'deal_registration', dealId))
await time('getAccount360 (busy)', () => getAccount360(actor, accountId))
