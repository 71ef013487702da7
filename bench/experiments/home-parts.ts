// Times each part of a home page's loader in process (no HTTP, no render): which reads cost what.
//   DATABASE_URL=bench/.data/run/S.db npx tsx bench/experiments/home-parts.ts [EMAIL] [ITERATIONS]
import { membershipOf } from '../../app/modules/orgs/orgs.server'
import { users } from '../../db/schema'
import { db } from '../../app/utils/db.server'
import { eq } from 'drizzle-orm'
import { mdfBalancesFor } from '../../app/modules/mdf/mdf.server'
import { leadBands, partnerSourcedTotals, pipelineSummaries } from '../../app/modules/crm/crm.server'
import { expiringRegistrations, openRegistrationCount, partnerNextActions, pendingApprovalCount } from '../../app/modules/deals/deals.server'
import { organisationCounts, ownOrganisation } from '../../app/modules/orgs/orgs.server'
import { supplierHomeFor } from '../../app/modules/suppliers/suppliers.server'
import { plansHome } from '../../app/modules/plans/plans.server'
import { approvalCounts, attentionToday, homeFor } from '../../app/modules/reports/reports.server'
import { upcomingEventsFor } from '../../app/modules/schedules/schedules.server'
import { trainingHome } from '../../app/modules/training/training.server'
import { can } from '../../app/modules/auth/actor'

const email = process.argv[2] ?? 'admin@sinardigital.test'
const iterations = Number(process.argv[3] ?? 400)
const user = db.select().from(users).where(eq(users.email, email)).get()
if (!user) throw new Error(`no user ${email}`)
const actor = { ...membershipOf(user.id)!, sessionId: 'bench' }

const partner = can(actor, 'register:deal_registration', { orgId: actor.orgId })
const parts: Record<string, () => unknown> = {
  homeFor: () => homeFor(actor),
  ...(partner
    ? {
        ownOrganisation: () => ownOrganisation(actor),
        openRegistrationCount: () => openRegistrationCount(actor),
        partnerSourcedTotals: () => partnerSourcedTotals(actor, actor.orgId),
        partnerNextActions: () => partnerNextActions(actor),
        mdfBalancesFor: () => mdfBalancesFor(actor, actor.orgId),
      }
    : { approvalCounts: () => approvalCounts(actor), expiringRegistrations: () => expiringRegistrations(actor, 7 * 86_400_000, Date.now(), 5), pendingApprovalCount: () => pendingApprovalCount(actor), organisationCounts: () => organisationCounts(actor), pipelineSummaries: () => pipelineSummaries(actor), leadBands: () => leadBands(actor) }),
  supplierHomeFor: () => supplierHomeFor(actor),
  plansHome: () => plansHome(actor),
  attentionToday: () => attentionToday(actor),
  upcomingEventsFor: () => upcomingEventsFor(actor, 5),
  trainingHome: () => trainingHome(actor),
}
const results: [string, number][] = []
for (const [name, run] of Object.entries(parts)) {
  for (let i = 0; i < 50; i++) await run()
  const t = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) await run()
  results.push([name, Number(process.hrtime.bigint() - t) / iterations / 1e6])
}
const total = results.filter(([n]) => !['homeFor', 'approvalCounts', 'expiringRegistrations'].includes(n)).reduce((n, [, ms]) => n + ms, 0)
for (const [name, ms] of results.sort((a, b) => b[1] - a[1])) console.log(`${ms.toFixed(3).padStart(7)} ms  ${name}`)
console.log(`${total.toFixed(3).padStart(7)} ms  all parts`)
