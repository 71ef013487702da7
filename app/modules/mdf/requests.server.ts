// MDF requests: a partner asks for funds before an activity; a partner manager approves (in full
// or in part), rejects or returns it. Approval commits money against the partner's allocation in
// an immediate transaction, so two managers approving at once can never commit more than is there.
import { and, asc, count, desc, eq, inArray, lte, max, sql, type SQL } from 'drizzle-orm'
import { mdfAllocations, mdfClaims, mdfRequests } from '../../../db/schema/mdf'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { paginate } from '../../kit/paginate'
import { assertSaneAmount } from '../../utils/amount-limits.server'
import { db, preparedQuery } from '../../utils/db.server'
import { inJsonList } from '../../utils/sql'
import { InvalidTransition, NotFound, ValidationFailed } from '../../utils/errors'
import { translate } from '../../utils/i18n'
import { newId } from '../../utils/ids'
import { formatMoney, parseAmountToMinor } from '../../utils/money'
import { assertCan, scopeOf, type Actor } from '../auth/actor'
import { notify } from '../notify/notify.server'
import { activeMembersOf, organisationNames, userNames } from '../orgs/orgs.server'
import { cancelLinkedEvent, daySpan, upsertLinkedEvent } from '../schedules/schedules.server'
import { addDays, fundRow, jakartaToday, mdfApprovers, type Fund } from './funds.server'
import { balancesOf, committedToRequest, writeEntry } from './ledger.server'
import { requestMachine, type ActivityType, type RequestEvent, type RequestPart, type RequestStatus } from './mdf.machine'

export type MdfRequest = typeof mdfRequests.$inferSelect

export type RequestInput = {
  fundId: string
  activityType: ActivityType
  title: string
  description: string
  startsOn: string
  endsOn: string
  expectedLeads: number
  expectedPipeline: string
  cost: string
  requested: string
}

export const requestNumber = (n: number) => `MDF-${String(n).padStart(4, '0')}`

/** The largest amount the programme reimburses for a cost: the fund's share, rounded down. */
export function shareCap(costMinor: number, sharePct: number) {
  return Math.floor((costMinor * sharePct) / 100)
}

/** An amount typed in a form, in the fund's currency: a ValidationFailed beside its field when it is not one. */
export function readAmount(field: string, text: string, currency: string, actor: Actor, allowZero = false): number {
  const minor = parseAmountToMinor(text || (allowZero ? '0' : ''), currency, actor.locale)
  if (minor === null || minor < 0 || (!allowZero && minor === 0)) throw new ValidationFailed(field, 'errors.amount')
  assertSaneAmount(field, minor, currency, actor.locale)
  return minor
}

/** Reads the form (fund, dates, amounts) and checks the rules that hold for drafts and submissions alike. */
function readRequestInput(actor: Actor, input: RequestInput, now?: number) {
  const fund = fundRow(input.fundId)
  if (!fund) throw new ValidationFailed('fundId', 'errors.required')
  if (fund.expiredAt || jakartaToday(now) > fund.periodEnd) throw new ValidationFailed('fundId', 'mdf.errors.fundClosed')
  const allocation = db.select({ id: mdfAllocations.id }).from(mdfAllocations).where(and(eq(mdfAllocations.fundId, fund.id), eq(mdfAllocations.orgId, actor.orgId))).get()
  if (!allocation) throw new ValidationFailed('fundId', 'mdf.errors.noAllocation')
  if (input.endsOn < input.startsOn) throw new ValidationFailed('endsOn', 'mdf.errors.endBeforeStart')
  if (input.startsOn < fund.periodStart || input.startsOn > fund.periodEnd) throw new ValidationFailed('startsOn', 'mdf.errors.outsidePeriod', { from: fund.periodStart, to: fund.periodEnd })
  const costMinor = readAmount('cost', input.cost, fund.currency, actor)
  const requestedMinor = readAmount('requested', input.requested, fund.currency, actor)
  const expectedPipelineMinor = readAmount('expectedPipeline', input.expectedPipeline, fund.currency, actor, true)
  const cap = shareCap(costMinor, fund.maxSharePct)
  if (requestedMinor > cap) throw new ValidationFailed('requested', 'mdf.errors.overShare', { pct: fund.maxSharePct, max: formatMoney(cap, fund.currency, actor.locale) })
  const fields = { fundId: fund.id, currency: fund.currency, activityType: input.activityType, title: input.title, description: input.description, startsOn: input.startsOn, endsOn: input.endsOn, expectedLeads: input.expectedLeads, costMinor, requestedMinor, expectedPipelineMinor }
  return { fund, fields }
}

function assertWithinAvailable(ctx: Ctx, actor: Actor, fund: Fund, orgId: string, requestedMinor: number) {
  const available = balancesOf(ctx.tx, fund.id, orgId).available
  if (requestedMinor > available) throw new ValidationFailed('requested', 'mdf.errors.overAvailable', { available: formatMoney(Math.max(0, available), fund.currency, actor.locale) })
}

function tellManagers(ctx: Ctx, request: MdfRequest, kind: 'mdf_request_submitted' | 'mdf_claim_submitted', orgName: string) {
  for (const userId of mdfApprovers()) notify(ctx, userId, kind, { company: orgName, title: request.title, number: requestNumber(request.number) }, `/mdf/requests/${request.id}`)
}

/** A partner user creates a request: saved as a draft, or submitted at once. */
export async function createRequest(actor: Actor, input: RequestInput, opts: { submit: boolean; now?: number }) {
  assertCan(actor, 'request:mdf', { orgId: actor.orgId })
  const { fund, fields } = readRequestInput(actor, input, opts.now)
  return mutate(
    actor,
    (ctx) => {
      if (opts.submit) assertWithinAvailable(ctx, actor, fund, actor.orgId, fields.requestedMinor)
      const id = newId()
      const number = (ctx.tx.select({ n: max(mdfRequests.number) }).from(mdfRequests).get()?.n ?? 0) + 1
      const row: MdfRequest = {
        id,
        number,
        ...fields,
        orgId: actor.orgId,
        createdBy: actor.userId,
        status: opts.submit ? 'submitted' : 'draft',
        approvedMinor: null,
        question: null,
        decisionReason: null,
        decidedBy: null,
        decidedAt: null,
        submittedAt: opts.submit ? ctx.now : null,
        claimDueOn: null,
        reminderSent: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }
      ctx.tx.insert(mdfRequests).values(row).run()
      ctx.audit('mdf_request', id, 'created', null, { title: row.title, requestedMinor: row.requestedMinor, costMinor: row.costMinor, currency: row.currency })
      if (opts.submit) {
        ctx.audit('mdf_request', id, 'submitted', null, { requestedMinor: row.requestedMinor, currency: row.currency })
        tellManagers(ctx, row, 'mdf_request_submitted', actor.orgName)
      }
      return id
    },
    opts,
  )
}

function findRequest(actor: Actor, id: string): MdfRequest {
  const row = db.select().from(mdfRequests).where(eq(mdfRequests.id, id)).get()
  if (!row) throw new NotFound()
  assertCan(actor, 'read:mdf', { orgId: row.orgId })
  return row
}

function current(ctx: Ctx, id: string): MdfRequest {
  return ctx.tx.select().from(mdfRequests).where(eq(mdfRequests.id, id)).get()!
}

function moved(ctx: Ctx, actor: Actor, row: MdfRequest, event: RequestEvent) {
  if (!requestMachine.can(row.status, event)) {
    const who = row.decidedBy ? (userNames([row.decidedBy]).get(row.decidedBy) ?? '') : ''
    throw new InvalidTransition(row.status, event, who ? { key: 'mdf.errors.alreadyDecided', params: { status: translate(actor.locale, `mdf.status.${row.status}`), who } } : { key: 'mdf.errors.notNow', params: { status: translate(actor.locale, `mdf.status.${row.status}`) } })
  }
  return requestMachine.next(row.status, event)
}

/** The partner edits a draft or a returned request (and may submit it in the same step). */
export async function updateRequest(actor: Actor, id: string, input: RequestInput, opts: { submit: boolean; now?: number }) {
  const before = findRequest(actor, id)
  assertCan(actor, 'request:mdf', { orgId: before.orgId })
  const { fund, fields } = readRequestInput(actor, input, opts.now)
  return mutate(
    actor,
    (ctx) => {
      const row = current(ctx, id)
      if (row.status !== 'draft' && row.status !== 'returned') throw new InvalidTransition(row.status, 'edit', { key: 'mdf.errors.notNow', params: { status: translate(actor.locale, `mdf.status.${row.status}`) } })
      const next = opts.submit ? moved(ctx, actor, row, 'submit') : row.status
      if (opts.submit) assertWithinAvailable(ctx, actor, fund, row.orgId, fields.requestedMinor)
      ctx.tx
        .update(mdfRequests)
        .set({ ...fields, status: next, submittedAt: opts.submit ? ctx.now : row.submittedAt, updatedAt: ctx.now })
        .where(eq(mdfRequests.id, id))
        .run()
      ctx.audit('mdf_request', id, 'edited', { title: row.title, requestedMinor: row.requestedMinor, costMinor: row.costMinor }, { title: fields.title, requestedMinor: fields.requestedMinor, costMinor: fields.costMinor })
      if (opts.submit) {
        ctx.audit('mdf_request', id, row.status === 'returned' ? 'resubmitted' : 'submitted', null, { requestedMinor: fields.requestedMinor, currency: fund.currency })
        tellManagers(ctx, { ...row, ...fields }, 'mdf_request_submitted', actor.orgName)
      }
    },
    opts,
  )
}

/** The partner submits a saved draft as it stands (the share cap was checked when it was saved; the balance is checked now). */
export async function submitRequest(actor: Actor, id: string, opts: { now?: number } = {}) {
  const before = findRequest(actor, id)
  assertCan(actor, 'request:mdf', { orgId: before.orgId })
  const fund = fundRow(before.fundId)!
  if (fund.expiredAt || jakartaToday(opts.now) > fund.periodEnd) throw new ValidationFailed('fundId', 'mdf.errors.fundClosed')
  return mutate(
    actor,
    (ctx) => {
      const row = current(ctx, id)
      const next = moved(ctx, actor, row, 'submit')
      assertWithinAvailable(ctx, actor, fund, row.orgId, row.requestedMinor)
      ctx.tx.update(mdfRequests).set({ status: next, submittedAt: ctx.now, updatedAt: ctx.now }).where(eq(mdfRequests.id, id)).run()
      ctx.audit('mdf_request', id, row.status === 'returned' ? 'resubmitted' : 'submitted', null, { requestedMinor: row.requestedMinor, currency: row.currency })
      tellManagers(ctx, row, 'mdf_request_submitted', actor.orgName)
    },
    opts,
  )
}

export async function withdrawRequest(actor: Actor, id: string, opts: { now?: number } = {}) {
  const before = findRequest(actor, id)
  assertCan(actor, 'request:mdf', { orgId: before.orgId })
  return mutate(
    actor,
    (ctx) => {
      const row = current(ctx, id)
      const next = moved(ctx, actor, row, 'withdraw')
      ctx.tx.update(mdfRequests).set({ status: next, updatedAt: ctx.now }).where(eq(mdfRequests.id, id)).run()
      ctx.audit('mdf_request', id, 'withdrawn', { status: row.status }, { status: next })
    },
    opts,
  )
}

function tellPartner(ctx: Ctx, row: MdfRequest, kind: string, params: Record<string, string | number>) {
  const people = new Set([row.createdBy, ...activeMembersOf(row.orgId, ['partner_admin'])])
  for (const userId of people) notify(ctx, userId, kind, { title: row.title, number: requestNumber(row.number), ...params }, `/mdf/requests/${row.id}`)
}

/**
 * A partner manager's decision. Approval (in full, or in part with `amountMinor`) commits the
 * amount in the same immediate transaction that reads the balance: a second approval racing it
 * waits for the first to commit, then sees the smaller balance and is refused with words.
 */
export async function decideRequest(actor: Actor, id: string, decision: { event: 'approve'; amountMinor?: number | null } | { event: 'reject' | 'return'; reason: string }, opts: { now?: number } = {}) {
  findRequest(actor, id)
  assertCan(actor, 'approve:mdf')
  return mutate(
    actor,
    (ctx) => {
      const row = current(ctx, id)
      const next = moved(ctx, actor, row, decision.event)
      const fund = fundRow(row.fundId)!
      if (decision.event === 'approve') {
        const amountMinor = decision.amountMinor ?? row.requestedMinor
        if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor > row.requestedMinor) throw new ValidationFailed('amount', 'mdf.errors.partialRange', { max: formatMoney(row.requestedMinor, row.currency, actor.locale) })
        if (fund.expiredAt) throw new ValidationFailed('amount', 'mdf.errors.fundClosed')
        const available = balancesOf(ctx.tx, row.fundId, row.orgId).available
        if (amountMinor > available) throw new ValidationFailed('amount', 'mdf.errors.overAvailableManager', { available: formatMoney(Math.max(0, available), row.currency, actor.locale) })
        writeEntry(ctx, { fundId: row.fundId, orgId: row.orgId, kind: 'commit', amountMinor, currency: row.currency, requestId: id })
        const claimDueOn = addDays(row.endsOn, fund.claimDeadlineDays)
        ctx.tx.update(mdfRequests).set({ status: next, approvedMinor: amountMinor, claimDueOn, decidedBy: actor.userId, decidedAt: ctx.now, decisionReason: null, updatedAt: ctx.now }).where(eq(mdfRequests.id, id)).run()
        ctx.audit('mdf_request', id, 'approved', { status: row.status }, { approvedMinor: amountMinor, requestedMinor: row.requestedMinor, currency: row.currency, claimDueOn })
        const partial = amountMinor < row.requestedMinor
        tellPartner(ctx, row, 'mdf_request_approved', { amount: formatMoney(amountMinor, row.currency, 'id'), partial: partial ? 'partial' : 'full', due: claimDueOn })
        // on the calendars of the people involved: the partner's team and the approving manager
        upsertLinkedEvent(ctx, {
          source: 'mdf_request',
          sourceId: id,
          orgId: row.orgId,
          title: { en: translate('en', 'mdf.calendarTitle', { title: row.title }), id: translate('id', 'mdf.calendarTitle', { title: row.title }) },
          ...daySpan(row.startsOn, row.endsOn),
          timeZone: 'Asia/Jakarta',
          userIds: [...activeMembersOf(row.orgId), actor.userId],
        })
      } else {
        const reason = decision.reason.trim()
        if (!reason) throw new ValidationFailed('reason', 'errors.required')
        ctx.tx
          .update(mdfRequests)
          .set({ status: next, decidedBy: actor.userId, decidedAt: ctx.now, ...(decision.event === 'return' ? { question: reason } : { decisionReason: reason }), updatedAt: ctx.now })
          .where(eq(mdfRequests.id, id))
          .run()
        ctx.audit('mdf_request', id, decision.event === 'return' ? 'returned' : 'rejected', { status: row.status }, decision.event === 'return' ? { question: reason } : { reason })
        tellPartner(ctx, row, decision.event === 'return' ? 'mdf_request_returned' : 'mdf_request_rejected', { reason })
      }
    },
    opts,
  )
}

/** The claim deadline passed with no claim: the commitment is released (job, in the caller's transaction). */
function lapse(ctx: Ctx, row: MdfRequest) {
  const committed = committedToRequest(ctx.tx, row.id)
  writeEntry(ctx, { fundId: row.fundId, orgId: row.orgId, kind: 'release', amountMinor: committed, currency: row.currency, requestId: row.id, note: 'claim deadline passed' })
  ctx.tx.update(mdfRequests).set({ status: 'lapsed', updatedAt: ctx.now }).where(eq(mdfRequests.id, row.id)).run()
  ctx.audit('mdf_request', row.id, 'lapsed', { status: 'approved' }, { status: 'lapsed', releasedMinor: committed })
  cancelLinkedEvent(ctx, 'mdf_request', row.id)
  tellPartner(ctx, row, 'mdf_request_lapsed', {})
}

/** The job: approved requests past their claim deadline with no claim lapse; their money goes back. */
export async function lapseUnclaimedRequests(now = Date.now()) {
  const today = jakartaToday(now)
  const due = db
    .select({ r: mdfRequests })
    .from(mdfRequests)
    .leftJoin(mdfClaims, eq(mdfClaims.requestId, mdfRequests.id))
    .where(and(eq(mdfRequests.status, 'approved'), sql`${mdfRequests.claimDueOn} < ${today}`, sql`${mdfClaims.id} is null`))
    .all()
  let lapsed = 0
  for (const { r } of due) {
    await mutate(
      null,
      (ctx) => {
        const row = current(ctx, r.id)
        const hasClaim = ctx.tx.select({ id: mdfClaims.id }).from(mdfClaims).where(eq(mdfClaims.requestId, r.id)).get()
        if (row.status !== 'approved' || hasClaim) return
        lapse(ctx, row)
        lapsed++
      },
      { now },
    )
  }
  return { lapsed }
}

export const CLAIM_REMINDER_DAYS = [14, 3] as const

/** The job: reminds the partner 14 and 3 days before a claim deadline, each once. */
export async function sendClaimDeadlineReminders(now = Date.now()) {
  const today = jakartaToday(now)
  const horizon = addDays(today, CLAIM_REMINDER_DAYS[0])
  const rows = db
    .select({ r: mdfRequests })
    .from(mdfRequests)
    .leftJoin(mdfClaims, eq(mdfClaims.requestId, mdfRequests.id))
    .where(and(eq(mdfRequests.status, 'approved'), sql`${mdfClaims.id} is null`, lte(mdfRequests.claimDueOn, horizon), sql`${mdfRequests.claimDueOn} >= ${today}`))
    .all()
  let sent = 0
  for (const { r } of rows) {
    const daysLeft = Math.round((Date.parse(`${r.claimDueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000)
    const due = [...CLAIM_REMINDER_DAYS].filter((n) => daysLeft <= n).sort((a, b) => a - b)[0]
    if (due === undefined || (r.reminderSent !== null && r.reminderSent <= due)) continue
    await mutate(
      null,
      (ctx) => {
        ctx.tx.update(mdfRequests).set({ reminderSent: due }).where(eq(mdfRequests.id, r.id)).run()
        tellPartner(ctx, r, 'mdf_claim_deadline', { due: r.claimDueOn ?? '', days: daysLeft })
        sent++
      },
      { now },
    )
  }
  return { sent }
}

export const REQUEST_SORTS = ['submitted', 'created', 'starts', 'amount', 'number'] as const
export type RequestSort = (typeof REQUEST_SORTS)[number]

/** Requests the actor may see, filtered, sorted and paginated. */
export async function listRequests(actor: Actor, opts: { status?: RequestStatus | 'open' | null; orgId?: string | null; fundId?: string | null; q?: string; sort?: RequestSort; dir?: 'asc' | 'desc'; page?: number; pageSize?: number } = {}) {
  const scope = scopeOf(actor, 'read:mdf')
  if (!scope) assertCan(actor, 'read:mdf')
  const where: SQL[] = []
  if (scope !== 'any') where.push(eq(mdfRequests.orgId, actor.orgId))
  else if (opts.orgId) where.push(eq(mdfRequests.orgId, opts.orgId))
  if (opts.status === 'open') where.push(inArray(mdfRequests.status, ['draft', 'submitted', 'returned', 'approved']))
  else if (opts.status) where.push(eq(mdfRequests.status, opts.status))
  if (opts.fundId) where.push(eq(mdfRequests.fundId, opts.fundId))
  // the typed text is matched literally: % and _ are not wildcards
  if (opts.q) where.push(sql`(${mdfRequests.title} like ${`%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\' or ('MDF-' || substr('0000' || ${mdfRequests.number}, -4)) = upper(${opts.q}))`)
  const cond = where.length ? and(...where) : undefined
  const col = { submitted: mdfRequests.submittedAt, created: mdfRequests.createdAt, starts: mdfRequests.startsOn, amount: mdfRequests.requestedMinor, number: mdfRequests.number }[opts.sort ?? 'created']
  const order = opts.dir === 'asc' ? asc(col) : desc(col)
  const page = paginate(opts, {
    rows: (limit, offset) => db.select().from(mdfRequests).where(cond).orderBy(order, desc(mdfRequests.number)).limit(limit).offset(offset).all(),
    count: () => db.select({ n: count() }).from(mdfRequests).where(cond).get()?.n ?? 0,
  })
  const names = organisationNames(page.rows.map((r) => r.orgId))
  const claims = page.rows.length ? db.select({ requestId: mdfClaims.requestId, status: mdfClaims.status }).from(mdfClaims).where(inArray(mdfClaims.requestId, page.rows.map((r) => r.id))).all() : []
  const claimOf = new Map(claims.map((c) => [c.requestId, c.status]))
  return { ...page, rows: page.rows.map((r) => ({ id: r.id, number: requestNumber(r.number), title: r.title, orgId: r.orgId, orgName: names.get(r.orgId)?.name ?? '', status: r.status, activityType: r.activityType, startsOn: r.startsOn, endsOn: r.endsOn, currency: r.currency, requestedMinor: r.requestedMinor, approvedMinor: r.approvedMinor, submittedAt: r.submittedAt, claimStatus: claimOf.get(r.id) ?? null, claimDueOn: r.claimDueOn })) }
}

/** Requests waiting for a manager, oldest first (the approval queue). */
export function pendingRequests(limit: number, orgId?: string, ids?: string[]) {
  // the rows of the queue's page (ids from waitingRequests): one prepared read
  if (ids) return byIdsQuery().all({ ids: JSON.stringify(ids.slice(0, limit)) }).filter((r) => r.status === 'submitted' && (!orgId || r.orgId === orgId))
  const cond = and(eq(mdfRequests.status, 'submitted'), orgId ? eq(mdfRequests.orgId, orgId) : undefined)
  return db.select().from(mdfRequests).where(cond).orderBy(asc(mdfRequests.submittedAt)).limit(limit).all()
}
// by primary key, the status checked on the rows: a status condition in SQL led SQLite to walk every submitted request
const byIdsQuery = preparedQuery((db) => db.select().from(mdfRequests).where(inJsonList(mdfRequests.id)).prepare())

/** Submitted requests as the approval queue orders them, oldest first: ids, organisations and waiting times only. */
export function waitingRequests(limit: number, orgId?: string) {
  return orgId ? waitingOfOrgQuery().all({ limit, orgId }) : waitingQuery().all({ limit })
}
const waitingSinceOfRequest = sql<number>`coalesce(${mdfRequests.submittedAt}, ${mdfRequests.createdAt})`
const waitingColumns = { id: mdfRequests.id, orgId: mdfRequests.orgId, waitingSince: waitingSinceOfRequest }
const waitingQuery = preparedQuery((db) => db.select(waitingColumns).from(mdfRequests).where(eq(mdfRequests.status, 'submitted')).orderBy(asc(mdfRequests.submittedAt)).limit(sql.placeholder('limit')).prepare())
const waitingOfOrgQuery = preparedQuery((db) => db.select(waitingColumns).from(mdfRequests).where(and(eq(mdfRequests.status, 'submitted'), eq(mdfRequests.orgId, sql.placeholder('orgId')))).orderBy(asc(mdfRequests.submittedAt)).limit(sql.placeholder('limit')).prepare())

/** Submitted requests, of one organisation and/or waiting since before a moment (the overdue count). */
export function pendingRequestCount(orgId?: string, waitingBefore = Number.MAX_SAFE_INTEGER) {
  return (orgId ? countOfOrgQuery().get({ orgId, waitingBefore }) : countQuery().get({ waitingBefore }))?.n ?? 0
}
const countQuery = preparedQuery((db) => db.select({ n: count() }).from(mdfRequests).where(and(eq(mdfRequests.status, 'submitted'), sql`${waitingSinceOfRequest} < ${sql.placeholder('waitingBefore')}`)).prepare())
const countOfOrgQuery = preparedQuery((db) => db.select({ n: count() }).from(mdfRequests).where(and(eq(mdfRequests.status, 'submitted'), eq(mdfRequests.orgId, sql.placeholder('orgId')), sql`${waitingSinceOfRequest} < ${sql.placeholder('waitingBefore')}`)).prepare())

export { findRequest, current as currentRequest, type RequestPart }
