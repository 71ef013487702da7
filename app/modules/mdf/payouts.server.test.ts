import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq } from 'drizzle-orm'
import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mdfClaims, mdfLedger, mdfStripeEvents } from '../../../db/schema'
import { makeActor } from '../../../tests/factories'
import { db } from '../../utils/db.server'
import { resetEnvCache } from '../../utils/env.server'
import { InvalidTransition, ValidationFailed } from '../../utils/errors'
import type { UploadAccepted } from '../../utils/upload.server'
import { allocate, balancesOf, createFund, createRequest, decideClaim, decideRequest, fileClaim, handleStripeWebhook, payManually, payWithStripe, reconcileLedger, setPayoutAccount } from './mdf.server'

// A small local server that answers like the Stripe API for the one call Mitra makes (create a
// transfer), honouring Idempotency-Key as Stripe does: the same key answers the same transfer.
type Seen = { key: string; body: URLSearchParams }
const seen: Seen[] = []
const byKey = new Map<string, unknown>()
let failNext: string | null = null
let stripeApi: http.Server

const SECRET = 'whsec_test_mdf_webhook_secret'
type Actor = Awaited<ReturnType<typeof makeActor>>
let manager: Actor, finance: Actor, partner: Actor
const at = (date: string) => Date.parse(`${date}T03:00:00Z`)
const pdf = (): UploadAccepted => {
  const bytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
  return { ok: true, kind: 'pdf', mime: 'application/pdf', size: bytes.length, sha256: 'x', safeName: 'invoice.pdf', bytes }
}

beforeAll(async () => {
  stripeApi = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '')
      const body = new URLSearchParams(raw)
      seen.push({ key, body })
      res.setHeader('Content-Type', 'application/json')
      if (req.method !== 'POST' || req.url !== '/v1/transfers') return void res.writeHead(404).end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } }))
      if (req.headers.authorization !== 'Bearer sk_test_mdf') return void res.writeHead(401).end(JSON.stringify({ error: { type: 'authentication_error', message: 'Invalid API Key provided' } }))
      if (byKey.has(key)) return void res.writeHead(200).end(JSON.stringify(byKey.get(key)))
      if (failNext) {
        const message = failNext
        failNext = null
        return void res.writeHead(400).end(JSON.stringify({ error: { type: 'invalid_request_error', message } }))
      }
      const transfer = { id: `tr_${byKey.size + 1}${Math.random().toString(36).slice(2, 10)}`, object: 'transfer', amount: Number(body.get('amount')), currency: body.get('currency'), destination: body.get('destination'), metadata: { claimId: body.get('metadata[claimId]') }, reversed: false }
      byKey.set(key, transfer)
      res.writeHead(200).end(JSON.stringify(transfer))
    })
  })
  await new Promise<void>((resolve) => stripeApi.listen(0, '127.0.0.1', resolve))
  process.env.STRIPE_SECRET_KEY = 'sk_test_mdf'
  process.env.STRIPE_WEBHOOK_SECRET = SECRET
  process.env.STRIPE_API_URL = `http://127.0.0.1:${(stripeApi.address() as AddressInfo).port}`
  resetEnvCache()
  manager = await makeActor({ role: 'partner_manager' })
  finance = await makeActor({ role: 'admin', orgId: manager.orgId })
  partner = await makeActor({ role: 'partner_admin' })
})

afterAll(async () => {
  delete process.env.STRIPE_SECRET_KEY
  delete process.env.STRIPE_WEBHOOK_SECRET
  delete process.env.STRIPE_API_URL
  resetEnvCache()
  await new Promise((resolve) => stripeApi.close(resolve))
})

/** An approved claim of 40,000,000 IDR waiting to be paid. */
async function approvedClaim() {
  const fund = await createFund(manager, { name: 'Stripe test fund', periodType: 'quarter', year: 2026, part: 2, currency: 'IDR', budgetMinor: 500_000_000, maxSharePct: 50, claimDeadlineDays: 60, accrualBps: null, tierAmounts: null }, { now: at('2026-04-02') })
  await allocate(manager, fund, partner.orgId, 100_000_000, { now: at('2026-04-02') })
  const request = await createRequest(partner, { fundId: fund, activityType: 'webinar', title: 'Webinar', description: 'x', startsOn: '2026-05-01', endsOn: '2026-05-01', expectedLeads: 1, expectedPipeline: '', cost: '80.000.000', requested: '40.000.000' }, { submit: true, now: at('2026-04-02') })
  await decideRequest(manager, request, { event: 'approve' })
  const claim = await fileClaim(partner, request, { actualCost: '80.000.000', claimed: '40.000.000', leads: 3, attendees: 50, pipeline: '', notes: '' }, [pdf()], { now: at('2026-05-05') })
  await decideClaim(manager, claim, { event: 'approve' })
  return { fund, claim }
}

function signed(event: { id: string; type: string; object: Record<string, unknown> }, opts: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify({ id: event.id, object: 'event', type: event.type, data: { object: event.object } })
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? SECRET, timestamp: opts.timestamp })
  return { payload, header }
}
const claimRow = (id: string) => db.select().from(mdfClaims).where(eq(mdfClaims.id, id)).get()!

describe('payouts through Stripe Connect', () => {
  it('pays into the connected account once, with an idempotency key derived from the claim', async () => {
    await expect(setPayoutAccount(partner, 'acct_')).rejects.toMatchObject({ messageKey: 'mdf.errors.stripeAccount' })
    await setPayoutAccount(partner, 'acct_1PartnerTest01')
    const { fund, claim } = await approvedClaim()
    await expect(payWithStripe(manager, claim)).rejects.toBeInstanceOf(Error) // approvers do not pay
    const { transferId } = await payWithStripe(finance, claim)
    const call = seen.at(-1)!
    expect(call.key).toBe(`mdf-claim-${claim}-payout-1`)
    expect(Object.fromEntries(call.body)).toMatchObject({ amount: '40000000', currency: 'idr', destination: 'acct_1PartnerTest01' })
    expect(claimRow(claim)).toMatchObject({ status: 'paid', payoutMethod: 'stripe', payoutReference: transferId })
    expect(balancesOf(fund, partner.orgId).paid).toBe(40_000_000)
    // a second click pays nothing
    const calls = seen.length
    await expect(payWithStripe(finance, claim)).rejects.toBeInstanceOf(InvalidTransition)
    expect(seen.length).toBe(calls)
    expect(reconcileLedger()).toEqual([])
  })

  it('a refused transfer leaves the claim owed with the reason; the retry is a new attempt with a new key', async () => {
    const { fund, claim } = await approvedClaim()
    failNext = 'No such destination: acct_1PartnerTest01'
    await expect(payWithStripe(finance, claim)).rejects.toMatchObject({ messageKey: 'mdf.errors.stripeFailed' })
    expect(claimRow(claim)).toMatchObject({ status: 'approved', payoutError: expect.stringContaining('No such destination') })
    expect(balancesOf(fund, partner.orgId).paid).toBe(0)
    await payWithStripe(finance, claim)
    expect(seen.at(-1)!.key).toBe(`mdf-claim-${claim}-payout-2`)
    expect(claimRow(claim).status).toBe('paid')
  })

  it('a payout interrupted after Stripe answered resumes with the same key and Stripe\'s same transfer', async () => {
    const { claim } = await approvedClaim()
    // the process died between starting the payout and recording Stripe's answer
    db.update(mdfClaims).set({ status: 'paying', payoutAttempts: 1 }).where(eq(mdfClaims.id, claim)).run()
    const early = await new Stripe('sk_test_mdf', { host: '127.0.0.1', port: new URL(process.env.STRIPE_API_URL!).port, protocol: 'http' }).transfers.create({ amount: 40_000_000, currency: 'idr', destination: 'acct_1PartnerTest01' }, { idempotencyKey: `mdf-claim-${claim}-payout-1` })
    const { transferId } = await payWithStripe(finance, claim)
    expect(transferId).toBe(early.id)
    expect(db.select().from(mdfLedger).where(eq(mdfLedger.claimId, claim)).all().filter((e) => e.kind === 'pay')).toHaveLength(1)
  })
})

describe('the Stripe webhook', () => {
  it('refuses a forged or stale signature and stores nothing', async () => {
    const event = signed({ id: 'evt_forged_1', type: 'transfer.reversed', object: { id: 'tr_x', object: 'transfer' } }, { secret: 'whsec_someone_else' })
    expect(await handleStripeWebhook(event.payload, event.header)).toMatchObject({ status: 400 })
    expect(await handleStripeWebhook(event.payload, null)).toMatchObject({ status: 400 })
    const stale = signed({ id: 'evt_stale_1', type: 'transfer.reversed', object: { id: 'tr_x', object: 'transfer' } }, { timestamp: Math.floor(Date.now() / 1000) - 3600 })
    expect(await handleStripeWebhook(stale.payload, stale.header)).toMatchObject({ status: 400 })
    // the body altered after signing
    const good = signed({ id: 'evt_altered_1', type: 'transfer.created', object: { id: 'tr_x', object: 'transfer' } })
    expect(await handleStripeWebhook(good.payload.replace('tr_x', 'tr_y'), good.header)).toMatchObject({ status: 400 })
    expect(db.select().from(mdfStripeEvents).all().map((e) => e.id)).not.toContain('evt_forged_1')
  })

  it('a reversed transfer reverses the payment once: duplicates and replays change nothing', async () => {
    const { fund, claim } = await approvedClaim()
    const { transferId } = await payWithStripe(finance, claim)
    const before = balancesOf(fund, partner.orgId)
    const reversal = signed({ id: `evt_rev_${claim}`, type: 'transfer.reversed', object: { id: transferId, object: 'transfer', amount_reversed: 40_000_000, metadata: { claimId: claim } } })
    expect(await handleStripeWebhook(reversal.payload, reversal.header)).toMatchObject({ status: 200, applied: true })
    const after = balancesOf(fund, partner.orgId)
    expect(after.paid).toBe(before.paid - 40_000_000)
    expect(claimRow(claim)).toMatchObject({ status: 'approved', payoutError: 'transfer reversed' })
    // delivered again (Stripe retries) and replayed later with a fresh signature: no change
    expect(await handleStripeWebhook(reversal.payload, reversal.header)).toMatchObject({ status: 200, applied: false, message: 'duplicate' })
    const replay = signed({ id: `evt_rev_${claim}`, type: 'transfer.reversed', object: { id: transferId, object: 'transfer' } })
    expect(await handleStripeWebhook(replay.payload, replay.header)).toMatchObject({ applied: false })
    // a different event about the same reversal: the transfer is already reversed
    const again = signed({ id: `evt_rev2_${claim}`, type: 'transfer.reversed', object: { id: transferId, object: 'transfer' } })
    expect(await handleStripeWebhook(again.payload, again.header)).toMatchObject({ applied: false })
    expect(balancesOf(fund, partner.orgId)).toEqual(after)
    expect(reconcileLedger()).toEqual([])
    // owed again: finance can pay it by bank transfer
    await payManually(finance, claim, 'BCA-RETRY-1')
    expect(balancesOf(fund, partner.orgId).paid).toBe(before.paid)
  })

  it('transfer.created confirms a payout left in progress; an event about nothing of ours is acknowledged and ignored', async () => {
    const { claim } = await approvedClaim()
    db.update(mdfClaims).set({ status: 'paying', payoutAttempts: 1 }).where(eq(mdfClaims.id, claim)).run()
    const created = signed({ id: `evt_created_${claim}`, type: 'transfer.created', object: { id: `tr_webhook_${claim}`, object: 'transfer', metadata: { claimId: claim } } })
    expect(await handleStripeWebhook(created.payload, created.header)).toMatchObject({ status: 200, applied: true, message: 'paid' })
    expect(claimRow(claim).status).toBe('paid')
    const unrelated = signed({ id: 'evt_unrelated_1', type: 'customer.created', object: { id: 'cus_1', object: 'customer' } })
    expect(await handleStripeWebhook(unrelated.payload, unrelated.header)).toMatchObject({ status: 200, applied: false })
    expect(reconcileLedger()).toEqual([])
  })

  it('without Stripe configured, finance pays by bank transfer', async () => {
    const { claim } = await approvedClaim()
    const key = process.env.STRIPE_SECRET_KEY
    delete process.env.STRIPE_SECRET_KEY
    resetEnvCache()
    try {
      await expect(payWithStripe(finance, claim)).rejects.toBeInstanceOf(ValidationFailed)
      await payManually(finance, claim, 'MANDIRI-55')
      expect(claimRow(claim)).toMatchObject({ status: 'paid', payoutMethod: 'manual', payoutReference: 'MANDIRI-55' })
    } finally {
      process.env.STRIPE_SECRET_KEY = key
      resetEnvCache()
    }
  })
})
