import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { accounts, auditLog, contacts, dealRegistrations, emailOutbox, notifications, opportunities } from '../../../db/schema'
import { DAY_MS } from '../../utils/dates'
import { db } from '../../utils/db.server'
import { Forbidden, InvalidTransition, NotFound, ValidationFailed } from '../../utils/errors'
import { makeAccount, makeActor, makeOpportunity, makeOrg, makePipeline } from '../../../tests/factories'
import { DEAL_EVENTS, DEAL_STATUSES, dealMachine } from './deals.machine'
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
  it('allows exactly the documented moves and refuses every other', async () => {
    const allowed: Record<string, string> = {
      'draft:submit': 'submitted', 'draft:withdraw': 'withdrawn',
      'submitted:approve': 'approved', 'submitted:reject': 'rejected', 'submitted:return': 'returned', 'submitted:withdraw': 'withdrawn',
      'returned:resubmit': 'submitted', 'returned:withdraw': 'withdrawn',
      'approved:convert': 'converted', 'approved:expire': 'expired', 'approved:withdraw': 'withdrawn',
    }
    for (const from of DEAL_STATUSES) {
      for (const event of DEAL_EVENTS) {
        const key = `${from}:${event}`
        if (allowed[key]) expect(dealMachine.next(from, event), key).toBe(allowed[key])
        else {
          expect(dealMachine.can(from, event), key).toBe(false)
          expect(() => dealMachine.next(from, event), key).toThrow(InvalidTransition)
        }
      }
    }
  })
})

describe('registering and deciding', () => {
  it('saves a draft, refuses submission without accepting the rules, and keeps money in minor units', async () => {
    const { partnerA } = await setup()
    const draft = await createDeal(partnerA, form({ intent: 'draft', acceptRules: '' }))
    expect(draft.status).toBe('draft')
    expect(draft.valueMinor).toBe(100_000_000)
    await expect(createDeal(partnerA, form({ acceptRules: '' }))).rejects.toThrow(ValidationFailed)
    await expect(createDeal(partnerA, form({ expectedCloseDate: '2020-01-01' }))).rejects.toThrow(ValidationFailed)
  })

  it('approval sets the protection period from the rules of engagement and notifies the partner', async () => {
    const { manager, partnerA } = await setup()
    const admin = await makeActor({ role: 'admin' })
    await updateDealRules(admin, { protectionDays: 60, extensionDays: 15, maxExtensions: 1, autoFlagApprovedMatch: true, rulesTextId: 'Aturan', rulesTextEn: 'Rules' })
    const reg = await createDeal(partnerA, form())
    const before = Date.now()
    await approveDeal(manager, reg.id)
    const row = db.select().from(dealRegistrations).where(eq(dealRegistrations.id, reg.id)).get()!
    expect(row.status).toBe('approved')
    expect(row.protectedUntil! - before).toBeGreaterThanOrEqual(60 * DAY_MS - 1000)
    expect(row.protectedUntil! - before).toBeLessThan(60 * DAY_MS + 5000)
    expect(db.select().from(notifications).where(eq(notifications.recipientId, partnerA.userId)).all().some((n) => n.kind === 'deal_approved')).toBe(true)
    expect(db.select().from(auditLog).where(eq(auditLog.entityId, reg.id)).all().map((a) => a.action)).toEqual(['created', 'submitted', 'approved'])
    await expect(approveDeal(manager, reg.id)).rejects.toThrow(InvalidTransition)
  })

  it('rejection needs a reason; a return needs a question the partner answers before it is back in review', async () => {
    const { manager, partnerA } = await setup()
    const reg = await createDeal(partnerA, form())
    await expect(rejectDeal(manager, reg.id, '  ')).rejects.toThrow(ValidationFailed)
    await returnDeal(manager, reg.id, 'Who signs the budget?')
    expect((await getDeal(partnerA, reg.id)).registration.status).toBe('returned')
    await answerAndResubmit(partnerA, reg.id, 'The CFO, in March.')
    const deal = await getDeal(manager, reg.id)
    expect(deal.registration.status).toBe('submitted')
    expect(deal.messages.map((m) => [m.kind, m.body])).toEqual([['question', 'Who signs the budget?'], ['answer', 'The CFO, in March.']])
    await rejectDeal(manager, reg.id, 'Customer already buys direct')
    expect((await getDeal(partnerA, reg.id)).registration.rejectionReason).toBe('Customer already buys direct')
  })

  it('a partner can withdraw; nobody can approve a withdrawn registration', async () => {
    const { manager, partnerA } = await setup()
    const reg = await createDeal(partnerA, form())
    await withdrawDeal(partnerA, reg.id)
    await expect(approveDeal(manager, reg.id)).rejects.toThrow(InvalidTransition)
  })
})

describe('tenancy and roles', () => {
  it('a partner sees only their own organisation’s registrations; another partner’s is not found', async () => {
    const { partnerA, partnerB } = await setup()
    const colleague = await makeActor({ role: 'partner_admin', orgId: partnerA.orgId })
    const mine = await createDeal(partnerA, form())
    await createDeal(partnerB, form({ customerName: 'PT Lain Sekali' }))
    expect((await listDeals(colleague)).rows.map((r) => r.id)).toEqual([mine.id])
    await expect(getDeal(partnerB, mine.id)).rejects.toThrow(NotFound)
    await expect(withdrawDeal(partnerB, mine.id)).rejects.toThrow(NotFound)
    await expect(answerAndResubmit(partnerB, mine.id, 'x')).rejects.toThrow(NotFound)
  })

  it('partners cannot approve, reject, return or convert, even their own', async () => {
    const { partnerA } = await setup()
    const reg = await createDeal(partnerA, form())
    for (const attempt of [() => approveDeal(partnerA, reg.id), () => rejectDeal(partnerA, reg.id, 'x'), () => returnDeal(partnerA, reg.id, 'x'), () => convertDeal(partnerA, reg.id, { target: 'new', pipelineId: 'x' })]) {
      await expect(attempt()).rejects.toThrow(Forbidden)
    }
    expect(db.select().from(dealRegistrations).where(eq(dealRegistrations.id, reg.id)).get()?.status).toBe('submitted')
  })

  it('suppliers and procurement: a registration is not found (404), the list is refused (403)', async () => {
    const { partnerA } = await setup()
    const reg = await createDeal(partnerA, form())
    const supplier = await makeActor({ role: 'supplier_admin' })
    const procurement = await makeActor({ role: 'procurement_manager' })
    await expect(getDeal(supplier, reg.id)).rejects.toThrow(NotFound)
    await expect(getDeal(procurement, reg.id)).rejects.toThrow(NotFound)
    await expect(listDeals(supplier)).rejects.toThrow(Forbidden)
  })
})

describe('conflict detection', () => {
  it('finds an existing account written differently, with reasons for the manager and none for the partner', async () => {
    const { manager, partnerA } = await setup()
    const account = makeAccount({ name: 'PT Maju Jaya Sentosa Tbk', domain: 'majujayasentosa.co.id' })
    const reg = await createDeal(partnerA, form({ customerName: 'maju jaya sentosa', customerWebsite: 'https://www.majujayasentosa.co.id/kontak' }))
    const forManager = await getDeal(manager, reg.id)
    const hit = forManager.conflicts.find((c) => c.matchType === 'account' && c.matchId === account.id)!
    expect(hit.score).toBeGreaterThanOrEqual(80)
    expect((hit.reasons as { kind: string }[]).map((r) => r.kind)).toContain('same_domain')
    const forPartner = await getDeal(partnerA, reg.id)
    expect(forPartner.conflicts).toEqual([])
    expect(forPartner.underReview).toBe(true)
    expect(JSON.stringify(forPartner)).not.toContain(account.id)
  })

  it('free-mail addresses never create a conflict on their own', async () => {
    const { manager, partnerA } = await setup()
    makeAccount({ name: 'PT Completely Different Name', domain: null })
    const reg = await createDeal(partnerA, form({ customerName: 'CV Toko Roti Enak', contactEmail: 'owner@gmail.com' }))
    const other = await createDeal(partnerA, form({ customerName: 'PT Bengkel Las Jaya', contactEmail: 'boss@gmail.com' }))
    expect((await getDeal(manager, reg.id)).conflicts).toEqual([])
    expect((await getDeal(manager, other.id)).conflicts).toEqual([])
  })

  it('flags a second partner’s claim on a customer another partner holds approved, and hides who', async () => {
    const { manager, partnerA, partnerB } = await setup()
    const first = await createDeal(partnerA, form({ customerName: 'PT Sinar Harapan Logistik', customerWebsite: 'sinarharapanlogistik.co.id' }))
    await approveDeal(manager, first.id)
    const second = await createDeal(partnerB, form({ customerName: 'Sinar Harapan Logistik PT', customerWebsite: 'budi@sinarharapanlogistik.co.id' }))
    const view = await getDeal(manager, second.id)
    expect(view.registration.flaggedConflict).toBe(true)
    expect(view.conflicts.some((c) => c.matchType === 'registration' && c.matchId === first.id)).toBe(true)
    const live = await checkConflicts(partnerB, { name: 'Sinar Harapan Logistik', website: 'sinarharapanlogistik.co.id' })
    // partner B learns of the conflict, not with whom; their own registration is theirs to see
    expect(live).toEqual({ possibleConflict: true, matches: [], alreadyRegistered: [{ id: second.id, customerName: second.customerName }] })
    expect((await checkConflicts(manager, { name: 'Sinar Harapan Logistik' })).matches.length).toBeGreaterThan(0)
  })

  it('refuses amounts no deal could have and websites that are not one, with words', async () => {
    const { partnerA } = await setup()
    const huge = await createDeal(partnerA, form({ value: '9.000.000.000.000.000' })).catch((e: unknown) => e)
    expect(huge).toBeInstanceOf(ValidationFailed)
    expect((huge as ValidationFailed).field).toBe('value')
    expect((huge as ValidationFailed).messageKey).toBe('errors.amountTooLarge')
    expect((await createDeal(partnerA, form({ value: '90.000.000.000.000' }))).valueMinor).toBe(90_000_000_000_000)
    const raw = { intent: 'submit', customerName: 'PT Situs', contactName: 'Budi', contactEmail: 'budi@situs.co.id', products: 'Firewall', value: '100', currency: 'IDR', expectedCloseDate: inDays(30) }
    const bad = DealFormSchema.safeParse({ ...raw, customerWebsite: 'not a url!!' })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]).toMatchObject({ path: ['customerWebsite'], message: 'errors.websiteOrEmail' })
    for (const ok of ['example.co.id', 'https://www.example.co.id/kontak?x=1', 'budi@example.co.id']) expect(DealFormSchema.safeParse({ ...raw, customerWebsite: ok }).success, ok).toBe(true)
  })

  it('tells the second of two managers who decided first, and when', async () => {
    const { manager, partnerA } = await setup()
    const other = await makeActor({ role: 'partner_manager', orgId: manager.orgId })
    const reg = await createDeal(partnerA, form())
    await rejectDeal(manager, reg.id, 'Customer is a vendor direct account')
    const late = await approveDeal({ ...other, locale: 'en' }, reg.id).catch((e: unknown) => e)
    expect(late).toBeInstanceOf(InvalidTransition)
    expect((late as InvalidTransition).messageKey).toBe('deals.errors.alreadyDecided')
    expect((late as InvalidTransition).params).toMatchObject({ status: 'rejected', who: manager.name })
    expect(String((late as InvalidTransition).params.at)).toMatch(/20\d\d/)
  })

  it('gives the partner one answer, live and after submitting: their own earlier registration is "already registered", not a conflict', async () => {
    const { partnerA } = await setup()
    const first = await createDeal(partnerA, form({ customerName: 'PT Cahaya Abadi Teknologi', customerWebsite: 'cahayaabadi.co.id' }))
    const live = await checkConflicts(partnerA, { name: 'Cahaya Abadi Teknologi', website: 'https://www.cahayaabadi.co.id/kontak' })
    expect(live).toEqual({ possibleConflict: false, matches: [], alreadyRegistered: [{ id: first.id, customerName: 'PT Cahaya Abadi Teknologi' }] })
    const again = await createDeal(partnerA, form({ customerName: 'Cahaya Abadi Teknologi', customerWebsite: 'https://www.cahayaabadi.co.id/kontak' }))
    const view = await getDeal(partnerA, again.id)
    expect(view.underReview).toBe(live.possibleConflict)
    expect(view.alreadyRegistered.map((r) => r.id)).toEqual([first.id])
    // while editing it, the registration itself is left out of its own check
    expect((await checkConflicts(partnerA, { name: 'Cahaya Abadi Teknologi', website: 'cahayaabadi.co.id' }, again.id)).alreadyRegistered.map((r) => r.id)).toEqual([first.id])
  })

  it('reports open opportunities on a matching account', async () => {
    const { manager, partnerA } = await setup()
    const account = makeAccount({ name: 'PT Graha Cemerlang Properti', domain: 'grahacemerlang.co.id' })
    makeOpportunity({ accountId: account.id, pipeline: makePipeline() })
    const reg = await createDeal(partnerA, form({ customerName: 'Graha Cemerlang Properti', customerWebsite: 'grahacemerlang.co.id' }))
    expect((await getDeal(manager, reg.id)).conflicts.map((c) => c.matchType).sort()).toEqual(['account', 'opportunity'])
  })
})

describe('extensions, expiry and reminders', () => {
  it('extends an approved registration up to the maximum, one request at a time', async () => {
    const { manager, partnerA } = await setup()
    const admin = await makeActor({ role: 'admin' })
    await updateDealRules(admin, { protectionDays: 90, extensionDays: 30, maxExtensions: 1, autoFlagApprovedMatch: true, rulesTextId: 'A', rulesTextEn: 'A' })
    const reg = await createDeal(partnerA, form())
    await expect(requestExtension(partnerA, reg.id, 'Need time')).rejects.toThrow(ValidationFailed)
    await approveDeal(manager, reg.id)
    const until = db.select().from(dealRegistrations).where(eq(dealRegistrations.id, reg.id)).get()!.protectedUntil!
    await requestExtension(partnerA, reg.id, 'Tender delayed by the customer')
    await expect(requestExtension(partnerA, reg.id, 'again')).rejects.toThrow(ValidationFailed)
    const ext = (await getDeal(manager, reg.id)).extensions[0]
    await decideExtension(manager, reg.id, ext.id, 'approve', null)
    const row = db.select().from(dealRegistrations).where(eq(dealRegistrations.id, reg.id)).get()!
    expect(row.protectedUntil! - until).toBe(30 * DAY_MS)
    expect(row.extensionsUsed).toBe(1)
    await expect(requestExtension(partnerA, reg.id, 'one more')).rejects.toThrow(ValidationFailed)
  })

  it('sends reminders 14, 7 and 1 day before expiry, each once, then expires the registration', async () => {
    const { manager, partnerA } = await setup()
    const reg = await createDeal(partnerA, form())
    await approveDeal(manager, reg.id)
    const until = db.select().from(dealRegistrations).where(eq(dealRegistrations.id, reg.id)).get()!.protectedUntil!
    const reminders = () => db.select().from(notifications).where(eq(notifications.recipientId, partnerA.userId)).all().filter((n) => n.kind === 'deal_expiring').length
    expect((await sendExpiryReminders(until - 20 * DAY_MS)).reminders).toBe(0)
    await sendExpiryReminders(until - 13 * DAY_MS)
    await sendExpiryReminders(until - 12 * DAY_MS)
    expect(reminders()).toBe(1)
    await sendExpiryReminders(until - 6 * DAY_MS)
    await sendExpiryReminders(until - 0.5 * DAY_MS)
    await sendExpiryReminders(until - 0.4 * DAY_MS)
    expect(reminders()).toBe(3)
    const status = () => db.select().from(dealRegistrations).where(eq(dealRegistrations.id, reg.id)).get()!.status
    await expireStaleRegistrations(until - 1000)
    expect(status()).toBe('approved')
    await expireStaleRegistrations(until + 1000)
    await expireStaleRegistrations(until + 2000)
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
    const reg = await createDeal(partnerA, form({ customerName: 'PT Baru Sama Sekali', contactName: 'Siti Rahma' }))
    await approveDeal(manager, reg.id)
    const { accountId, opportunityId } = await convertDeal(manager, reg.id, { target: 'new', pipelineId: pipeline.id })
    const opp = db.select().from(opportunities).where(eq(opportunities.id, opportunityId)).get()!
    expect(opp).toMatchObject({ source: 'partner', partnerOrgId: partnerA.orgId, amountMinor: 100_000_000, accountId, stageId: pipeline.stages[0].id })
    expect(db.select().from(accounts).where(eq(accounts.id, accountId)).get()?.name).toBe('PT Baru Sama Sekali')
    expect(db.select().from(contacts).where(eq(contacts.accountId, accountId)).get()).toMatchObject({ firstName: 'Siti', lastName: 'Rahma' })
    const seen = await getDeal(partnerA, reg.id)
    expect(seen.registration.status).toBe('converted')
    expect(seen.opportunity).toMatchObject({ stageName: pipeline.stages[0].name, outcome: 'open' })
    expect(seen.opportunity).not.toHaveProperty('ownerId')
  })

  it('can attach to the matched existing account', async () => {
    const { manager, partnerA } = await setup()
    const org = makeOrg({ kind: 'partner' })
    void org
    const account = makeAccount({ name: 'PT Existing Customer', domain: 'existingcustomer.co.id' })
    const reg = await createDeal(partnerA, form({ customerName: 'Existing Customer', customerWebsite: 'existingcustomer.co.id' }))
    await approveDeal(manager, reg.id)
    const result = await convertDeal(manager, reg.id, { target: account.id, pipelineId: makePipeline().id })
    expect(result.accountId).toBe(account.id)
    await expect(convertDeal(manager, reg.id, { target: account.id, pipelineId: makePipeline().id })).rejects.toThrow(InvalidTransition)
  })
})
