import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { accounts, auditLog, contacts, dealRegistrations, emailOutbox, notifications, opportunities } from '../../../db/schema'
import { DAY_MS } from '../../utils/dates'
import { db } from '../../utils/db.server'
import { Forbidden, InvalidTransition, NotFound, ValidationFailed } from '../../utils/errors'
import { makeAccount, makeActor, makeOpportunity, makeOrg, makePipeline } from '../../../tests/factories'
import { canTransition, DEAL_EVENTS, DEAL_STATUSES, IllegalDealTransition, nextStatus } from './deals.machine'
import { DealFormSchema } from './deals.schema'
import {
  answerAndResubmit,
  approveDeal,
  checkConflicts,
  convertDeal,
  createDeal,
  decideExtension,
  expireStaleRegistrations,
  getDeal,
  listDeals,
  rejectDeal,
  requestExtension,
  returnDeal,
  sendExpiryReminders,
  updateDealRules,
  withdrawDeal,
} from './deals.server'

const inDays = (d: number) => new Date(Date.now() + d * DAY_MS).toISOString().slice(0, 10)
const form = (over: Record<string, string> = {}) =>
  DealFormSchema.parse({ intent: 'submit', customerName: 'PT Fresh Customer Baru', contactName: 'Budi', contactEmail: 'budi@freshcustomer.co.id', products: 'Firewall', value: '100.000.000', currency: 'IDR', expectedCloseDate: inDays(30), acceptRules: 'on', ...over })

async function setup() {
  const manager = await makeActor({ role: 'partner_manager' })
  const partnerA = await makeActor({ role: 'partner_user' })
  const partnerB = await makeActor({ role: 'partner_admin' })
  return { manager, partnerA, partnerB }
}

describe('state machine', () => {
  it('allows exactly the documented moves and refuses every other', () => {
    const allowed: Record<string, string> = {
      'draft:submit': 'submitted', 'draft:withdraw': 'withdrawn',
      'submitted:approve': 'approved', 'submitted:reject': 'rejected', 'submitted:return': 'returned', 'submitted:withdraw': 'withdrawn',
      'returned:resubmit': 'submitted', 'returned:withdraw': 'withdrawn',
      'approved:convert': 'converted', 'approved:expire': 'expired', 'approved:withdraw': 'withdrawn',
    }
    for (const from of DEAL_STATUSES) {
      for (const event of DEAL_EVENTS) {
        const key = `${from}:${event}`
        if (allowed[key]) expect(nextStatus(from, event), key).toBe(allowed[key])
        else {
          expect(canTransition(from, event), key).toBe(false)
          expect(() => nextStatus(from, event), key).toThrow(IllegalDealTransition)
        }
      }
    }
  })
})

describe('registering and deciding', () => {
  it('saves a draft, refuses submission without accepting the rules, and keeps money in minor units', async () => {
    const { partnerA } = await setup()
    const draft = createDeal(partnerA, form({ intent: 'draft', acceptRules: '' }))
    expect(draft.status).toBe('draft')
    expect(draft.valueMinor).toBe(100_000_000)
    expect(() => createDeal(partnerA, form({ acceptRules: '' }))).toThrow(ValidationFailed)
    expect(() => createDeal(partnerA, form({ expectedCloseDate: '2020-01-01' }))).toThrow(ValidationFailed)
  })

  it('approval sets the protection period from the rules of engagement and notifies the partner', async () => {
    const { manager, partnerA } = await setup()
    const admin = await makeActor({ role: 'admin' })
    updateDealRules(admin, { protectionDays: 60, extensionDays: 15, maxExtensions: 1, autoFlagApprovedMatch: true, rulesTextId: 'Aturan', rulesTextEn: 'Rules' })
    const reg = createDeal(partnerA, form())
    const before = Date.now()
    approveDeal(manager, reg.id)
    const row = db.select().from(dealRegistrations).where(eq(dealRegistrations.id, reg.id)).get()!
    expect(row.status).toBe('approved')
    expect(row.protectedUntil! - before).toBeGreaterThanOrEqual(60 * DAY_MS - 1000)
    expect(row.protectedUntil! - before).toBeLessThan(60 * DAY_MS + 5000)
    expect(db.select().from(notifications).where(eq(notifications.recipientId, partnerA.userId)).all().some((n) => n.kind === 'deal_approved')).toBe(true)
    expect(db.select().from(auditLog).where(eq(auditLog.entityId, reg.id)).all().map((a) => a.action)).toEqual(['created', 'submitted', 'approved'])
    expect(() => approveDeal(manager, reg.id)).toThrow(InvalidTransition)
  })

  it('rejection needs a reason; a return needs a question the partner answers before it is back in review', async () => {
    const { manager, partnerA } = await setup()
    const reg = createDeal(partnerA, form())
    expect(() => rejectDeal(manager, reg.id, '  ')).toThrow(ValidationFailed)
    returnDeal(manager, reg.id, 'Who signs the budget?')
    expect(getDeal(partnerA, reg.id).registration.status).toBe('returned')
    answerAndResubmit(partnerA, reg.id, 'The CFO, in March.')
    const deal = getDeal(manager, reg.id)
    expect(deal.registration.status).toBe('submitted')
    expect(deal.messages.map((m) => [m.kind, m.body])).toEqual([['question', 'Who signs the budget?'], ['answer', 'The CFO, in March.']])
    rejectDeal(manager, reg.id, 'Customer already buys direct')
    expect(getDeal(partnerA, reg.id).registration.rejectionReason).toBe('Customer already buys direct')
  })

  it('a partner can withdraw; nobody can approve a withdrawn registration', async () => {
    const { manager, partnerA } = await setup()
    const reg = createDeal(partnerA, form())
    withdrawDeal(partnerA, reg.id)
    expect(() => approveDeal(manager, reg.id)).toThrow(InvalidTransition)
  })
})

describe('tenancy and roles', () => {
  it('a partner sees only their own organisation’s registrations; another partner’s is not found', async () => {
    const { partnerA, partnerB } = await setup()
    const colleague = await makeActor({ role: 'partner_admin', orgId: partnerA.orgId })
    const mine = createDeal(partnerA, form())
    createDeal(partnerB, form({ customerName: 'PT Lain Sekali' }))
    expect(listDeals(colleague).rows.map((r) => r.id)).toEqual([mine.id])
    expect(() => getDeal(partnerB, mine.id)).toThrow(NotFound)
    expect(() => withdrawDeal(partnerB, mine.id)).toThrow(NotFound)
    expect(() => answerAndResubmit(partnerB, mine.id, 'x')).toThrow(NotFound)
  })

  it('partners cannot approve, reject, return or convert, even their own', async () => {
    const { partnerA } = await setup()
    const reg = createDeal(partnerA, form())
    for (const attempt of [() => approveDeal(partnerA, reg.id), () => rejectDeal(partnerA, reg.id, 'x'), () => returnDeal(partnerA, reg.id, 'x'), () => convertDeal(partnerA, reg.id, { target: 'new', pipelineId: 'x' })]) {
      expect(attempt).toThrow(Forbidden)
    }
    expect(db.select().from(dealRegistrations).where(eq(dealRegistrations.id, reg.id)).get()?.status).toBe('submitted')
  })

  it('suppliers and procurement cannot see registrations at all', async () => {
    const { partnerA } = await setup()
    const reg = createDeal(partnerA, form())
    const supplier = await makeActor({ role: 'supplier_admin' })
    const procurement = await makeActor({ role: 'procurement_manager' })
    expect(() => getDeal(supplier, reg.id)).toThrow(NotFound)
    expect(() => getDeal(procurement, reg.id)).toThrow(NotFound)
    expect(() => listDeals(supplier)).toThrow(Forbidden)
  })
})

describe('conflict detection', () => {
  it('finds an existing account written differently, with reasons for the manager and none for the partner', async () => {
    const { manager, partnerA } = await setup()
    const account = makeAccount({ name: 'PT Maju Jaya Sentosa Tbk', domain: 'majujayasentosa.co.id' })
    const reg = createDeal(partnerA, form({ customerName: 'maju jaya sentosa', customerWebsite: 'https://www.majujayasentosa.co.id/kontak' }))
    const forManager = getDeal(manager, reg.id)
    const hit = forManager.conflicts.find((c) => c.matchType === 'account' && c.matchId === account.id)!
    expect(hit.score).toBeGreaterThanOrEqual(80)
    expect((hit.reasons as { kind: string }[]).map((r) => r.kind)).toContain('same_domain')
    const forPartner = getDeal(partnerA, reg.id)
    expect(forPartner.conflicts).toEqual([])
    expect(forPartner.underReview).toBe(true)
    expect(JSON.stringify(forPartner)).not.toContain(account.id)
  })

  it('free-mail addresses never create a conflict on their own', async () => {
    const { manager, partnerA } = await setup()
    makeAccount({ name: 'PT Completely Different Name', domain: null })
    const reg = createDeal(partnerA, form({ customerName: 'CV Toko Roti Enak', contactEmail: 'owner@gmail.com' }))
    const other = createDeal(partnerA, form({ customerName: 'PT Bengkel Las Jaya', contactEmail: 'boss@gmail.com' }))
    expect(getDeal(manager, reg.id).conflicts).toEqual([])
    expect(getDeal(manager, other.id).conflicts).toEqual([])
  })

  it('flags a second partner’s claim on a customer another partner holds approved, and hides who', async () => {
    const { manager, partnerA, partnerB } = await setup()
    const first = createDeal(partnerA, form({ customerName: 'PT Sinar Harapan Logistik', customerWebsite: 'sinarharapanlogistik.co.id' }))
    approveDeal(manager, first.id)
    const second = createDeal(partnerB, form({ customerName: 'Sinar Harapan Logistik PT', customerWebsite: 'budi@sinarharapanlogistik.co.id' }))
    const view = getDeal(manager, second.id)
    expect(view.registration.flaggedConflict).toBe(true)
    expect(view.conflicts.some((c) => c.matchType === 'registration' && c.matchId === first.id)).toBe(true)
    const live = checkConflicts(partnerB, { name: 'Sinar Harapan Logistik', website: 'sinarharapanlogistik.co.id' })
    expect(live).toEqual({ possibleConflict: true, matches: [] })
    expect(checkConflicts(manager, { name: 'Sinar Harapan Logistik' }).matches.length).toBeGreaterThan(0)
  })

  it('reports open opportunities on a matching account', async () => {
    const { manager, partnerA } = await setup()
    const account = makeAccount({ name: 'PT Graha Cemerlang Properti', domain: 'grahacemerlang.co.id' })
    makeOpportunity({ accountId: account.id, pipeline: makePipeline() })
    const reg = createDeal(partnerA, form({ customerName: 'Graha Cemerlang Properti', customerWebsite: 'grahacemerlang.co.id' }))
    expect(getDeal(manager, reg.id).conflicts.map((c) => c.matchType).sort()).toEqual(['account', 'opportunity'])
  })
})

describe('extensions, expiry and reminders', () => {
  it('extends an approved registration up to the maximum, one request at a time', async () => {
    const { manager, partnerA } = await setup()
    const admin = await makeActor({ role: 'admin' })
    updateDealRules(admin, { protectionDays: 90, extensionDays: 30, maxExtensions: 1, autoFlagApprovedMatch: true, rulesTextId: 'A', rulesTextEn: 'A' })
    const reg = createDeal(partnerA, form())
    expect(() => requestExtension(partnerA, reg.id, 'Need time')).toThrow(ValidationFailed)
    approveDeal(manager, reg.id)
    const until = db.select().from(dealRegistrations).where(eq(dealRegistrations.id, reg.id)).get()!.protectedUntil!
    requestExtension(partnerA, reg.id, 'Tender delayed by the customer')
    expect(() => requestExtension(partnerA, reg.id, 'again')).toThrow(ValidationFailed)
    const ext = getDeal(manager, reg.id).extensions[0]
    decideExtension(manager, reg.id, ext.id, 'approve', null)
    const row = db.select().from(dealRegistrations).where(eq(dealRegistrations.id, reg.id)).get()!
    expect(row.protectedUntil! - until).toBe(30 * DAY_MS)
    expect(row.extensionsUsed).toBe(1)
    expect(() => requestExtension(partnerA, reg.id, 'one more')).toThrow(ValidationFailed)
  })

  it('sends reminders 14, 7 and 1 day before expiry, each once, then expires the registration', async () => {
    const { manager, partnerA } = await setup()
    const reg = createDeal(partnerA, form())
    approveDeal(manager, reg.id)
    const until = db.select().from(dealRegistrations).where(eq(dealRegistrations.id, reg.id)).get()!.protectedUntil!
    const reminders = () => db.select().from(notifications).where(eq(notifications.recipientId, partnerA.userId)).all().filter((n) => n.kind === 'deal_expiring').length
    expect(sendExpiryReminders(until - 20 * DAY_MS).reminders).toBe(0)
    sendExpiryReminders(until - 13 * DAY_MS)
    sendExpiryReminders(until - 12 * DAY_MS)
    expect(reminders()).toBe(1)
    sendExpiryReminders(until - 6 * DAY_MS)
    sendExpiryReminders(until - 0.5 * DAY_MS)
    sendExpiryReminders(until - 0.4 * DAY_MS)
    expect(reminders()).toBe(3)
    const status = () => db.select().from(dealRegistrations).where(eq(dealRegistrations.id, reg.id)).get()!.status
    expireStaleRegistrations(until - 1000)
    expect(status()).toBe('approved')
    expireStaleRegistrations(until + 1000)
    expireStaleRegistrations(until + 2000)
    expect(status()).toBe('expired')
    const expiries = db.select().from(auditLog).where(eq(auditLog.entityId, reg.id)).all().filter((a) => a.action === 'expired')
    expect(expiries).toHaveLength(1)
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.to, partnerA.email)).all().some((m) => m.subject.length > 0)).toBe(true)
  })
})

describe('conversion', () => {
  it('creates a partner-sourced opportunity on a new account with the contact, and the partner sees its stage', async () => {
    const { manager, partnerA } = await setup()
    const pipeline = makePipeline({ name: 'Partner Channel' })
    const reg = createDeal(partnerA, form({ customerName: 'PT Baru Sama Sekali', contactName: 'Siti Rahma' }))
    approveDeal(manager, reg.id)
    const { accountId, opportunityId } = convertDeal(manager, reg.id, { target: 'new', pipelineId: pipeline.id })
    const opp = db.select().from(opportunities).where(eq(opportunities.id, opportunityId)).get()!
    expect(opp).toMatchObject({ source: 'partner', partnerOrgId: partnerA.orgId, amountMinor: 100_000_000, accountId, stageId: pipeline.stages[0].id })
    expect(db.select().from(accounts).where(eq(accounts.id, accountId)).get()?.name).toBe('PT Baru Sama Sekali')
    expect(db.select().from(contacts).where(eq(contacts.accountId, accountId)).get()).toMatchObject({ firstName: 'Siti', lastName: 'Rahma' })
    const seen = getDeal(partnerA, reg.id)
    expect(seen.registration.status).toBe('converted')
    expect(seen.opportunity).toMatchObject({ stageName: pipeline.stages[0].name, outcome: 'open' })
    expect(seen.opportunity).not.toHaveProperty('ownerId')
  })

  it('can attach to the matched existing account', async () => {
    const { manager, partnerA } = await setup()
    const org = makeOrg({ kind: 'partner' })
    void org
    const account = makeAccount({ name: 'PT Existing Customer', domain: 'existingcustomer.co.id' })
    const reg = createDeal(partnerA, form({ customerName: 'Existing Customer', customerWebsite: 'existingcustomer.co.id' }))
    approveDeal(manager, reg.id)
    const result = convertDeal(manager, reg.id, { target: account.id, pipelineId: makePipeline().id })
    expect(result.accountId).toBe(account.id)
    expect(() => convertDeal(manager, reg.id, { target: account.id, pipelineId: makePipeline().id })).toThrow(InvalidTransition)
  })
})
