// MDF claims: after the activity and before its deadline the partner claims reimbursement with
// proof of performance; the manager approves (in full or in part), rejects or returns it. The
// claimable amount is at most the approved amount and at most the programme's share of the actual cost.
import fs from 'node:fs'
import { and, asc, count, eq, lt, sql } from 'drizzle-orm'
import { mdfClaimFiles, mdfClaims, mdfRequests } from '../../../db/schema/mdf'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { db, preparedQuery } from '../../utils/db.server'
import { inJsonList } from '../../utils/sql'
import { getEnv } from '../../utils/env.server'
import { InvalidTransition, NotFound, ValidationFailed } from '../../utils/errors'
import { translate } from '../../utils/i18n'
import { newId } from '../../utils/ids'
import { formatMoney } from '../../utils/money'
import { downloadHeaders, storeUpload, uploadPath, type UploadAccepted, type UploadKind } from '../../utils/upload.server'
import { assertCan, type Actor } from '../auth/actor'
import { notify } from '../notify/notify.server'
import { activeMembersOf, userNames, usersHolding } from '../orgs/orgs.server'
import { fundRow, jakartaToday, mdfApprovers } from './funds.server'
import { committedToRequest, writeEntry } from './ledger.server'
import { claimMachine, type ClaimEvent } from './mdf.machine'
import { findRequest, readAmount, requestNumber, shareCap } from './requests.server'

export type MdfClaim = typeof mdfClaims.$inferSelect

export const CLAIM_FILE_KINDS: readonly UploadKind[] = ['pdf', 'png', 'jpeg']
export const MAX_CLAIM_FILES = 10

/** The size cap of one proof-of-performance file (MDF_UPLOAD_MAX_MB, default 10 MB). */
export function maxClaimFileBytes() {
  return getEnv().MDF_UPLOAD_MAX_MB * 1024 * 1024
}

export type ClaimInput = { actualCost: string; claimed: string; leads: number; attendees: number; pipeline: string; notes: string }

function checkAmounts(actor: Actor, input: ClaimInput, request: typeof mdfRequests.$inferSelect) {
  const fund = fundRow(request.fundId)!
  const actualCostMinor = readAmount('actualCost', input.actualCost, request.currency, actor)
  const claimedMinor = readAmount('claimed', input.claimed, request.currency, actor)
  const pipelineMinor = readAmount('pipeline', input.pipeline, request.currency, actor, true)
  const approved = request.approvedMinor ?? 0
  const cap = Math.min(approved, shareCap(actualCostMinor, fund.maxSharePct))
  if (claimedMinor > cap) {
    const key = cap === approved ? 'mdf.errors.claimOverApproved' : 'mdf.errors.claimOverShare'
    throw new ValidationFailed('claimed', key, { max: formatMoney(cap, request.currency, actor.locale), pct: fund.maxSharePct })
  }
  return { actualCostMinor, claimedMinor, pipelineMinor }
}

function storeFiles(ctx: Ctx, actor: Actor, claimId: string, files: UploadAccepted[]) {
  for (const file of files) {
    const stored = storeUpload(file)
    ctx.tx.insert(mdfClaimFiles).values({ id: newId(), claimId, uploadId: stored.id, fileName: stored.safeName, mime: stored.mime, size: stored.size, uploadedBy: actor.userId, createdAt: ctx.now }).run()
  }
}

function tellManagers(ctx: Ctx, request: typeof mdfRequests.$inferSelect, company: string) {
  for (const userId of mdfApprovers()) notify(ctx, userId, 'mdf_claim_submitted', { company, title: request.title, number: requestNumber(request.number) }, `/mdf/requests/${request.id}`)
}

/** The partner files the claim of an approved request (files already passed checkUpload). */
export async function fileClaim(actor: Actor, requestId: string, input: ClaimInput, files: UploadAccepted[], opts: { now?: number } = {}) {
  const request = findRequest(actor, requestId)
  assertCan(actor, 'request:mdf', { orgId: request.orgId })
  if (request.status !== 'approved') throw new InvalidTransition(request.status, 'claim', { key: 'mdf.errors.claimNotOpen', params: {} })
  const today = jakartaToday(opts.now)
  if (today < request.endsOn) throw new ValidationFailed('claimed', 'mdf.errors.claimTooEarly', { date: request.endsOn })
  if (request.claimDueOn && today > request.claimDueOn) throw new ValidationFailed('claimed', 'mdf.errors.claimTooLate', { date: request.claimDueOn })
  if (!files.length) throw new ValidationFailed('files', 'mdf.errors.proofRequired')
  if (files.length > MAX_CLAIM_FILES) throw new ValidationFailed('files', 'mdf.errors.tooManyFiles', { max: MAX_CLAIM_FILES })
  const amounts = checkAmounts(actor, input, request)
  return mutate(
    actor,
    (ctx) => {
      const existing = ctx.tx.select({ id: mdfClaims.id }).from(mdfClaims).where(eq(mdfClaims.requestId, requestId)).get()
      if (existing) throw new InvalidTransition('claimed', 'claim', { key: 'mdf.errors.claimExists', params: {} })
      const id = newId()
      ctx.tx
        .insert(mdfClaims)
        .values({ id, requestId, fundId: request.fundId, orgId: request.orgId, createdBy: actor.userId, status: 'submitted', currency: request.currency, ...amounts, leads: input.leads, attendees: input.attendees, notes: input.notes || null, submittedAt: ctx.now, createdAt: ctx.now, updatedAt: ctx.now })
        .run()
      storeFiles(ctx, actor, id, files)
      ctx.audit('mdf_claim', id, 'submitted', null, { claimedMinor: amounts.claimedMinor, actualCostMinor: amounts.actualCostMinor, currency: request.currency, files: files.length })
      tellManagers(ctx, request, actor.orgName)
      return id
    },
    opts,
  )
}

function findClaim(actor: Actor, id: string): MdfClaim {
  const row = db.select().from(mdfClaims).where(eq(mdfClaims.id, id)).get()
  if (!row) throw new NotFound()
  assertCan(actor, 'read:mdf', { orgId: row.orgId })
  return row
}

function currentClaim(ctx: Ctx, id: string): MdfClaim {
  return ctx.tx.select().from(mdfClaims).where(eq(mdfClaims.id, id)).get()!
}

function claimMoved(actor: Actor, row: MdfClaim, event: ClaimEvent) {
  if (!claimMachine.can(row.status, event)) {
    const who = row.decidedBy ? (userNames([row.decidedBy]).get(row.decidedBy) ?? '') : ''
    const status = translate(actor.locale, `mdf.claimStatus.${row.status}`)
    throw new InvalidTransition(row.status, event, who ? { key: 'mdf.errors.alreadyDecided', params: { status, who } } : { key: 'mdf.errors.notNow', params: { status } })
  }
  return claimMachine.next(row.status, event)
}

/** The partner answers a returned claim: new amounts, more files, submitted again. */
export async function resubmitClaim(actor: Actor, claimId: string, input: ClaimInput, files: UploadAccepted[], opts: { now?: number } = {}) {
  const claim = findClaim(actor, claimId)
  assertCan(actor, 'request:mdf', { orgId: claim.orgId })
  const request = db.select().from(mdfRequests).where(eq(mdfRequests.id, claim.requestId)).get()!
  if (files.length > MAX_CLAIM_FILES) throw new ValidationFailed('files', 'mdf.errors.tooManyFiles', { max: MAX_CLAIM_FILES })
  const amounts = checkAmounts(actor, input, request)
  return mutate(
    actor,
    (ctx) => {
      const row = currentClaim(ctx, claimId)
      const next = claimMoved(actor, row, 'resubmit')
      ctx.tx.update(mdfClaims).set({ ...amounts, leads: input.leads, attendees: input.attendees, notes: input.notes || null, status: next, submittedAt: ctx.now, updatedAt: ctx.now }).where(eq(mdfClaims.id, claimId)).run()
      storeFiles(ctx, actor, claimId, files)
      ctx.audit('mdf_claim', claimId, 'resubmitted', { claimedMinor: row.claimedMinor }, { claimedMinor: amounts.claimedMinor, files: files.length })
      tellManagers(ctx, request, actor.orgName)
    },
    opts,
  )
}

function tellClaimant(ctx: Ctx, claim: MdfClaim, request: typeof mdfRequests.$inferSelect, kind: string, params: Record<string, string | number>) {
  const people = new Set([claim.createdBy, ...activeMembersOf(claim.orgId, ['partner_admin'])])
  for (const userId of people) notify(ctx, userId, kind, { title: request.title, number: requestNumber(request.number), ...params }, `/mdf/requests/${request.id}`)
}

/**
 * A manager decides a claim. Approval records `approve_claim` and releases whatever of the
 * commitment it does not use; rejection releases the whole commitment.
 */
export async function decideClaim(actor: Actor, claimId: string, decision: { event: 'approve'; amountMinor?: number | null } | { event: 'reject' | 'return'; reason: string }, opts: { now?: number } = {}) {
  findClaim(actor, claimId)
  assertCan(actor, 'approve:mdf')
  return mutate(
    actor,
    (ctx) => {
      const row = currentClaim(ctx, claimId)
      const next = claimMoved(actor, row, decision.event)
      const request = ctx.tx.select().from(mdfRequests).where(eq(mdfRequests.id, row.requestId)).get()!
      const committed = committedToRequest(ctx.tx, request.id)
      if (decision.event === 'approve') {
        const amountMinor = decision.amountMinor ?? row.claimedMinor
        if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor > row.claimedMinor || amountMinor > committed) throw new ValidationFailed('amount', 'mdf.errors.partialRange', { max: formatMoney(Math.min(row.claimedMinor, committed), row.currency, actor.locale) })
        writeEntry(ctx, { fundId: row.fundId, orgId: row.orgId, kind: 'approve_claim', amountMinor, currency: row.currency, requestId: request.id, claimId })
        writeEntry(ctx, { fundId: row.fundId, orgId: row.orgId, kind: 'release', amountMinor: committed - amountMinor, currency: row.currency, requestId: request.id, claimId, note: 'unused commitment' })
        ctx.tx.update(mdfClaims).set({ status: next, approvedMinor: amountMinor, decidedBy: actor.userId, decidedAt: ctx.now, decisionReason: null, updatedAt: ctx.now }).where(eq(mdfClaims.id, claimId)).run()
        ctx.audit('mdf_claim', claimId, 'approved', { status: row.status }, { approvedMinor: amountMinor, claimedMinor: row.claimedMinor, currency: row.currency })
        tellClaimant(ctx, row, request, 'mdf_claim_approved', { amount: formatMoney(amountMinor, row.currency, 'id') })
        for (const userId of usersHolding('pay:mdf:any')) notify(ctx, userId, 'mdf_claim_to_pay', { title: request.title, number: requestNumber(request.number), amount: formatMoney(amountMinor, row.currency, 'id') }, `/mdf/requests/${request.id}`)
      } else {
        const reason = decision.reason.trim()
        if (!reason) throw new ValidationFailed('reason', 'errors.required')
        if (decision.event === 'reject') writeEntry(ctx, { fundId: row.fundId, orgId: row.orgId, kind: 'release', amountMinor: committed, currency: row.currency, requestId: request.id, claimId, note: 'claim rejected' })
        ctx.tx
          .update(mdfClaims)
          .set({ status: next, decidedBy: actor.userId, decidedAt: ctx.now, ...(decision.event === 'return' ? { question: reason } : { decisionReason: reason }), updatedAt: ctx.now })
          .where(eq(mdfClaims.id, claimId))
          .run()
        ctx.audit('mdf_claim', claimId, decision.event === 'return' ? 'returned' : 'rejected', { status: row.status }, decision.event === 'return' ? { question: reason } : { reason })
        tellClaimant(ctx, row, request, decision.event === 'return' ? 'mdf_claim_returned' : 'mdf_claim_rejected', { reason })
      }
    },
    opts,
  )
}

/** A claim's files. */
export function claimFiles(claimId: string) {
  return db.select().from(mdfClaimFiles).where(eq(mdfClaimFiles.claimId, claimId)).orderBy(asc(mdfClaimFiles.createdAt)).all()
}

/** One proof file for the authorised download route: 404 for anyone who may not read its claim. */
export async function claimFileDownload(actor: Actor, claimId: string, fileId: string) {
  findClaim(actor, claimId)
  const file = db.select().from(mdfClaimFiles).where(and(eq(mdfClaimFiles.id, fileId), eq(mdfClaimFiles.claimId, claimId))).get()
  if (!file) throw new NotFound()
  const p = uploadPath(file.uploadId)
  if (!fs.existsSync(p)) throw new NotFound()
  return { stream: fs.createReadStream(p), headers: downloadHeaders({ mime: file.mime, size: file.size, safeName: file.fileName }) }
}

export function claimOfRequest(requestId: string): MdfClaim | null {
  return db.select().from(mdfClaims).where(eq(mdfClaims.requestId, requestId)).get() ?? null
}

export function pendingClaims(limit: number, orgId?: string, ids?: string[]) {
  // the rows of the queue's page (ids from waitingClaims): one prepared read
  if (ids) return byIdsQuery().all({ ids: JSON.stringify(ids.slice(0, limit)) }).filter((c) => c.status === 'submitted' && (!orgId || c.orgId === orgId))
  return db
    .select()
    .from(mdfClaims)
    .where(and(eq(mdfClaims.status, 'submitted'), orgId ? eq(mdfClaims.orgId, orgId) : undefined))
    .orderBy(asc(mdfClaims.submittedAt))
    .limit(limit)
    .all()
}

/** Submitted claims as the approval queue orders them, oldest first: ids, organisations and waiting times only. */
export function waitingClaims(limit: number, orgId?: string) {
  return orgId ? waitingOfOrgQuery().all({ limit, orgId }) : waitingQuery().all({ limit })
}
const waitingColumns = { id: mdfClaims.id, orgId: mdfClaims.orgId, waitingSince: mdfClaims.submittedAt }
const waitingQuery = preparedQuery((db) => db.select(waitingColumns).from(mdfClaims).where(eq(mdfClaims.status, 'submitted')).orderBy(asc(mdfClaims.submittedAt)).limit(sql.placeholder('limit')).prepare())
const waitingOfOrgQuery = preparedQuery((db) => db.select(waitingColumns).from(mdfClaims).where(and(eq(mdfClaims.status, 'submitted'), eq(mdfClaims.orgId, sql.placeholder('orgId')))).orderBy(asc(mdfClaims.submittedAt)).limit(sql.placeholder('limit')).prepare())

/** Submitted claims, of one organisation and/or waiting since before a moment (the overdue count). */
export function pendingClaimCount(orgId?: string, waitingBefore = Number.MAX_SAFE_INTEGER) {
  return (orgId ? countOfOrgQuery().get({ orgId, waitingBefore }) : countQuery().get({ waitingBefore }))?.n ?? 0
}
// by primary key, the status checked on the rows (see requests.server.ts)
const byIdsQuery = preparedQuery((db) => db.select().from(mdfClaims).where(inJsonList(mdfClaims.id)).prepare())
const countQuery = preparedQuery((db) => db.select({ n: count() }).from(mdfClaims).where(and(eq(mdfClaims.status, 'submitted'), lt(mdfClaims.submittedAt, sql.placeholder('waitingBefore')))).prepare())
const countOfOrgQuery = preparedQuery((db) => db.select({ n: count() }).from(mdfClaims).where(and(eq(mdfClaims.status, 'submitted'), eq(mdfClaims.orgId, sql.placeholder('orgId')), lt(mdfClaims.submittedAt, sql.placeholder('waitingBefore')))).prepare())
/** The requests behind these claims (the queue's claim rows), by id. */
export function requestsOfClaims(requestIds: string[]) {
  return requestIds.length ? requestsByIdsQuery().all({ ids: JSON.stringify(requestIds) }) : []
}
const requestsByIdsQuery = preparedQuery((db) => db.select().from(mdfRequests).where(inJsonList(mdfRequests.id)).prepare())

export { findClaim, currentClaim, claimMoved }
