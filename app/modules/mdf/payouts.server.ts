// Payouts of approved claims: a Stripe Connect transfer to the partner's connected account (the
// idempotency key derives from the claim, so a retried call never pays twice), or a manual bank
// transfer whose reference finance records. Stripe's webhook confirms, fails or reverses transfers;
// each event id is stored in the same transaction that applies it, so a replay changes nothing.
import { eq } from 'drizzle-orm'
// Stripe's SDK is loaded when a payout or webhook first needs it (it is a third of the server's start-up otherwise)
import type Stripe from 'stripe'
import { mdfClaims, mdfPayoutAccounts, mdfRequests, mdfStripeEvents, mdfTransfers } from '../../../db/schema/mdf'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { db } from '../../utils/db.server'
import { getEnv } from '../../utils/env.server'
import { ValidationFailed } from '../../utils/errors'
import { formatMoney } from '../../utils/money'
import { logger } from '../../utils/logger.server'
import { assertCan, scopeOf, type Actor } from '../auth/actor'
import { notify } from '../notify/notify.server'
import { activeMembersOf } from '../orgs/orgs.server'
import { claimMoved, currentClaim, findClaim, type MdfClaim } from './claims.server'
import { paidOnClaim, writeEntry } from './ledger.server'
import { requestNumber } from './requests.server'

let client: Stripe | null = null
let clientKey = ''

async function stripeSdk(): Promise<typeof Stripe> {
  return (await import('stripe')).default
}

/** The Stripe client, or null when STRIPE_SECRET_KEY is not set (manual payouts only). */
export async function stripeClient(): Promise<Stripe | null> {
  const env = getEnv()
  if (!env.STRIPE_SECRET_KEY) return null
  const key = `${env.STRIPE_SECRET_KEY}|${env.STRIPE_API_URL ?? ''}`
  if (client && clientKey === key) return client
  const url = env.STRIPE_API_URL ? new URL(env.STRIPE_API_URL) : null
  const StripeSdk = await stripeSdk()
  client = new StripeSdk(env.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(url ? { host: url.hostname, port: url.port || (url.protocol === 'http:' ? 80 : 443), protocol: url.protocol.replace(':', '') as 'http' | 'https' } : {}),
  })
  clientKey = key
  return client
}

export const STRIPE_ACCOUNT_ID = /^acct_[A-Za-z0-9]{6,64}$/

export function payoutAccountOf(orgId: string): string | null {
  return db.select().from(mdfPayoutAccounts).where(eq(mdfPayoutAccounts.orgId, orgId)).get()?.stripeAccountId ?? null
}

/** The partner admin enters (or clears) the Stripe connected account id their organisation is paid into. */
export async function setPayoutAccount(actor: Actor, stripeAccountId: string | null) {
  assertCan(actor, 'manage:payout_account', { orgId: actor.orgId })
  const value = stripeAccountId?.trim() || null
  if (value && !STRIPE_ACCOUNT_ID.test(value)) throw new ValidationFailed('stripeAccountId', 'mdf.errors.stripeAccount')
  return mutate(actor, (ctx) => {
    const before = payoutAccountOf(actor.orgId)
    if (before === value) return
    if (value) ctx.tx.insert(mdfPayoutAccounts).values({ orgId: actor.orgId, stripeAccountId: value, updatedBy: actor.userId, updatedAt: ctx.now }).onConflictDoUpdate({ target: mdfPayoutAccounts.orgId, set: { stripeAccountId: value, updatedBy: actor.userId, updatedAt: ctx.now } }).run()
    else ctx.tx.delete(mdfPayoutAccounts).where(eq(mdfPayoutAccounts.orgId, actor.orgId)).run()
    // the id itself stays out of the audit payload: it is shown masked
    ctx.audit('mdf_payout_account', actor.orgId, value ? 'set' : 'cleared', null, value ? { last4: value.slice(-4) } : null)
  })
}

function requestOf(ctx: Ctx, claim: MdfClaim) {
  return ctx.tx.select().from(mdfRequests).where(eq(mdfRequests.id, claim.requestId)).get()!
}

/** Marks a claim paid in the caller's transaction: one `pay` entry for the approved amount. */
function markPaid(ctx: Ctx, claim: MdfClaim, method: 'stripe' | 'manual', reference: string) {
  const amount = claim.approvedMinor ?? 0
  writeEntry(ctx, { fundId: claim.fundId, orgId: claim.orgId, kind: 'pay', amountMinor: amount, currency: claim.currency, requestId: claim.requestId, claimId: claim.id, note: reference })
  ctx.tx.update(mdfClaims).set({ status: 'paid', payoutMethod: method, payoutReference: reference, payoutError: null, paidAt: ctx.now, paidBy: ctx.actor?.userId ?? null, updatedAt: ctx.now }).where(eq(mdfClaims.id, claim.id)).run()
  ctx.audit('mdf_claim', claim.id, 'paid', { status: claim.status }, { method, reference: method === 'manual' ? reference : reference.slice(0, 3) + '…' + reference.slice(-4), amountMinor: amount, currency: claim.currency })
  const request = requestOf(ctx, claim)
  for (const userId of new Set([claim.createdBy, ...activeMembersOf(claim.orgId, ['partner_admin'])])) {
    notify(ctx, userId, 'mdf_claim_paid', { title: request.title, number: requestNumber(request.number), amount: formatMoney(amount, claim.currency, 'id') }, `/mdf/requests/${request.id}`)
  }
}

/** Finance records a manual bank transfer. */
export async function payManually(actor: Actor, claimId: string, reference: string, opts: { now?: number } = {}) {
  findClaim(actor, claimId)
  assertCan(actor, 'pay:mdf')
  const ref = reference.trim()
  if (ref.length < 3) throw new ValidationFailed('reference', 'mdf.errors.reference')
  return mutate(
    actor,
    (ctx) => {
      const claim = currentClaim(ctx, claimId)
      claimMoved(actor, claim, 'pay')
      if (claim.status === 'paying') throw new ValidationFailed('reference', 'mdf.errors.stripeInFlight')
      markPaid(ctx, claim, 'manual', ref)
    },
    opts,
  )
}

/**
 * Finance pays through Stripe Connect. The claim moves to `paying` first (a second click, or a
 * second manager, is refused), then the transfer is created with an idempotency key from the claim
 * and its attempt number: a retry after a crash reuses the key and Stripe answers with the same
 * transfer; a retry after a failure is a new attempt.
 */
export async function payWithStripe(actor: Actor, claimId: string, opts: { now?: number } = {}) {
  findClaim(actor, claimId)
  assertCan(actor, 'pay:mdf')
  const stripe = await stripeClient()
  if (!stripe) throw new ValidationFailed('method', 'mdf.errors.stripeOff')
  const started = await mutate(
    actor,
    (ctx) => {
      const claim = currentClaim(ctx, claimId)
      const destination = payoutAccountOf(claim.orgId)
      if (!destination) throw new ValidationFailed('method', 'mdf.errors.noPayoutAccount')
      // a claim left in `paying` by a crash is resumed with the same key
      const attempts = claim.status === 'paying' ? claim.payoutAttempts : claim.payoutAttempts + 1
      if (claim.status !== 'paying') {
        claimMoved(actor, claim, 'startPayout')
        ctx.tx.update(mdfClaims).set({ status: 'paying', payoutAttempts: attempts, payoutError: null, updatedAt: ctx.now }).where(eq(mdfClaims.id, claimId)).run()
        ctx.audit('mdf_claim', claimId, 'payout_started', null, { attempt: attempts })
      }
      return { claim: { ...claim, payoutAttempts: attempts }, destination }
    },
    opts,
  )
  const { claim, destination } = started
  let transfer: Stripe.Transfer
  try {
    transfer = await stripe.transfers.create(
      { amount: claim.approvedMinor ?? 0, currency: claim.currency.toLowerCase(), destination, transfer_group: `mdf-claim-${claim.id}`, metadata: { claimId: claim.id, requestId: claim.requestId } },
      { idempotencyKey: `mdf-claim-${claim.id}-payout-${claim.payoutAttempts}` },
    )
  } catch (error) {
    const message = error instanceof Error ? error.message.slice(0, 300) : 'error'
    logger().warn({ claimId, err: message }, 'stripe transfer failed')
    await mutate(actor, (ctx) => {
      const row = currentClaim(ctx, claimId)
      if (row.status !== 'paying') return
      ctx.tx.update(mdfClaims).set({ status: claimMoved(actor, row, 'payoutFailed'), payoutError: message, updatedAt: ctx.now }).where(eq(mdfClaims.id, claimId)).run()
      ctx.audit('mdf_claim', claimId, 'payout_failed', null, { reason: message })
    })
    throw new ValidationFailed('method', 'mdf.errors.stripeFailed', { reason: message })
  }
  await mutate(
    actor,
    (ctx) => {
      const row = currentClaim(ctx, claimId)
      if (!ctx.tx.select({ id: mdfTransfers.id }).from(mdfTransfers).where(eq(mdfTransfers.id, transfer.id)).get()) {
        ctx.tx.insert(mdfTransfers).values({ id: transfer.id, claimId, amountMinor: transfer.amount, currency: transfer.currency.toUpperCase(), status: 'created', createdAt: ctx.now }).run()
      }
      // the webhook may have confirmed it already
      if (row.status === 'paying') markPaid(ctx, row, 'stripe', transfer.id)
    },
    opts,
  )
  return { transferId: transfer.id }
}

export type WebhookOutcome = { status: 200 | 400; applied: boolean; message: string }

/**
 * The webhook: the signature is verified (default tolerance, 300 s), then the event is applied and
 * its id stored in one transaction. Handled: transfer.created / transfer.paid (confirms a payout
 * left in `paying`), transfer.failed and transfer.reversed (the payment is reversed in the ledger
 * and the claim is owed again). Anything else is acknowledged and ignored.
 */
export async function handleStripeWebhook(payload: string, signature: string | null, opts: { now?: number } = {}): Promise<WebhookOutcome> {
  const env = getEnv()
  if (!env.STRIPE_WEBHOOK_SECRET) return { status: 400, applied: false, message: 'webhooks are not configured' }
  if (!signature) return { status: 400, applied: false, message: 'missing signature' }
  let event: Stripe.Event
  try {
    event = (await stripeSdk()).webhooks.constructEvent(payload, signature, env.STRIPE_WEBHOOK_SECRET)
  } catch {
    return { status: 400, applied: false, message: 'invalid signature' }
  }
  const type = event.type as string
  const object = (event.data?.object ?? {}) as { id?: string; object?: string; metadata?: Record<string, string>; amount_reversed?: number }
  return mutate(
    null,
    (ctx) => {
      if (ctx.tx.select({ id: mdfStripeEvents.id }).from(mdfStripeEvents).where(eq(mdfStripeEvents.id, event.id)).get()) return { status: 200 as const, applied: false, message: 'duplicate' }
      const transferId = object.object === 'transfer' ? object.id : undefined
      const transfer = transferId ? ctx.tx.select().from(mdfTransfers).where(eq(mdfTransfers.id, transferId)).get() : undefined
      const claimId = transfer?.claimId ?? object.metadata?.claimId ?? null
      ctx.tx.insert(mdfStripeEvents).values({ id: event.id, type, claimId, receivedAt: ctx.now }).run()
      const claim = claimId ? ctx.tx.select().from(mdfClaims).where(eq(mdfClaims.id, claimId)).get() : undefined
      if (!claim || !transferId) return { status: 200 as const, applied: false, message: 'ignored' }
      if (type === 'transfer.created' || type === 'transfer.paid') {
        if (!transfer) ctx.tx.insert(mdfTransfers).values({ id: transferId, claimId: claim.id, amountMinor: claim.approvedMinor ?? 0, currency: claim.currency, status: 'created', createdAt: ctx.now }).run()
        if (claim.status === 'paying') {
          markPaid(ctx, claim, 'stripe', transferId)
          return { status: 200 as const, applied: true, message: 'paid' }
        }
        return { status: 200 as const, applied: false, message: 'already paid' }
      }
      if (type === 'transfer.reversed' || type === 'transfer.failed') {
        if (transfer?.status !== 'created') return { status: 200 as const, applied: false, message: 'already reversed' }
        ctx.tx.update(mdfTransfers).set({ status: type === 'transfer.failed' ? 'failed' : 'reversed' }).where(eq(mdfTransfers.id, transferId)).run()
        const reason = type === 'transfer.failed' ? 'failed' : 'reversed'
        if (claim.status === 'paid' && claim.payoutReference === transferId) {
          const paid = paidOnClaim(ctx.tx, claim.id)
          writeEntry(ctx, { fundId: claim.fundId, orgId: claim.orgId, kind: 'reverse', amountMinor: paid, currency: claim.currency, requestId: claim.requestId, claimId: claim.id, note: `${transferId} ${reason}` })
          ctx.tx.update(mdfClaims).set({ status: 'approved', payoutError: `transfer ${reason}`, paidAt: null, updatedAt: ctx.now }).where(eq(mdfClaims.id, claim.id)).run()
          ctx.audit('mdf_claim', claim.id, 'payout_reversed', { status: 'paid' }, { reason })
          for (const userId of activeMembersOf(claim.orgId, ['partner_admin'])) notify(ctx, userId, 'mdf_payout_reversed', { reason }, `/mdf/requests/${claim.requestId}`)
          return { status: 200 as const, applied: true, message: reason }
        }
        if (claim.status === 'paying') {
          ctx.tx.update(mdfClaims).set({ status: 'approved', payoutError: `transfer ${reason}`, updatedAt: ctx.now }).where(eq(mdfClaims.id, claim.id)).run()
          ctx.audit('mdf_claim', claim.id, 'payout_failed', null, { reason })
          return { status: 200 as const, applied: true, message: reason }
        }
        return { status: 200 as const, applied: false, message: 'not paid' }
      }
      return { status: 200 as const, applied: false, message: 'ignored' }
    },
    opts,
  )
}

/** What the claim page offers finance. */
export function payoutOptions(actor: Actor, claim: MdfClaim) {
  const canPay = scopeOf(actor, 'pay:mdf') === 'any' && (claim.status === 'approved' || claim.status === 'paying')
  const account = payoutAccountOf(claim.orgId)
  return { canPay, stripeEnabled: Boolean(getEnv().STRIPE_SECRET_KEY), account: account ? `acct_…${account.slice(-4)}` : null }
}

