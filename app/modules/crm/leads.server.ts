import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm'
import { leadBandCounts, leads } from '../../../db/schema/crm'
import { mutate } from '../../kit/mutate.server'
import { paginate } from '../../kit/paginate'
import { db, preparedQuery, type DbOrTx } from '../../utils/db.server'
import { NotFound } from '../../utils/errors'
import { newId } from '../../utils/ids'
import { contains } from '../../utils/sql'
import { changedFields } from '../audit/audit.server'
import type { Actor } from '../auth/actor'
import { userNames } from '../orgs/orgs.server'
import { assertCrmRead, assertCrmRecord, assertCrmWrite, withNames } from './access.server'
import { scoreBand, type LeadInput } from './crm.schema'

export type Lead = typeof leads.$inferSelect

export const LEAD_SORTS = ['score', 'company', 'createdAt', 'status'] as const
export type LeadSort = (typeof LEAD_SORTS)[number]

export async function listLeads(actor: Actor, opts: { q?: string; status?: string; band?: 'junk' | 'warm' | 'hot'; sort?: LeadSort; dir?: 'asc' | 'desc'; page?: number }) {
  assertCrmRead(actor)
  const conditions: SQL[] = []
  if (opts.q) conditions.push(sql`(${contains(leads.company, opts.q)} OR ${contains(leads.contactName, opts.q)} OR ${contains(leads.email, opts.q)})`)
  if (opts.status) conditions.push(sql`${leads.status} = ${opts.status}`)
  if (opts.band === 'hot') conditions.push(sql`${leads.score} >= 70`)
  if (opts.band === 'warm') conditions.push(sql`${leads.score} >= 40 AND ${leads.score} < 70`)
  if (opts.band === 'junk') conditions.push(sql`${leads.score} < 40`)
  const where = conditions.length ? and(...conditions) : undefined
  const column = { score: leads.score, company: leads.company, createdAt: leads.createdAt, status: leads.status }[opts.sort ?? 'score']
  const page = paginate(opts, {
    rows: (limit, offset) =>
      db
        .select({ id: leads.id, company: leads.company, contactName: leads.contactName, email: leads.email, source: leads.source, status: leads.status, score: leads.score, createdAt: leads.createdAt, ownerId: leads.ownerId })
        .from(leads)
        .where(where)
        .orderBy(opts.dir === 'asc' ? asc(column) : desc(column), asc(leads.id))
        .limit(limit)
        .offset(offset)
        .all()
        .map((r) => ({ ...r, band: scoreBand(r.score) })),
    count: () => db.select({ n: count() }).from(leads).where(where).get()?.n ?? 0,
  })
  return { ...page, rows: withNames(page.rows, (r) => r.ownerId, userNames(page.rows.map((r) => r.ownerId)), 'ownerName') }
}

export async function getLead(actor: Actor, id: string): Promise<Lead> {
  assertCrmRecord(actor)
  const row = db.select().from(leads).where(eq(leads.id, id)).get()
  if (!row) throw new NotFound()
  return row
}

export async function createLead(actor: Actor, input: LeadInput): Promise<Lead> {
  assertCrmWrite(actor)
  return mutate(actor, (ctx) => {
    const row = { id: newId(), ...input, accountId: null, ownerId: actor.userId, createdAt: ctx.now, updatedAt: ctx.now }
    ctx.tx.insert(leads).values(row).run()
    countLeadBand(ctx.tx, row, +1)
    ctx.audit('lead', row.id, 'created', null, { company: row.company })
    return row as Lead
  })
}

export async function updateLead(actor: Actor, id: string, input: LeadInput) {
  assertCrmWrite(actor, true)
  await mutate(actor, (ctx) => {
    const before = ctx.tx.select().from(leads).where(eq(leads.id, id)).get()
    if (!before) throw new NotFound()
    ctx.tx.update(leads).set({ ...input, updatedAt: ctx.now }).where(eq(leads.id, id)).run()
    countLeadBand(ctx.tx, before, -1)
    countLeadBand(ctx.tx, { ...before, ...input }, +1)
    const diff = changedFields(before, input)
    if (diff.changed) ctx.audit('lead', id, 'updated', diff.before, diff.after)
  })
}

/** Whether a lead counts on the dashboard: open ones only. */
const isOpen = (status: string) => status !== 'converted' && status !== 'disqualified'

/** Keeps lead_band_counts equal to the open leads per band, in the write's own transaction (the seed's factory calls it too). */
export function countLeadBand(tx: DbOrTx, lead: { status?: string | null; score?: number | null }, sign: 1 | -1) {
  if (!isOpen(lead.status ?? 'new')) return
  const score = lead.score ?? 0
  tx
    .insert(leadBandCounts)
    .values({ band: scoreBand(score), n: Math.max(0, sign) })
    .onConflictDoUpdate({ target: leadBandCounts.band, set: { n: sql`${leadBandCounts.n} + ${sign}` } })
    .run()
}

/** Lead counts by score band (open leads only), for the dashboard: the maintained counts, not a scan. */
const bandCountsQuery = preparedQuery((db) => db.select().from(leadBandCounts).prepare())
export async function leadBands(actor: Actor) {
  assertCrmRead(actor)
  const rows = bandCountsQuery().all()
  return Object.fromEntries(rows.filter((b) => b.n > 0).map((b) => [b.band, b.n])) as Record<'hot' | 'warm' | 'junk', number | undefined>
}
