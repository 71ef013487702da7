import { describe, expect, it } from 'vitest'
import { makeAccount, makeOpportunity, makeOrg, makePipeline } from '../../../tests/factories'
import { queryPlansOf } from '../../../tests/helpers/query-plans'
import { partnerPipelineCreated, partnerRevenueWon } from './crm.server'

/** The query plans of the statements on opportunities that `fn` runs, each as one line. */
const plansOf = async (fn: () => Promise<unknown>) => (await queryPlansOf(/from "opportunities"/i, fn)).map((steps) => steps.join(' | '))

describe("a partner's revenue won and pipeline created in a period (plan actuals, tier progress)", () => {
  const day = (d: string) => Date.parse(`${d}T12:00:00+07:00`)

  it('sums won deals by when they closed and new deals by when they were made, in the asked currency only', async () => {
    const partner = makeOrg({ kind: 'partner' })
    const pipeline = makePipeline()
    const won = pipeline.stages.findIndex((s) => s.isWon)
    const lost = pipeline.stages.findIndex((s) => s.isClosed && !s.isWon)
    const account = makeAccount().id
    const deal = (stageIndex: number, amountMinor: number, closed: string | null, created: string, currency = 'IDR') =>
      makeOpportunity({ accountId: account, pipeline, stageIndex, amountMinor, currency, partnerOrgId: partner.id, source: 'partner', createdAt: day(created), updatedAt: day(created), closedAt: closed ? day(closed) : null })
    deal(won, 100, '2026-03-10', '2026-01-05')
    deal(won, 20, '2026-04-01', '2026-03-01') // closed after the period
    deal(lost, 7, '2026-03-11', '2026-03-02') // lost: no revenue
    deal(won, 5, '2026-03-12', '2026-03-03', 'USD') // another currency
    deal(0, 3, null, '2026-03-04') // open, made in March
    const [from, to] = [day('2026-03-01') - 12 * 3_600_000, day('2026-04-01') - 12 * 3_600_000]
    expect(await partnerRevenueWon(partner.id, from, to)).toBe(100)
    expect(await partnerRevenueWon(partner.id, from, to, 'USD')).toBe(5)
    expect(await partnerPipelineCreated(partner.id, from, to)).toBe(20 + 7 + 3)
  })

  it('reads an index range only, never a table row per deal (a whale has tens of thousands)', async () => {
    const partner = makeOrg({ kind: 'partner' })
    const plans = [...(await plansOf(() => partnerRevenueWon(partner.id, 0, Date.now()))), ...(await plansOf(() => partnerPipelineCreated(partner.id, 0, Date.now())))]
    expect(plans).toHaveLength(2)
    expect(plans[0]).toMatch(/SEARCH \w+ USING COVERING INDEX opportunities_partner_closed_cover_idx \(partner_org_id=\? AND closed_at>\? AND closed_at<\?\)/)
    expect(plans[1]).toMatch(/SEARCH \w+ USING COVERING INDEX opportunities_partner_created_cover_idx \(partner_org_id=\? AND created_at>\? AND created_at<\?\)/)
  })
})
