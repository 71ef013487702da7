import { inArray } from 'drizzle-orm'
import { approvalEscalations, approvalSlas } from '../../../db/schema/reports'
import type { ApprovalSource, PendingApproval, WaitingKey } from '../../kit/approvals'
import { mutate } from '../../kit/mutate.server'
import { db, preparedQuery } from '../../utils/db.server'
import { Forbidden, ValidationFailed } from '../../utils/errors'
import { translate, type MessageKey } from '../../utils/i18n'
import { assertCan, scopeOf, type Actor } from '../auth/actor'
import { dealApprovalSources } from '../deals/deals.approvals.server'
import { supplierApprovalSources } from '../suppliers/suppliers.approvals.server'
import { mdfApprovalSources } from '../mdf/mdf.approvals.server'
import { notify } from '../notify/notify.server'
import { organisationNames, recipient, usersHolding } from '../orgs/orgs.server'
import type { AgeFilter } from './reports.schema'

/**
 * Every kind of record waiting for a vendor decision. Adding a kind is one line here: the module
 * exports its sources from `<module>.approvals.server.ts` (contract: app/kit/approvals.ts).
 */
export const APPROVAL_SOURCES: ApprovalSource[] = [
  ...dealApprovalSources,
  ...supplierApprovalSources,
  ...mdfApprovalSources,
]

export const DEFAULT_SLA_HOURS = 48
const HOUR_MS = 3_600_000
/** How many of each kind the queue reads (oldest first); the counts say how many more wait. */
const PER_SOURCE = 200

export type QueueRow = PendingApproval & { kindLabel: MessageKey; slaHours: number; overdue: boolean; dueAt: number; escalatedAt: number | null }

function visibleSources(actor: Actor) {
  return APPROVAL_SOURCES.filter((s) => scopeOf(actor, s.needs) === 'any')
}

const slasQuery = preparedQuery((db) => db.select().from(approvalSlas).prepare())
/** SLA hours per kind: the admin's setting, else the default. */
export function slaHours(): Map<string, number> {
  const stored = new Map(slasQuery().all().map((r) => [r.kind, r.hours]))
  return new Map(APPROVAL_SOURCES.map((s) => [s.kind, stored.get(s.kind) ?? DEFAULT_SLA_HOURS]))
}


/** Rows shown per page of the queue (the rest are a click away: rendering hundreds of forms was most of its cost). */
export const QUEUE_PAGE_SIZE = 50

/** A waiting row in the queue's order: built already (kinds without `waiting`), or still to build. */
type Entry = { source: ApprovalSource; id: string; orgId: string; waitingSince: number; overdue: boolean; row?: PendingApproval }

/**
 * The waiting rows this reader may decide, filtered, oldest first: of each kind the first `limit` (at most
 * PER_SOURCE), with the counts of the whole filtered queue. Kinds with `countWaitingBefore` are counted
 * exactly, so the page needs only its own rows; the others are counted from the rows read. Kinds with
 * `waiting` give only their keys here: `build` makes the rows that are shown.
 */
async function queueRows(actor: Actor, opts: { kind?: string; orgId?: string; age?: AgeFilter; now: number; limit?: number }) {
  const sources = visibleSources(actor)
  if (!sources.length) throw new Forbidden()
  const slas = slaHours()
  const chosen = opts.kind ? sources.filter((s) => s.kind === opts.kind) : sources
  const minAge = opts.age && opts.age !== 'overdue' ? { '1d': 1, '3d': 3, '7d': 7 }[opts.age] * 24 * HOUR_MS : 0
  const lists = await Promise.all(
    chosen.map(async (source) => {
      const hours = slas.get(source.kind) ?? DEFAULT_SLA_HOURS
      const dueBefore = opts.now - hours * HOUR_MS
      // "waited at least a day" and "overdue" are both "waiting since before a moment"
      const ageBefore = opts.age === 'overdue' ? dueBefore : opts.age ? opts.now - minAge : null
      const counts = source.countWaitingBefore
      const limit = counts ? Math.min(PER_SOURCE, opts.limit ?? PER_SOURCE) : PER_SOURCE
      const read: (WaitingKey & { row?: PendingApproval })[] = source.waiting ? await source.waiting(actor, { orgId: opts.orgId, limit }) : (await source.pending(actor, { orgId: opts.orgId, limit })).map((row) => ({ id: row.id, orgId: row.orgId, waitingSince: row.waitingSince, row }))
      const entries: Entry[] = read.map((r) => ({ ...r, source, overdue: r.waitingSince < dueBefore })).filter((r) => ageBefore === null || r.waitingSince < ageBefore)
      const waiting = await source.count(actor, { orgId: opts.orgId })
      const matching = ageBefore === null ? waiting : counts ? await counts(actor, { orgId: opts.orgId, waitingBefore: ageBefore }) : entries.length
      const overdueBefore = ageBefore === null ? dueBefore : Math.min(dueBefore, ageBefore)
      const overdue = !counts ? entries.filter((r) => r.overdue).length : overdueBefore === ageBefore ? matching : await counts(actor, { orgId: opts.orgId, waitingBefore: overdueBefore })
      return { entries, waiting, matching, overdue, capped: matching > PER_SOURCE || (!counts && read.length >= PER_SOURCE && waiting > read.length) }
    }),
  )
  return {
    sources,
    slas,
    entries: lists.flatMap((l) => l.entries).sort((a, b) => a.waitingSince - b.waitingSince),
    waiting: lists.reduce((n, l) => n + l.waiting, 0),
    // the filtered queue as far as it can be paged (PER_SOURCE of each kind)
    total: lists.reduce((n, l) => n + Math.min(l.matching, PER_SOURCE), 0),
    overdue: lists.reduce((n, l) => n + l.overdue, 0),
    // a kind with more waiting than the queue reads: the list stops at PER_SOURCE of it
    capped: lists.some((l) => l.capped),
  }
}

/**
 * The rows of these entries, in their order: each kind with `waiting` builds its own in one call. A row
 * decided since its key was read is left out.
 */
async function build(actor: Actor, entries: Entry[], slas: Map<string, number>): Promise<QueueRow[]> {
  const toBuild = new Map<ApprovalSource, string[]>()
  for (const e of entries) {
    if (e.row) continue
    const ids = toBuild.get(e.source)
    if (ids) ids.push(e.id)
    else toBuild.set(e.source, [e.id])
  }
  const built = new Map<string, PendingApproval>()
  for (const [source, ids] of toBuild) for (const row of await source.pending(actor, { limit: ids.length, ids })) built.set(`${source.kind}|${row.id}`, row)
  return entries.flatMap((e) => {
    const row = e.row ?? built.get(`${e.source.kind}|${e.id}`)
    if (!row) return []
    const hours = slas.get(e.source.kind) ?? DEFAULT_SLA_HOURS
    return [{ ...row, kindLabel: e.source.label, slaHours: hours, dueAt: row.waitingSince + hours * HOUR_MS, overdue: e.overdue, escalatedAt: null }]
  })
}

/** The escalations the job already sent for these rows (one read), set on each row. */
function withEscalations(rows: QueueRow[]): QueueRow[] {
  const overdueIds = rows.filter((r) => r.overdue).map((r) => r.id)
  if (!overdueIds.length) return rows
  const done = new Map(
    db
      .select()
      .from(approvalEscalations)
      .where(inArray(approvalEscalations.itemId, overdueIds))
      .all()
      .map((e) => [`${e.kind}|${e.itemId}|${e.waitingSince}`, e.escalatedAt]),
  )
  return rows.map((r) => ({ ...r, escalatedAt: done.get(`${r.kind}|${r.id}|${r.waitingSince}`) ?? null }))
}

/**
 * The one approval queue: everything waiting for this reader's decision, oldest first, each row
 * with its SLA and whether it is overdue, a page at a time. Filterable by kind, partner (or supplier) and age.
 */
export async function approvalQueueFor(actor: Actor, opts: { kind?: string; orgId?: string; age?: AgeFilter; page?: number; now?: number } = {}) {
  const now = opts.now ?? Date.now()
  const page = Math.max(1, opts.page ?? 1)
  // the first `page` pages of each kind are enough to merge them in order
  const q = await queueRows(actor, { ...opts, now, limit: page * QUEUE_PAGE_SIZE })
  const slice = await build(actor, q.entries.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE), q.slas)
  // the organisations with something waiting among the rows read (filter options): names of those not built
  const names = organisationNames(q.entries.filter((e) => !e.row && e.orgId).map((e) => e.orgId))
  const orgName = (e: Entry) => e.row?.orgName ?? names.get(e.orgId)?.name ?? ''
  return {
    rows: withEscalations(slice),
    page,
    pageSize: QUEUE_PAGE_SIZE,
    total: q.total,
    totalIsCapped: q.capped,
    kinds: q.sources.map((s) => ({ kind: s.kind, label: s.label })),
    orgs: [...new Map(q.entries.map((e) => [e.orgId, orgName(e)])).entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    waiting: q.waiting,
    overdue: q.overdue,
    now,
  }
}

/**
 * How many decisions wait for this reader, how many of them are overdue, and the five oldest overdue
 * (home page, menu). Counted, not listed: kinds with `countWaitingBefore` never build their rows
 * (building up to 200 formatted rows a kind was most of the dashboard's cost).
 */
export async function approvalCounts(actor: Actor, now = Date.now()) {
  if (!visibleSources(actor).length) return null
  // oldest first: five of each kind hold the five oldest overdue overall
  const q = await queueRows(actor, { now, limit: 5 })
  return { waiting: q.waiting, overdue: q.overdue, oldestOverdue: await build(actor, q.entries.filter((e) => e.overdue).slice(0, 5), q.slas) }
}

// ---- SLA settings (admin) ------------------------------------------------------------------

export async function getApprovalSlas(actor: Actor) {
  assertCan(actor, 'manage:settings')
  const slas = slaHours()
  return APPROVAL_SOURCES.map((s) => ({ kind: s.kind, label: s.label, hours: slas.get(s.kind) ?? DEFAULT_SLA_HOURS }))
}

/** Sets the hours per kind; from 1 hour to 90 days. */
export async function updateApprovalSlas(actor: Actor, hours: Record<string, number>) {
  assertCan(actor, 'manage:settings')
  for (const [kind, h] of Object.entries(hours)) {
    if (!APPROVAL_SOURCES.some((s) => s.kind === kind)) throw new ValidationFailed(`sla_${kind}`, 'errors.generic')
    if (!Number.isInteger(h) || h < 1 || h > 2160) throw new ValidationFailed(`sla_${kind}`, 'reports.sla.range')
  }
  const before = Object.fromEntries(slaHours())
  await mutate(actor, (ctx) => {
    for (const [kind, h] of Object.entries(hours)) {
      ctx.tx.insert(approvalSlas).values({ kind, hours: h, updatedAt: ctx.now, updatedBy: actor.userId }).onConflictDoUpdate({ target: approvalSlas.kind, set: { hours: h, updatedAt: ctx.now, updatedBy: actor.userId } }).run()
    }
    ctx.audit('approval_sla', 'settings', 'updated', before, hours)
  })
}

// ---- escalation (job) ----------------------------------------------------------------------

/**
 * The job's reader: it lists the queue as the vendor administrator would (every kind), in
 * English; what the recipients read is rendered in their own language.
 */
const SYSTEM_READER: Actor = { userId: 'system', email: '', name: 'Mitra', locale: 'en', timeZone: 'Asia/Jakarta', orgId: '', orgKind: 'vendor', orgName: '', role: 'admin', sessionId: '' }

/**
 * Every item past its SLA is escalated once per breach to the users holding
 * `escalate:approval:any` (the administrators): an in-app notification and an email. A breach is
 * the item and the moment it started waiting, so an item resubmitted later and overdue again is
 * escalated again. Idempotent.
 */
export async function escalateOverdueApprovals(now = Date.now()) {
  // every overdue row, not a page of them (up to PER_SOURCE a kind; the next run takes the rest)
  const queue = await queueRows(SYSTEM_READER, { age: 'overdue', now })
  const rows = await build(SYSTEM_READER, queue.entries, queue.slas)
  const admins = usersHolding('escalate:approval:any')
  let escalated = 0
  for (const item of rows) {
    const done = await mutate(
      null,
      (ctx) => {
        const fresh = ctx.tx.insert(approvalEscalations).values({ kind: item.kind, itemId: item.id, waitingSince: item.waitingSince, escalatedAt: ctx.now }).onConflictDoNothing().run().changes
        if (!fresh) return false
        ctx.audit('approval_escalation', `${item.kind}:${item.id}`, 'escalated', null, { kind: item.kind, title: item.title, waitingSince: item.waitingSince, slaHours: item.slaHours })
        for (const userId of admins) {
          const to = recipient(userId)
          if (!to) continue
          notify(ctx, userId, 'approval_overdue', { kind: translate(to.locale, item.kindLabel), title: item.title, partner: item.orgName, hours: Math.floor((now - item.waitingSince) / HOUR_MS), sla: item.slaHours }, item.href)
        }
        return true
      },
      { now },
    )
    if (done) escalated++
  }
  return { overdue: rows.length, escalated }
}
