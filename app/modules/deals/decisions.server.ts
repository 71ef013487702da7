import { and, eq } from 'drizzle-orm'
import { dealExtensions, dealMessages, dealRegistrations } from '../../../db/schema/deals'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { DAY_MS, formatDateTime, formatLongDate } from '../../utils/dates'
import { db } from '../../utils/db.server'
import { translate } from '../../utils/i18n'
import { InvalidTransition, NotFound, ValidationFailed } from '../../utils/errors'
import { newId } from '../../utils/ids'
import { assertCan, type Actor } from '../auth/actor'
import { accountForConversion, partnerOpportunityForConversion } from '../crm/crm.server'
import { notify } from '../notify/notify.server'
import { recipient, userNames } from '../orgs/orgs.server'
import { closeRegistrationKeys } from './conflicts.server'
import { dealMachine } from './deals.machine'
import { dealLink, findRegistrationFor, notifyApprovers, registrationOfPartner, type DealRegistration } from './internal.server'
import { currentDealRules } from './rules.server'

/** A date as the registration's submitter reads it, for their notification. */
function untilFor(userId: string, at: number) {
  const to = recipient(userId)
  return to ? formatLongDate(at, to.locale, to.timeZone) : ''
}

/** Refuses a decision someone else already took, with who and when ("already rejected by Rudi at 20.51"). */
function decideInTx(ctx: Ctx, actor: Actor, id: string, event: 'approve' | 'reject' | 'return', detail: { reason?: string; question?: string }) {
  const reg = findRegistrationFor(ctx.tx, actor, id)
  assertCan(actor, 'approve:deal_registration')
  if (!dealMachine.can(reg.status, event)) throw alreadyDecided(actor, reg, event)
  const status = dealMachine.next(reg.status, event)
  const rules = currentDealRules(ctx.tx)
  const changes: Partial<DealRegistration> = { status, decidedAt: ctx.now, decidedBy: actor.userId, updatedAt: ctx.now }
  if (event === 'approve') Object.assign(changes, { protectedUntil: ctx.now + rules.protectionDays * DAY_MS, reminderSent: null })
  if (event === 'reject') changes.rejectionReason = detail.reason!
  ctx.tx.update(dealRegistrations).set(changes).where(eq(dealRegistrations.id, id)).run()
  if (event === 'return') ctx.tx.insert(dealMessages).values({ id: newId(), registrationId: id, authorId: actor.userId, kind: 'question', body: detail.question!, createdAt: ctx.now }).run()
  if (event === 'reject') closeRegistrationKeys(ctx.tx, id)
  ctx.audit('deal_registration', id, { approve: 'approved', reject: 'rejected', return: 'returned' }[event], { status: reg.status }, { status, protectedUntil: changes.protectedUntil ?? null, reason: detail.reason ?? null, question: detail.question ?? null })
  const until = changes.protectedUntil ? untilFor(reg.submittedBy, changes.protectedUntil) : ''
  const kind = { approve: 'deal_approved', reject: 'deal_rejected', return: 'deal_returned' }[event]
  notify(ctx, reg.submittedBy, kind, { customer: reg.customerName, until, reason: detail.reason ?? '', question: detail.question ?? '' }, dealLink(id))
}

/**
 * When two managers act on the same registration, the second learns what happened instead of a
 * bare 409: "Already rejected by Rudi Hartono at 3 Dec 2026, 20.51".
 */
function alreadyDecided(actor: Actor, reg: DealRegistration, event: string) {
  const status = translate(actor.locale, `deals.status.${reg.status}`).toLocaleLowerCase(actor.locale)
  if (reg.decidedBy && reg.decidedAt) {
    const who = userNames([reg.decidedBy]).get(reg.decidedBy) ?? ''
    return new InvalidTransition(reg.status, event, { key: 'deals.errors.alreadyDecided', params: { status, who, at: formatDateTime(reg.decidedAt, actor.locale, actor.timeZone) } })
  }
  return new InvalidTransition(reg.status, event, { key: 'deals.errors.notWaiting', params: { status } })
}

/** Approval sets the exclusive protection period from the rules of engagement. */
export async function approveDeal(actor: Actor, id: string, now = Date.now()) {
  await mutate(actor, (ctx) => decideInTx(ctx, actor, id, 'approve', {}), { now })
}
export async function rejectDeal(actor: Actor, id: string, reason: string, now = Date.now()) {
  if (!reason.trim()) throw new ValidationFailed('reason', 'errors.required')
  await mutate(actor, (ctx) => decideInTx(ctx, actor, id, 'reject', { reason }), { now })
}
export async function returnDeal(actor: Actor, id: string, question: string, now = Date.now()) {
  if (!question.trim()) throw new ValidationFailed('question', 'errors.required')
  await mutate(actor, (ctx) => decideInTx(ctx, actor, id, 'return', { question }), { now })
}

// ---- extensions ------------------------------------------------------------------------

export async function requestExtension(actor: Actor, id: string, justification: string, now = Date.now()) {
  await mutate(
    actor,
    (ctx) => {
      const reg = registrationOfPartner(ctx.tx, actor, id)
      if (reg.status !== 'approved' || !reg.protectedUntil || reg.protectedUntil <= now) throw new ValidationFailed('justification', 'deals.errors.extensionNotApproved')
      const rules = currentDealRules(ctx.tx)
      if (reg.extensionsUsed >= rules.maxExtensions) throw new ValidationFailed('justification', 'deals.errors.extensionLimit', { max: rules.maxExtensions })
      const pending = ctx.tx.select({ id: dealExtensions.id }).from(dealExtensions).where(and(eq(dealExtensions.registrationId, id), eq(dealExtensions.status, 'pending'))).get()
      if (pending) throw new ValidationFailed('justification', 'deals.errors.extensionPending')
      ctx.tx.insert(dealExtensions).values({ id: newId(), registrationId: id, requestedBy: actor.userId, justification, createdAt: now }).run()
      ctx.audit('deal_registration', id, 'extension_requested', null, { justification })
      notifyApprovers(ctx, 'deal_extension_requested', { partner: actor.orgName, customer: reg.customerName, justification }, dealLink(id))
    },
    { now },
  )
}

export async function decideExtension(actor: Actor, id: string, extensionId: string, decision: 'approve' | 'decline', reason: string | null, now = Date.now()) {
  await mutate(
    actor,
    (ctx) => {
      const reg = findRegistrationFor(ctx.tx, actor, id)
      assertCan(actor, 'approve:deal_registration')
      const ext = ctx.tx.select().from(dealExtensions).where(and(eq(dealExtensions.id, extensionId), eq(dealExtensions.registrationId, id))).get()
      if (!ext) throw new NotFound()
      if (ext.status !== 'pending') throw new InvalidTransition(ext.status, decision)
      if (decision === 'decline' && !reason?.trim()) throw new ValidationFailed('reason', 'errors.required')
      const rules = currentDealRules(ctx.tx)
      if (decision === 'approve') {
        if (reg.status !== 'approved' || !reg.protectedUntil) throw new InvalidTransition(reg.status, 'extend')
        const protectedUntil = Math.max(reg.protectedUntil, now) + rules.extensionDays * DAY_MS
        ctx.tx.update(dealRegistrations).set({ protectedUntil, extensionsUsed: reg.extensionsUsed + 1, reminderSent: null, updatedAt: now }).where(eq(dealRegistrations.id, id)).run()
        ctx.audit('deal_registration', id, 'extension_approved', { protectedUntil: reg.protectedUntil }, { protectedUntil })
        notify(ctx, ext.requestedBy, 'deal_extension_approved', { customer: reg.customerName, until: untilFor(reg.submittedBy, protectedUntil) }, dealLink(id))
      } else {
        ctx.audit('deal_registration', id, 'extension_declined', null, { reason })
        notify(ctx, ext.requestedBy, 'deal_extension_declined', { customer: reg.customerName, reason: reason ?? '' }, dealLink(id))
      }
      ctx.tx
        .update(dealExtensions)
        .set({ status: decision === 'approve' ? 'approved' : 'declined', decidedBy: actor.userId, decidedAt: now, declineReason: decision === 'decline' ? reason : null })
        .where(eq(dealExtensions.id, extensionId))
        .run()
    },
    { now },
  )
}

/** The approval queue's buttons: decide the registration's one pending extension, whichever it is. */
export async function decidePendingExtension(actor: Actor, id: string, decision: 'approve' | 'decline', reason: string | null, now = Date.now()) {
  const reg = findRegistrationFor(db, actor, id)
  assertCan(actor, 'approve:deal_registration')
  const pending = db.select({ id: dealExtensions.id }).from(dealExtensions).where(and(eq(dealExtensions.registrationId, reg.id), eq(dealExtensions.status, 'pending'))).get()
  if (!pending) throw new InvalidTransition('none', decision, { key: 'deals.errors.noPendingExtension', params: {} })
  await decideExtension(actor, id, pending.id, decision, reason, now)
}

// ---- conversion ------------------------------------------------------------------------

/**
 * Turns an approved registration into an opportunity in the core CRM: on the matched account, or
 * on a new account with the registration's contact. Source `partner`. The CRM records are written
 * by crm's own verbs, inside this transaction.
 */
export async function convertDeal(actor: Actor, id: string, input: { target: string; pipelineId: string }, now = Date.now()) {
  return mutate(
    actor,
    (ctx) => {
      const reg = findRegistrationFor(ctx.tx, actor, id)
      assertCan(actor, 'approve:deal_registration')
      const status = dealMachine.next(reg.status, 'convert')
      const { accountId } = accountForConversion(ctx, input.target, { registrationId: id, name: reg.customerName, domain: reg.customerDomain, npwp: reg.customerNpwp, city: reg.customerCity, region: reg.customerRegion, contactName: reg.contactName, contactEmail: reg.contactEmail, contactPhone: reg.contactPhone })
      const opportunity = partnerOpportunityForConversion(ctx, { registrationId: id, name: `${reg.customerName} — ${reg.products}`.slice(0, 200), accountId, pipelineId: input.pipelineId, amountMinor: reg.valueMinor, currency: reg.currency, expectedCloseDate: reg.expectedCloseDate, partnerOrgId: reg.partnerOrgId })
      ctx.tx.update(dealRegistrations).set({ status, accountId, opportunityId: opportunity.id, updatedAt: now }).where(eq(dealRegistrations.id, id)).run()
      closeRegistrationKeys(ctx.tx, id)
      ctx.audit('deal_registration', id, 'converted', { status: reg.status }, { status, accountId, opportunityId: opportunity.id, opportunityName: opportunity.name })
      notify(ctx, reg.submittedBy, 'deal_converted', { customer: reg.customerName, opportunity: opportunity.name }, dealLink(id))
      return { accountId, opportunityId: opportunity.id }
    },
    { now },
  )
}
