import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, opportunities } from '../../../db/schema'
import { db } from '../../utils/db.server'
import { Forbidden, NotFound, ValidationFailed } from '../../utils/errors'
import { makeAccount, makeActor, makeOpportunity, makePipeline } from '../../../tests/factories'
import { AccountSchema, LeadSchema, OpportunitySchema, scoreBand } from './crm.schema'
import { addActivity, createAccount, createOpportunity, getAccount, getAccount360, listAccounts, listLeads, moveOpportunityStage, updateAccount } from './crm.server'

describe('accounts', () => {
  it('creates an account with its domain and NPWP normalised, and audits it', async () => {
    const sales = await makeActor({ role: 'sales' })
    const account = await createAccount(sales, AccountSchema.parse({ name: 'PT Maju Jaya Tbk', website: 'https://www.MajuJaya.co.id/about', npwp: '01.234.567.8-901.000' }))
    expect(account.domain).toBe('majujaya.co.id')
    expect(account.npwp).toBe('012345678901000')
    expect(db.select().from(auditLog).where(eq(auditLog.entityId, account.id)).all().map((r) => r.action)).toEqual(['created'])
  })

  it('records only what changed on update', async () => {
    const sales = await makeActor({ role: 'sales' })
    const account = await createAccount(sales, AccountSchema.parse({ name: 'CV Sinar', city: 'Surabaya' }))
    await updateAccount(sales, account.id, AccountSchema.parse({ name: 'CV Sinar', city: 'Malang' }))
    const update = db.select().from(auditLog).where(eq(auditLog.entityId, account.id)).all().find((r) => r.action === 'updated')!
    expect(update.before).toEqual({ city: 'Surabaya' })
    expect(update.after).toEqual({ city: 'Malang' })
  })

  it('is invisible to partners and suppliers and read-only for managers', async () => {
    const account = makeAccount()
    const partner = await makeActor({ role: 'partner_admin' })
    const supplier = await makeActor({ role: 'supplier_admin' })
    const manager = await makeActor({ role: 'partner_manager' })
    await expect(getAccount(partner, account.id)).rejects.toThrow(NotFound)
    await expect(getAccount360(supplier, account.id)).rejects.toThrow(NotFound)
    await expect(listAccounts(partner, {})).rejects.toThrow(Forbidden)
    expect((await getAccount(manager, account.id)).id).toBe(account.id)
    await expect(createAccount(manager, AccountSchema.parse({ name: 'PT X' }))).rejects.toThrow(Forbidden)
  })

  it('searches, sorts and pages in the database, treating % and _ literally', async () => {
    const sales = await makeActor({ role: 'sales' })
    for (let i = 0; i < 30; i++) makeAccount({ name: `PT Zeta ${String(i).padStart(2, '0')}` })
    makeAccount({ name: 'PT 100% Halal' })
    const page1 = await listAccounts(sales, { q: 'zeta', sort: 'name', dir: 'desc', page: 1, pageSize: 10 })
    expect(page1.total).toBe(30)
    expect(page1.rows[0].name).toBe('PT Zeta 29')
    expect((await listAccounts(sales, { q: 'zeta', sort: 'name', dir: 'desc', page: 3, pageSize: 10 })).rows.at(-1)?.name).toBe('PT Zeta 00')
    expect((await listAccounts(sales, { q: '100%' })).rows.map((r) => r.name)).toEqual(['PT 100% Halal'])
    expect((await listAccounts(sales, { q: '%' })).total).toBe(1)
    expect((await listAccounts(sales, { q: "'; DROP TABLE accounts; --" })).total).toBe(0)
  })

  it('gathers contacts, opportunities and activities on the 360° view', async () => {
    const sales = await makeActor({ role: 'sales' })
    const account = makeAccount()
    const pipeline = makePipeline()
    makeOpportunity({ accountId: account.id, pipeline })
    await addActivity(sales, 'account', account.id, { kind: 'call', subject: 'Intro call', body: null })
    const view = await getAccount360(sales, account.id)
    expect(view.opportunities).toHaveLength(1)
    expect(view.activities.map((a) => a.subject)).toEqual(['Intro call'])
  })
})

describe('opportunities', () => {
  it('stores the amount in minor units and starts at the first stage', async () => {
    const sales = await makeActor({ role: 'sales' })
    const account = makeAccount()
    const pipeline = makePipeline()
    const opp = await createOpportunity(sales, OpportunitySchema.parse({ name: 'ERP', accountId: account.id, pipelineId: pipeline.id, amount: '12.500.000', currency: 'IDR' }))
    expect(opp.amountMinor).toBe(12_500_000)
    expect(opp.stageId).toBe(pipeline.stages[0].id)
    const usd = await createOpportunity({ ...sales, locale: 'en' }, OpportunitySchema.parse({ name: 'ERP', accountId: account.id, pipelineId: pipeline.id, amount: '1,250.50', currency: 'USD' }))
    expect(usd.amountMinor).toBe(125_050)
    await expect(createOpportunity(sales, OpportunitySchema.parse({ name: 'ERP', accountId: account.id, pipelineId: pipeline.id, amount: '12,5', currency: 'IDR' }))).rejects.toThrow(ValidationFailed)
  })

  it('moves only between stages of its own pipeline, with history', async () => {
    const sales = await makeActor({ role: 'sales' })
    const account = makeAccount()
    const pipeline = makePipeline()
    const other = makePipeline()
    const opp = makeOpportunity({ accountId: account.id, pipeline })
    await moveOpportunityStage(sales, opp.id, pipeline.stages[2].id)
    expect(db.select().from(opportunities).where(eq(opportunities.id, opp.id)).get()?.stageId).toBe(pipeline.stages[2].id)
    await expect(moveOpportunityStage(sales, opp.id, other.stages[1].id)).rejects.toThrow(ValidationFailed)
    const history = db.select().from(auditLog).where(eq(auditLog.entityId, opp.id)).all()
    expect(history.map((h) => h.action)).toEqual(['stage_changed'])
  })
})

describe('leads', () => {
  it('bands scores as junk, warm and hot and filters by band', async () => {
    expect([0, 39, 40, 69, 70, 100].map(scoreBand)).toEqual(['junk', 'junk', 'warm', 'warm', 'hot', 'hot'])
    expect(LeadSchema.safeParse({ company: 'X', contactName: 'Y', source: 'web', status: 'new', score: '101' }).success).toBe(false)
    const sales = await makeActor({ role: 'sales' })
    const { makeLead } = await import('../../../tests/factories')
    makeLead({ score: 90 })
    makeLead({ score: 50 })
    makeLead({ score: 10 })
    expect((await listLeads(sales, { band: 'hot' })).rows.map((r) => r.score)).toEqual([90])
    expect((await listLeads(sales, { band: 'warm' })).rows.map((r) => r.band)).toEqual(['warm'])
  })
})
