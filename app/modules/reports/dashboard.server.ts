import { and, asc, count, eq, sql, sum } from 'drizzle-orm'
import { leads, memberships, opportunities, organisations, pipelineStages, pipelines } from '../../../db/schema'
import { db } from '../../utils/db.server'
import { assertCan, type Actor } from '../auth/actor'

/** Vendor staff's first page: the size of the channel and the shape of the default pipeline. */
export function vendorDashboard(actor: Actor) {
  assertCan(actor, 'read:dashboard')
  const orgCounts = db.select({ kind: organisations.kind, n: count() }).from(organisations).where(eq(organisations.status, 'active')).groupBy(organisations.kind).all()
  const pipeline = db.select().from(pipelines).orderBy(sql`${pipelines.isDefault} DESC`, asc(pipelines.name)).get()
  const byStage = pipeline
    ? db
        .select({ stageId: pipelineStages.id, name: pipelineStages.name, position: pipelineStages.position, isClosed: pipelineStages.isClosed, n: count(opportunities.id), amountMinor: sum(opportunities.amountMinor) })
        .from(pipelineStages)
        .leftJoin(opportunities, and(eq(opportunities.stageId, pipelineStages.id), eq(opportunities.currency, 'IDR')))
        .where(eq(pipelineStages.pipelineId, pipeline.id))
        .groupBy(pipelineStages.id)
        .orderBy(asc(pipelineStages.position))
        .all()
        .map((r) => ({ ...r, amountMinor: Number(r.amountMinor ?? 0) }))
    : []
  const open = db
    .select({ n: count(), amount: sum(opportunities.amountMinor) })
    .from(opportunities)
    .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
    .where(and(eq(pipelineStages.isClosed, false), eq(opportunities.currency, 'IDR')))
    .get()
  const leadBands = db
    .select({ band: sql<string>`CASE WHEN ${leads.score} >= 70 THEN 'hot' WHEN ${leads.score} >= 40 THEN 'warm' ELSE 'junk' END`, n: count() })
    .from(leads)
    .where(sql`${leads.status} NOT IN ('converted', 'disqualified')`)
    .groupBy(sql`1`)
    .all()
  return {
    partners: orgCounts.find((o) => o.kind === 'partner')?.n ?? 0,
    suppliers: orgCounts.find((o) => o.kind === 'supplier')?.n ?? 0,
    openOpportunities: open?.n ?? 0,
    openPipelineIdr: Number(open?.amount ?? 0),
    pipelineName: pipeline?.name ?? null,
    pipelineId: pipeline?.id ?? null,
    byStage,
    leadBands: Object.fromEntries(leadBands.map((b) => [b.band, b.n])) as Record<'hot' | 'warm' | 'junk', number | undefined>,
  }
}

/** A partner's or supplier's first page: their organisation at a glance. */
export function organisationHome(actor: Actor) {
  const org = db.select().from(organisations).where(eq(organisations.id, actor.orgId)).get()!
  const members = db.select({ n: count() }).from(memberships).where(eq(memberships.orgId, actor.orgId)).get()?.n ?? 0
  const partnerOpportunities =
    actor.orgKind === 'partner'
      ? db
          .select({ n: count(), amount: sum(opportunities.amountMinor) })
          .from(opportunities)
          .where(and(eq(opportunities.partnerOrgId, actor.orgId), eq(opportunities.currency, 'IDR')))
          .get()
      : undefined
  return { org, members, partnerOpportunities: partnerOpportunities ? { n: partnerOpportunities.n, amountMinor: Number(partnerOpportunities.amount ?? 0) } : null }
}
