import { mdfBalancesFor } from '../mdf/mdf.server'
import { assertCan, can, type Actor } from '../auth/actor'
import { opportunitiesOfPartner, partnerOutcomeTotals } from '../crm/crm.server'
import { listDeals, registrationCountsByPartner } from '../deals/deals.server'
import { getOrganisation, listOrganisations, listUsersOf, type Organisation } from '../orgs/orgs.server'
import { listPlans, planSummariesFor } from '../plans/plans.server'
import { upcomingEventsOfOrganisation } from '../schedules/schedules.server'
import { certificationsOf, tierProgressFor } from '../training/training.server'
import { NotFound } from '../../utils/errors'

export type PartnerStats = { openN: number; openAmount: number; wonN: number; wonAmount: number; lostN: number; winRate: number | null; avgCycleDays: number | null }

/** Open pipeline, won revenue, win rate and average sales cycle per partner, from the maintained totals (IDR). */
export async function partnerStats(actor: Actor, partnerIds: string[]): Promise<Map<string, PartnerStats>> {
  return statsOf(await partnerOutcomeTotals(actor, { partnerKeys: partnerIds }))
}

export function statsOf(rows: { partnerKey: string; openN: number; openAmount: number; wonN: number; wonAmount: number; wonCycleMs: number; lostN: number }[]): Map<string, PartnerStats> {
  return new Map(
    rows.map(({ partnerKey, wonCycleMs, ...s }) => [
      partnerKey,
      { ...s, winRate: s.wonN + s.lostN > 0 ? s.wonN / (s.wonN + s.lostN) : null, avgCycleDays: s.wonN > 0 ? wonCycleMs / s.wonN / 86_400_000 : null },
    ]),
  )
}

/** The partners list: tier, region, open pipeline, won revenue, win rate, registrations and this year's plan. */
export async function listPartners(actor: Actor, opts: { q?: string; tier?: Organisation['tier']; region?: string; page?: number; year?: number } = {}) {
  assertCan(actor, 'read:reports')
  const page = await listOrganisations(actor, { kind: 'partner', q: opts.q, tier: opts.tier, region: opts.region, page: opts.page })
  const ids = page.rows.map((o) => o.id)
  const [stats, registrations, plans] = await Promise.all([partnerStats(actor, ids), registrationCountsByPartner(actor, ids), planSummariesFor(actor, opts.year ?? new Date().getUTCFullYear(), ids)])
  return {
    ...page,
    rows: page.rows.map((o) => ({
      id: o.id,
      name: o.name,
      tier: o.tier,
      region: o.region,
      status: o.status,
      stats: stats.get(o.id) ?? null,
      registrations: registrations.get(o.id) ?? { total: 0, open: 0, approved: 0 },
      plan: plans.find((p) => p.partnerOrgId === o.id) ?? null,
    })),
  }
}

/**
 * Everything about one partner, one key per section of the 360° page. A section added later (MDF
 * balances, certifications, upcoming events) is one more key here and one section component.
 */
export async function partner360(actor: Actor, orgId: string) {
  // about one record: a reader without the console gets 404, as for any organisation they may not see
  assertCan(actor, 'read:reports', { orgId })
  const org = await getOrganisation(actor, orgId)
  if (org.kind !== 'partner') throw new NotFound()
  const [people, registrations, opportunities, plans, stats, certifications, tier, events, mdf] = await Promise.all([
    listUsersOf(actor, orgId),
    listDeals(actor, { partnerOrgId: orgId, sort: 'age', dir: 'desc', pageSize: 10 }),
    opportunitiesOfPartner(actor, orgId, 10),
    listPlans(actor, { partnerOrgId: orgId, sort: 'year', dir: 'desc' }),
    partnerStats(actor, [orgId]),
    can(actor, 'read:certificate', { orgId }) ? certificationsOf(actor, orgId, { pageSize: 10 }) : null,
    can(actor, 'read:tier', { orgId }) ? tierProgressFor(actor, orgId) : null,
    can(actor, 'read:event', { orgId }) ? upcomingEventsOfOrganisation(actor, orgId, 5) : Promise.resolve([]),
    mdfBalancesFor(actor, orgId),
  ])
  const timeline = [
    ...registrations.rows.map((r) => ({ at: r.submittedAt ?? r.createdAt, kind: 'registration' as const, status: r.status, title: r.customerName, href: `/deals/${r.id}` })),
    ...opportunities.flatMap((o) => [
      { at: o.createdAt, kind: 'opportunity' as const, status: 'created', title: o.name, href: `/opportunities/${o.id}` },
      ...(o.closedAt ? [{ at: o.closedAt, kind: 'opportunity' as const, status: o.isWon ? 'won' : 'lost', title: o.name, href: `/opportunities/${o.id}` }] : []),
    ]),
    ...plans.rows.map((p) => ({ at: p.updatedAt, kind: 'plan' as const, status: p.status, title: p.title, href: `/plans/${p.id}` })),
  ]
    .sort((a, b) => b.at - a.at)
    .slice(0, 20)
  return {
    org: { id: org.id, name: org.name, tier: org.tier, region: org.region, city: org.city, website: org.website, status: org.status },
    stats: stats.get(orgId) ?? null,
    people: people.map((p) => ({ id: p.id, name: p.name, email: p.email, role: p.role, status: p.status })),
    registrations: { total: registrations.total, rows: registrations.rows.map((r) => ({ id: r.id, customerName: r.customerName, status: r.status, valueMinor: r.valueMinor, currency: r.currency, submittedAt: r.submittedAt })) },
    opportunities,
    plans: plans.rows.map((p) => ({ id: p.id, title: p.title, year: p.year, status: p.status, version: p.version })),
    certifications: certifications ? { total: certifications.total, rows: certifications.rows } : null,
    tier,
    events,
    mdf,
    timeline,
  }
}
