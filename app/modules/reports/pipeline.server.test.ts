import { describe, expect, it } from 'vitest'
import { makeAccount, makeActor, makeOpportunity, makeOrg, makePipeline } from '../../../tests/factories'
import { Forbidden, NotFound } from '../../utils/errors'
import { listPartners, monthsBetween, partner360, pipelineReport } from './reports.server'

const DAY = 86_400_000

describe('pipeline report', () => {
  it('agrees with hand-computed figures: funnel by source, by partner, by region, by month, win rate and sales cycle', async () => {
    const manager = await makeActor({ role: 'partner_manager' })
    // a region of its own, so other tests' partners stay out of the figures
    const region = `Region ${Date.now()}`
    const a = makeOrg({ kind: 'partner', name: 'PT Alfa Report', region, tier: 'gold' })
    const b = makeOrg({ kind: 'partner', name: 'PT Beta Report', region, tier: 'silver' })
    const pipeline = makePipeline({ name: 'Report pipeline' })
    const account = makeAccount()
    const t0 = Date.UTC(2026, 0, 10)
    const opp = (partnerOrgId: string | null, stageIndex: number, amountMinor: number, createdAt: number, closedAt?: number) =>
      makeOpportunity({ accountId: account.id, pipeline, stageIndex, amountMinor, partnerOrgId, source: partnerOrgId ? 'partner' : 'direct', createdAt, updatedAt: closedAt ?? createdAt, closedAt: closedAt ?? null })
    // Alfa: open 100 in stage 0 and 50 in stage 2; won 200 after 10 days and 400 after 30 days; lost 1
    opp(a.id, 0, 100, t0)
    opp(a.id, 2, 50, t0 + 40 * DAY)
    opp(a.id, 4, 200, t0, t0 + 10 * DAY)
    opp(a.id, 4, 400, t0, t0 + 30 * DAY)
    opp(a.id, 5, 999, t0, t0 + 5 * DAY)
    // Beta: open 70, lost 2
    opp(b.id, 0, 70, t0 + 40 * DAY)
    opp(b.id, 5, 10, t0, t0 + DAY)
    opp(b.id, 5, 20, t0, t0 + DAY)
    // direct: open 1000 in stage 0, won 500 after 20 days
    opp(null, 0, 1000, t0)
    opp(null, 4, 500, t0, t0 + 20 * DAY)

    const report = await pipelineReport(manager, { pipelineId: pipeline.id, from: '2026-01', to: '2026-02', region })
    expect(report.funnel.map((s) => [s.name, s.partnerN, s.partnerAmount])).toEqual([
      ['Prospecting', 2, 170],
      ['Qualification', 0, 0],
      ['Proposal', 1, 50],
      ['Negotiation', 0, 0],
      ['Closed Won', 2, 600],
      ['Closed Lost', 3, 1029],
    ])
    expect(report.byPartner.map((p) => [p.name, p.openAmount, p.wonAmount, p.winRate, p.avgCycleDays])).toEqual([
      ['PT Alfa Report', 150, 600, 2 / 3, 20],
      ['PT Beta Report', 70, 0, 0, null],
    ])
    expect(report.byRegion).toEqual([{ region, openAmount: 220, wonAmount: 600, openN: 3, wonN: 2, partners: 2 }])
    expect(report.byMonth).toEqual([
      { month: '2026-01', partnerN: 6, partnerAmount: 1729, directN: 0, directAmount: 0 },
      { month: '2026-02', partnerN: 2, partnerAmount: 120, directN: 0, directAmount: 0 },
    ])
    expect(report.outcomes.partner).toMatchObject({ wonN: 2, lostN: 3, wonAmount: 600, winRate: 0.4, avgCycleDays: 20 })

    // without the region filter, direct business is there too (with everyone else's from other tests)
    const all = await pipelineReport(manager, { pipelineId: pipeline.id, from: '2026-01', to: '2026-01' })
    expect(all.funnel[0]).toMatchObject({ directN: 1, directAmount: 1000 })
    expect(all.funnel[4]).toMatchObject({ directN: 1, directAmount: 500 })

    // a kept report never outlives a change to the opportunities
    opp(a.id, 0, 5, t0)
    const again = await pipelineReport(manager, { pipelineId: pipeline.id, from: '2026-01', to: '2026-02', region })
    expect(again.funnel[0].partnerAmount).toBe(175)
    expect(again.byMonth[0].partnerAmount).toBe(1734)

    const partners = await listPartners(manager, { region })
    expect(partners.rows.map((r) => [r.name, r.tier, r.stats?.openAmount, r.stats?.winRate])).toEqual([
      ['PT Alfa Report', 'gold', 155, 2 / 3],
      ['PT Beta Report', 'silver', 70, 0],
    ])
    const alfa = await partner360(manager, a.id)
    expect(alfa.opportunities).toHaveLength(6)
    expect(alfa.timeline.find((e) => e.status === 'won')).toBeTruthy()
  })

  it('is for vendor staff who read reports: partners and sales are refused', async () => {
    const partner = await makeActor({ role: 'partner_admin' })
    const sales = await makeActor({ role: 'sales' })
    await expect(pipelineReport(partner, { from: '2026-01', to: '2026-02' })).rejects.toThrow(Forbidden)
    await expect(pipelineReport(sales, { from: '2026-01', to: '2026-02' })).rejects.toThrow(Forbidden)
    await expect(listPartners(partner)).rejects.toThrow(Forbidden)
    await expect(partner360(partner, partner.orgId)).rejects.toThrow(NotFound)
  })

  it('counts months across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
  })
})
