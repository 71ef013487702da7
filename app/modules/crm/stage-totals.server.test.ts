import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { mutate } from '../../kit/mutate.server'
import { db } from '../../utils/db.server'
import { makeAccount, makeActor, makeOrg, makePipeline } from '../../../tests/factories'
import { OpportunitySchema } from './crm.schema'
import { createOpportunity, moveOpportunityStage, partnerOpportunityForConversion, partnerSourcedTotals, pipelineSummaries, updateOpportunity } from './crm.server'

type Row = { stageId: string; currency: string; n: number; amountMinor: number }
const key = (r: Row) => `${r.stageId}/${r.currency}`
const sorted = (rows: Row[]) => rows.filter((r) => r.n !== 0 || r.amountMinor !== 0).sort((a, b) => key(a).localeCompare(key(b)))

/** The maintained totals must equal what a SUM over the table says, after every kind of write. */
function expectTotalsEqualSum() {
  const maintained = db.all<Row>(sql`SELECT stage_id AS stageId, currency, n, amount_minor AS amountMinor FROM opportunity_stage_totals`)
  const summed = db.all<Row>(sql`SELECT stage_id AS stageId, currency, count(*) AS n, sum(amount_minor) AS amountMinor FROM opportunities GROUP BY stage_id, currency`)
  expect(sorted(maintained)).toEqual(sorted(summed))
  type P = { k: string; n: number; amountMinor: number; cycleMs: number }
  const clean = (rows: P[]) => rows.filter((r) => r.n !== 0 || r.amountMinor !== 0 || r.cycleMs !== 0).sort((a, b) => a.k.localeCompare(b.k))
  const byPartner = db.all<P>(sql`SELECT partner_key || '/' || stage_id || '/' || currency AS k, n, amount_minor AS amountMinor, cycle_ms AS cycleMs FROM opportunity_partner_totals`)
  const byPartnerSummed = db.all<P>(
    sql`SELECT coalesce(partner_org_id, '') || '/' || stage_id || '/' || currency AS k, count(*) AS n, sum(amount_minor) AS amountMinor, coalesce(sum(CASE WHEN closed_at IS NOT NULL THEN closed_at - created_at ELSE 0 END), 0) AS cycleMs FROM opportunities GROUP BY 1`,
  )
  expect(clean(byPartner)).toEqual(clean(byPartnerSummed))
  const byMonth = db.all<P>(sql`SELECT month || '/' || partner_key || '/' || currency AS k, n, amount_minor AS amountMinor, 0 AS cycleMs FROM opportunity_month_totals`)
  const byMonthSummed = db.all<P>(sql`SELECT strftime('%Y-%m', (created_at + 25200000) / 1000, 'unixepoch') || '/' || coalesce(partner_org_id, '') || '/' || currency AS k, count(*) AS n, sum(amount_minor) AS amountMinor, 0 AS cycleMs FROM opportunities GROUP BY 1`)
  expect(clean(byMonth)).toEqual(clean(byMonthSummed))
}

describe('maintained opportunity stage totals', () => {
  it('equal the SUM over opportunities after create, edit (amount, currency, stage), stage moves and conversion', async () => {
    const sales = await makeActor({ role: 'sales' })
    const pipeline = makePipeline()
    const account = makeAccount()
    const input = (over: Record<string, string>) => OpportunitySchema.parse({ name: 'Deal', accountId: account.id, pipelineId: pipeline.id, amount: '1000000', currency: 'IDR', ...over })
    const a = await createOpportunity(sales, input({}))
    const b = await createOpportunity(sales, input({ amount: '2500000', stageId: pipeline.stages[1].id }))
    expectTotalsEqualSum()

    await updateOpportunity(sales, a.id, input({ amount: '7000000' }))
    expectTotalsEqualSum()
    await updateOpportunity(sales, a.id, input({ amount: '7000', currency: 'USD' }))
    expectTotalsEqualSum()
    await updateOpportunity(sales, b.id, input({ amount: '2500000', stageId: pipeline.stages[2].id }))
    expectTotalsEqualSum()
    await updateOpportunity(sales, b.id, input({ amount: '2500000', stageId: pipeline.stages[2].id })) // no change
    expectTotalsEqualSum()

    await moveOpportunityStage(sales, a.id, pipeline.stages[3].id)
    expectTotalsEqualSum()
    await moveOpportunityStage(sales, a.id, pipeline.stages[3].id) // same stage: nothing moves
    expectTotalsEqualSum()
    // won, then reopened, then lost: the sales cycle is counted while closed only
    await moveOpportunityStage(sales, a.id, pipeline.stages[4].id)
    expectTotalsEqualSum()
    await moveOpportunityStage(sales, a.id, pipeline.stages[1].id)
    expectTotalsEqualSum()
    const c = await createOpportunity(sales, input({ amount: '900000' }))
    await updateOpportunity(sales, c.id, input({ amount: '950000', stageId: pipeline.stages[5].id }))
    expectTotalsEqualSum()

    const partner = makeOrg({ kind: 'partner' })
    await mutate({ userId: sales.userId, orgId: sales.orgId }, (ctx) =>
      partnerOpportunityForConversion(ctx, { registrationId: 'reg-1', name: 'From a partner', accountId: account.id, pipelineId: pipeline.id, amountMinor: 123_400, currency: 'IDR', expectedCloseDate: null, partnerOrgId: partner.id }),
    )
    expectTotalsEqualSum()
    // the partner home's "pipeline you brought in" reads these totals: IDR only, every stage
    await mutate({ userId: sales.userId, orgId: sales.orgId }, (ctx) =>
      partnerOpportunityForConversion(ctx, { registrationId: 'reg-2', name: 'In dollars', accountId: account.id, pipelineId: pipeline.id, amountMinor: 5_000, currency: 'USD', expectedCloseDate: null, partnerOrgId: partner.id }),
    )
    const admin = await makeActor({ role: 'admin' })
    expect(await partnerSourcedTotals(admin, partner.id)).toEqual({ n: 1, amountMinor: 123_400 })
    expect(await partnerSourcedTotals(admin, makeOrg({ kind: 'partner' }).id)).toEqual({ n: 0, amountMinor: 0 })

    // a failed write changes neither the opportunity nor the totals
    await expect(updateOpportunity(sales, b.id, input({ amount: 'not a number' }))).rejects.toThrow()
    expectTotalsEqualSum()

    const summary = await pipelineSummaries(sales)
    const stages = summary.pipelines.find((p) => p.id === pipeline.id)!.stages
    expect(stages.find((s) => s.stageId === pipeline.stages[0].id)?.amountMinor).toBe(123_400)
    expect(stages.find((s) => s.stageId === pipeline.stages[2].id)).toMatchObject({ n: 1, amountMinor: 2_500_000 })
  })
})
