import { eq } from 'drizzle-orm'
import { dealConflicts, dealMessages, dealRegistrations } from '../../../db/schema/deals'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { InvalidTransition, ValidationFailed } from '../../utils/errors'
import { newId } from '../../utils/ids'
import { assertSaneAmount } from '../../utils/amount-limits.server'
import { isCurrencyCode, parseAmountToMinor } from '../../utils/money'
import { assertCan, type Actor } from '../auth/actor'
import { companyDomain } from '../matching/matching.server'
import { organisationNames } from '../orgs/orgs.server'
import { closeRegistrationKeys, conflictVerdict, indexRegistrationKeys } from './conflicts.server'
import { dealMachine, EDITABLE_STATUSES } from './deals.machine'
import type { DealFormInput } from './deals.schema'
import { dealLink, notifyApprovers, registrationOfPartner, type DealRegistration } from './internal.server'
import { currentDealRules } from './rules.server'

function valuesFromForm(input: DealFormInput, locale: Actor['locale']) {
  if (!isCurrencyCode(input.currency)) throw new ValidationFailed('currency', 'errors.currency')
  const valueMinor = parseAmountToMinor(input.value, input.currency, locale)
  if (valueMinor === null || valueMinor <= 0) throw new ValidationFailed('value', 'errors.amount')
  assertSaneAmount('value', valueMinor, input.currency, locale)
  return {
    customerName: input.customerName,
    customerWebsite: input.customerWebsite,
    // the website, else the contact's email domain (free-mail never counts)
    customerDomain: companyDomain(input.customerWebsite) ?? companyDomain(input.contactEmail),
    customerNpwp: input.customerNpwp,
    customerCity: input.customerCity,
    customerRegion: input.customerRegion,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
    products: input.products,
    valueMinor,
    currency: input.currency,
    expectedCloseDate: input.expectedCloseDate,
    competitors: input.competitors,
    notes: input.notes,
  }
}

/**
 * Runs the conflict check — conflictVerdict(), the very function behind the live check on the
 * form — and records its findings on the registration, in the caller's transaction. The partner's
 * own earlier registrations of the customer are kept as evidence but never make it a conflict.
 */
function recordConflicts(ctx: Ctx, reg: DealRegistration) {
  const { own, others } = conflictVerdict({ name: reg.customerName, domain: reg.customerDomain, npwp: reg.customerNpwp }, reg.partnerOrgId, reg.id)
  const stored = [...others, ...own].slice(0, 50)
  ctx.tx.delete(dealConflicts).where(eq(dealConflicts.registrationId, reg.id)).run()
  if (stored.length) {
    ctx.tx
      .insert(dealConflicts)
      .values(stored.map((m) => ({ id: newId(), registrationId: reg.id, matchType: m.type, matchId: m.id, matchLabel: m.type === 'registration' ? `${m.label} — ${m.partnerName ?? ''}` : m.label, score: m.score, reasons: m.reasons, createdAt: ctx.now })))
      .run()
  }
  const rules = currentDealRules(ctx.tx)
  const flagged = rules.autoFlagApprovedMatch && others.some((m) => (m.type === 'registration' && m.status === 'approved') || m.type === 'opportunity')
  return { count: others.length, duplicates: own.length, flagged }
}

function submitInTx(ctx: Ctx, reg: DealRegistration, event: 'submit' | 'resubmit') {
  const status = dealMachine.next(reg.status, event)
  indexRegistrationKeys(ctx.tx, reg.id, { name: reg.customerName, domain: reg.customerDomain, npwp: reg.customerNpwp })
  const { count: conflictCount, duplicates, flagged } = recordConflicts(ctx, { ...reg, status })
  ctx.tx
    .update(dealRegistrations)
    .set({ status, submittedAt: ctx.now, submissionCount: reg.submissionCount + 1, conflictCount, flaggedConflict: flagged, updatedAt: ctx.now })
    .where(eq(dealRegistrations.id, reg.id))
    .run()
  ctx.audit('deal_registration', reg.id, event === 'submit' ? 'submitted' : 'resubmitted', { status: reg.status }, { status, conflictCount, flaggedConflict: flagged, duplicates })
  const partner = organisationNames([reg.partnerOrgId]).get(reg.partnerOrgId)?.name ?? ''
  notifyApprovers(ctx, event === 'submit' ? 'deal_submitted' : 'deal_resubmitted', { partner, customer: reg.customerName, conflicts: conflictCount }, dealLink(reg.id))
}

function assertSubmittable(input: DealFormInput, today = new Date().toISOString().slice(0, 10)) {
  if (input.acceptRules !== 'on' && input.acceptRules !== 'true') throw new ValidationFailed('acceptRules', 'deals.errors.acceptRules')
  if (input.expectedCloseDate < today) throw new ValidationFailed('expectedCloseDate', 'deals.errors.closeDateInPast')
}

/** A partner user registers a deal: saved as a draft, or submitted at once. */
export async function createDeal(actor: Actor, input: DealFormInput, now = Date.now()): Promise<DealRegistration> {
  assertCan(actor, 'register:deal_registration', { orgId: actor.orgId })
  const values = valuesFromForm(input, actor.locale)
  if (input.intent === 'submit') assertSubmittable(input)
  return mutate(
    actor,
    (ctx) => {
      const row: DealRegistration = {
        id: newId(),
        partnerOrgId: actor.orgId,
        submittedBy: actor.userId,
        status: 'draft',
        ...values,
        rulesAcceptedAt: input.intent === 'submit' ? now : null,
        submittedAt: null,
        submissionCount: 0,
        decidedAt: null,
        decidedBy: null,
        rejectionReason: null,
        protectedUntil: null,
        extensionsUsed: 0,
        reminderSent: null,
        conflictCount: 0,
        flaggedConflict: false,
        accountId: null,
        opportunityId: null,
        createdAt: now,
        updatedAt: now,
      }
      ctx.tx.insert(dealRegistrations).values(row).run()
      ctx.audit('deal_registration', row.id, 'created', null, { status: 'draft', customerName: row.customerName })
      if (input.intent === 'submit') submitInTx(ctx, row, 'submit')
      return row
    },
    { now },
  )
}

/** Edits a draft or a returned registration; `intent=submit` sends it (again) for approval. */
export async function updateDeal(actor: Actor, id: string, input: DealFormInput, now = Date.now()) {
  const values = valuesFromForm(input, actor.locale)
  await mutate(
    actor,
    (ctx) => {
      const reg = registrationOfPartner(ctx.tx, actor, id)
      if (!EDITABLE_STATUSES.includes(reg.status)) throw new InvalidTransition(reg.status, 'edit')
      if (input.intent === 'submit') assertSubmittable(input)
      ctx.tx
        .update(dealRegistrations)
        .set({ ...values, rulesAcceptedAt: input.intent === 'submit' ? now : reg.rulesAcceptedAt, updatedAt: now })
        .where(eq(dealRegistrations.id, id))
        .run()
      ctx.audit('deal_registration', id, 'updated', { customerName: reg.customerName, valueMinor: reg.valueMinor, currency: reg.currency }, { customerName: values.customerName, valueMinor: values.valueMinor, currency: values.currency })
      if (input.intent === 'submit') {
        const fresh = ctx.tx.select().from(dealRegistrations).where(eq(dealRegistrations.id, id)).get()!
        submitInTx(ctx, fresh, reg.status === 'returned' ? 'resubmit' : 'submit')
      }
    },
    { now },
  )
}

/** Submits a saved draft as it is (the rules must have been accepted). */
export async function submitDraft(actor: Actor, id: string, acceptRules: boolean, now = Date.now()) {
  if (!acceptRules) throw new ValidationFailed('acceptRules', 'deals.errors.acceptRules')
  await mutate(
    actor,
    (ctx) => {
      const reg = registrationOfPartner(ctx.tx, actor, id)
      dealMachine.next(reg.status, 'submit')
      if (reg.expectedCloseDate < new Date(now).toISOString().slice(0, 10)) throw new ValidationFailed('expectedCloseDate', 'deals.errors.closeDateInPast')
      ctx.tx.update(dealRegistrations).set({ rulesAcceptedAt: now }).where(eq(dealRegistrations.id, id)).run()
      submitInTx(ctx, reg, 'submit')
    },
    { now },
  )
}

/** The partner answers the manager's question in the thread and resubmits. */
export async function answerAndResubmit(actor: Actor, id: string, answer: string, now = Date.now()) {
  await mutate(
    actor,
    (ctx) => {
      const reg = registrationOfPartner(ctx.tx, actor, id)
      dealMachine.next(reg.status, 'resubmit')
      ctx.tx.insert(dealMessages).values({ id: newId(), registrationId: id, authorId: actor.userId, kind: 'answer', body: answer, createdAt: now }).run()
      submitInTx(ctx, reg, 'resubmit')
    },
    { now },
  )
}

export async function withdrawDeal(actor: Actor, id: string, now = Date.now()) {
  await mutate(
    actor,
    (ctx) => {
      const reg = registrationOfPartner(ctx.tx, actor, id)
      const status = dealMachine.next(reg.status, 'withdraw')
      ctx.tx.update(dealRegistrations).set({ status, updatedAt: now }).where(eq(dealRegistrations.id, id)).run()
      closeRegistrationKeys(ctx.tx, id)
      ctx.audit('deal_registration', id, 'withdrawn', { status: reg.status }, { status })
      if (reg.status !== 'draft') notifyApprovers(ctx, 'deal_withdrawn', { partner: actor.orgName, customer: reg.customerName }, dealLink(id))
    },
    { now },
  )
}

