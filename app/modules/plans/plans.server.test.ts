import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { dealRegistrations, planVersions } from '../../../db/schema'
import { makeAccount, makeActor, makeOpportunity, makeOrg, makePipeline, makeUser } from '../../../tests/factories'
import { pdfText } from '../../../tests/helpers/pdf-text'
import { db } from '../../utils/db.server'
import { InvalidTransition, NotFound } from '../../utils/errors'
import { newId } from '../../utils/ids'
import { moveOpportunityStage } from '../crm/crm.server'
import { ObjectiveSchema } from './plans.schema'
import { addComment, addInitiative, addObjective, createPlan, getPlan, listPlans, planPdf, signPlan, updateObjective, updatePlanDetails } from './plans.server'
import { progressOf, quarterBounds } from './plans.progress'

const YEAR = 2025
const q = (n: 1 | 2 | 3 | 4) => quarterBounds(YEAR, n)
// 15 May 2025: Q1 is over, Q2 is running (45 of 91 days), Q3 and Q4 have not begun
const NOW = Date.UTC(2025, 4, 15, 5)
const objective = (over: Record<string, string>) => ObjectiveSchema.parse({ measure: 'revenue_won', title: 'Revenue', ...over })

async function world() {
  const manager = await makeActor({ role: 'partner_manager' })
  const partnerAdmin = await makeActor({ role: 'partner_admin' })
  const other = await makeActor({ role: 'partner_admin' })
  const partnerUser = await makeActor({ role: 'partner_user', orgId: partnerAdmin.orgId })
  return { manager, partnerAdmin, other, partnerUser }
}

describe('quarter progress', () => {
  it('judges finished quarters by the target, the running one by its pace, and never early quarters as off track', () => {
    expect(progressOf(100, 100, q(1), NOW)).toBe('on_track')
    expect(progressOf(100, 85, q(1), NOW)).toBe('at_risk')
    expect(progressOf(100, 50, q(1), NOW)).toBe('off_track')
    // Q2 is about half gone: 50 of 100 keeps pace, 35 is at risk, 10 off track
    expect(progressOf(100, 50, q(2), NOW)).toBe('on_track')
    expect(progressOf(100, 35, q(2), NOW)).toBe('at_risk')
    expect(progressOf(100, 10, q(2), NOW)).toBe('off_track')
    expect(progressOf(100, 0, q(2), q(2).from + 3 * 86_400_000)).toBe('at_risk')
    expect(progressOf(100, 0, q(3), NOW)).toBe('upcoming')
    expect(progressOf(0, 5, q(1), NOW)).toBe('no_target')
    expect(progressOf(100, null, q(1), NOW)).toBe('unavailable')
  })

  it('cuts quarters at midnight Jakarta time', () => {
    expect(new Date(q(1).from).toISOString()).toBe('2024-12-31T17:00:00.000Z')
    expect(new Date(q(2).from).toISOString()).toBe('2025-03-31T17:00:00.000Z')
  })
})

describe('live actuals', () => {
  it('computes revenue won, pipeline created and registrations approved per quarter from the records, and never fakes the others', async () => {
    const { manager, partnerAdmin, other } = await world()
    const pipeline = makePipeline()
    const account = makeAccount()
    const won = 4
    const lost = 5
    const at = (ms: number) => ({ createdAt: ms, updatedAt: ms })
    // partner's: won in Q1 (100 M + 20 M), won in Q2 (50 M), lost in Q1, won in USD, won in Q1 created last year
    makeOpportunity({ accountId: account.id, pipeline, stageIndex: won, partnerOrgId: partnerAdmin.orgId, source: 'partner', amountMinor: 100_000_000, closedAt: q(1).from + 86_400_000, ...at(q(1).from + 1000) })
    makeOpportunity({ accountId: account.id, pipeline, stageIndex: won, partnerOrgId: partnerAdmin.orgId, source: 'partner', amountMinor: 20_000_000, closedAt: q(2).from - 1, ...at(Date.UTC(2024, 10, 1)) })
    makeOpportunity({ accountId: account.id, pipeline, stageIndex: won, partnerOrgId: partnerAdmin.orgId, source: 'partner', amountMinor: 50_000_000, closedAt: q(2).from, ...at(q(2).from) })
    makeOpportunity({ accountId: account.id, pipeline, stageIndex: lost, partnerOrgId: partnerAdmin.orgId, source: 'partner', amountMinor: 900_000_000, closedAt: q(1).from + 5000, ...at(q(1).from + 2000) })
    makeOpportunity({ accountId: account.id, pipeline, stageIndex: won, partnerOrgId: partnerAdmin.orgId, source: 'partner', amountMinor: 7_000, currency: 'USD', closedAt: q(1).from + 5000, ...at(q(1).from + 2000) })
    // another partner's win, and an open one of ours created in Q2
    makeOpportunity({ accountId: account.id, pipeline, stageIndex: won, partnerOrgId: other.orgId, source: 'partner', amountMinor: 555_000_000, closedAt: q(1).from + 5000, ...at(q(1).from + 2000) })
    makeOpportunity({ accountId: account.id, pipeline, stageIndex: 1, partnerOrgId: partnerAdmin.orgId, source: 'partner', amountMinor: 30_000_000, ...at(q(2).from + 86_400_000) })
    // registrations approved: two in Q1 (one since converted), one rejected in Q1, one approved in Q2
    const submitter = await makeUser({ orgId: partnerAdmin.orgId, role: 'partner_user' })
    const reg = (status: 'approved' | 'converted' | 'rejected', decidedAt: number) =>
      db.insert(dealRegistrations).values({ id: newId(), partnerOrgId: partnerAdmin.orgId, submittedBy: submitter.id, status, customerName: 'PT X', contactName: 'B', contactEmail: 'b@x.co.id', products: 'P', valueMinor: 1, expectedCloseDate: '2025-12-31', decidedAt, createdAt: decidedAt, updatedAt: decidedAt }).run()
    reg('approved', q(1).from + 10)
    reg('converted', q(1).to - 10)
    reg('rejected', q(1).from + 10)
    reg('approved', q(2).from + 10)

    const plan = await createPlan(manager, { partnerOrgId: partnerAdmin.orgId, year: YEAR, title: 'Plan 2025' }, NOW)
    await addObjective(manager, plan.id, objective({ q1: '100.000.000', q2: '100.000.000', q3: '100.000.000', q4: '100.000.000' }), NOW)
    await addObjective(manager, plan.id, objective({ measure: 'pipeline_created', title: 'Pipeline', q1: '500.000.000', q2: '100.000.000' }), NOW)
    await addObjective(manager, plan.id, objective({ measure: 'registrations_approved', title: 'Registrations', q1: '3', q2: '4' }), NOW)
    await addObjective(manager, plan.id, objective({ measure: 'mdf_funded_leads', title: 'MDF leads', q1: '5' }), NOW)

    const view = await getPlan(partnerAdmin, plan.id, NOW)
    const byTitle = (t: string) => view.objectives.find((o) => o.title === t)!.quarters
    expect(byTitle('Revenue').map((x) => [x.actual, x.progress])).toEqual([[120_000_000, 'on_track'], [50_000_000, 'on_track'], [0, 'upcoming'], [0, 'upcoming']])
    // pipeline created: what was created in the quarter (won, lost or open), IDR only
    expect(byTitle('Pipeline').map((x) => x.actual)).toEqual([1_000_000_000, 80_000_000, 0, 0])
    expect(byTitle('Registrations').map((x) => [x.actual, x.progress])).toEqual([[2, 'off_track'], [1, 'off_track'], [0, 'no_target'], [0, 'no_target']])
    // MDF-funded leads come from the MDF module now: no approved claims, so a real zero
    expect(byTitle('MDF leads').map((x) => [x.actual, x.progress])).toEqual([[0, 'off_track'], [0, 'no_target'], [0, 'no_target'], [0, 'no_target']])
  })

  it('counts an opportunity as won in the quarter it moved into the won stage', async () => {
    const { manager, partnerAdmin } = await world()
    const sales = await makeActor({ role: 'sales' })
    const pipeline = makePipeline()
    const opp = makeOpportunity({ accountId: makeAccount().id, pipeline, partnerOrgId: partnerAdmin.orgId, source: 'partner', amountMinor: 75_000_000 })
    const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear()
    const plan = await createPlan(manager, { partnerOrgId: partnerAdmin.orgId, year, title: 'This year' })
    await addObjective(manager, plan.id, objective({ q1: '1', q2: '1', q3: '1', q4: '1' }))
    const total = async () => (await getPlan(manager, plan.id)).objectives[0].quarters.reduce((s, x) => s + (x.actual ?? 0), 0)
    expect(await total()).toBe(0)
    await moveOpportunityStage(sales, opp.id, pipeline.stages[4].id)
    expect(await total()).toBe(75_000_000)
    await moveOpportunityStage(sales, opp.id, pipeline.stages[2].id)
    expect(await total()).toBe(0)
  })
})

describe('sign-off and versions', () => {
  it('freezes a version when both sides sign; a later edit opens the next version with the differences listed', async () => {
    const { manager, partnerAdmin } = await world()
    const plan = await createPlan(partnerAdmin, { year: YEAR, title: 'Joint plan' }, NOW)
    expect(plan.partnerOrgId).toBe(partnerAdmin.orgId)
    await addObjective(partnerAdmin, plan.id, objective({ q1: '100.000.000' }), NOW)
    await addInitiative(manager, plan.id, { title: 'Webinar series', owner: 'Rina', startDate: '2025-02-01', endDate: '2025-03-01', budget: '25.000.000' }, NOW)

    await expect(signPlan(manager, plan.id, NOW)).resolves.toEqual({ status: 'signed_by_vendor', version: 1 })
    await expect(signPlan(manager, plan.id, NOW)).rejects.toThrow(InvalidTransition)
    await expect(signPlan(manager, plan.id, NOW)).rejects.toMatchObject({ messageKey: 'plans.errors.alreadySigned' })
    await expect(signPlan(partnerAdmin, plan.id, NOW)).resolves.toEqual({ status: 'signed', version: 1 })
    const frozen = db.select().from(planVersions).where(eq(planVersions.planId, plan.id)).all()
    expect(frozen).toHaveLength(1)
    expect((frozen[0].snapshot as { objectives: { q1: number }[] }).objectives[0].q1).toBe(100_000_000)

    // the partner raises the Q1 target: version 2 as a draft, both signatures gone, v1 untouched
    const view1 = await getPlan(partnerAdmin, plan.id, NOW)
    await addObjective(partnerAdmin, plan.id, objective({ measure: 'registrations_approved', title: 'Registrations', q2: '4' }), NOW)
    await updatePlanDetails(partnerAdmin, plan.id, { title: 'Joint plan', strengths: 'Strong bench', weaknesses: '', opportunities: '', threats: '', notes: '' }, NOW)
    const view2 = await getPlan(manager, plan.id, NOW)
    expect(view2.plan).toMatchObject({ status: 'draft', version: 2, vendorSignedBy: null, partnerSignedBy: null })
    expect(view2.changesSinceSigned).toEqual(['Strengths changed', 'Objective added: Registrations'])
    expect(view2.versions.map((v) => v.version)).toEqual([1])
    expect(db.select().from(planVersions).where(eq(planVersions.planId, plan.id)).all()[0].snapshot).toEqual(frozen[0].snapshot)
    expect(view1.permissions.sign).toBe(false)
    expect(view2.permissions.sign).toBe(true)
  })

  it('shows a changed target of a signed plan as a difference of the next version', async () => {
    const { manager, partnerAdmin } = await world()
    const plan = await createPlan(manager, { partnerOrgId: partnerAdmin.orgId, year: YEAR, title: 'Targets' }, NOW)
    await addObjective(manager, plan.id, objective({ q1: '100.000.000', q2: '100.000.000' }), NOW)
    await signPlan(manager, plan.id, NOW)
    await signPlan(partnerAdmin, plan.id, NOW)
    const objectiveId = (await getPlan(manager, plan.id, NOW)).objectives[0].id
    // the same values change nothing: still signed, still version 1
    await updateObjective(partnerAdmin, plan.id, objectiveId, { title: 'Revenue', q1: '100000000', q2: '100.000.000', q3: '0', q4: '0' }, NOW)
    expect((await getPlan(manager, plan.id, NOW)).plan).toMatchObject({ status: 'signed', version: 1 })
    await updateObjective(partnerAdmin, plan.id, objectiveId, { title: 'Revenue', q1: '150.000.000', q2: '100.000.000', q3: '0', q4: '0' }, NOW)
    const view = await getPlan(manager, plan.id, NOW)
    expect(view.plan).toMatchObject({ status: 'draft', version: 2 })
    expect(view.changesSinceSigned).toHaveLength(1)
    expect(view.changesSinceSigned[0]).toMatch(/^Revenue, Q1 target: .*100,000,000 → .*150,000,000$/)
  })

  it('clears a single signature when the text changes before the other side signs', async () => {
    const { manager, partnerAdmin } = await world()
    const plan = await createPlan(manager, { partnerOrgId: partnerAdmin.orgId, year: YEAR, title: 'P' }, NOW)
    await signPlan(manager, plan.id, NOW)
    await addObjective(partnerAdmin, plan.id, objective({ q1: '1' }), NOW)
    const view = await getPlan(manager, plan.id, NOW)
    expect(view.plan).toMatchObject({ status: 'draft', version: 1, vendorSignedBy: null })
  })

  it('refuses a second plan for the same partner and year', async () => {
    const { manager, partnerAdmin } = await world()
    await createPlan(manager, { partnerOrgId: partnerAdmin.orgId, year: YEAR, title: 'A' })
    await expect(createPlan(partnerAdmin, { year: YEAR, title: 'B' })).rejects.toMatchObject({ messageKey: 'plans.errors.yearTaken' })
  })

  it('records comments from both sides without reopening a signed plan', async () => {
    const { manager, partnerAdmin, partnerUser } = await world()
    const plan = await createPlan(manager, { partnerOrgId: partnerAdmin.orgId, year: YEAR, title: 'P' }, NOW)
    await signPlan(manager, plan.id, NOW)
    await signPlan(partnerAdmin, plan.id, NOW)
    await addComment(partnerUser, plan.id, 'Can we add a webinar?', NOW)
    await addComment(manager, plan.id, 'Yes, in Q3.', NOW)
    const view = await getPlan(partnerAdmin, plan.id, NOW)
    expect(view.comments.map((c) => c.body)).toEqual(['Can we add a webinar?', 'Yes, in Q3.'])
    expect(view.plan.status).toBe('signed')
  })
})

describe('tenancy', () => {
  it('shows a partner only their own plan; another partner and the partner user cannot change it', async () => {
    const { manager, partnerAdmin, other, partnerUser } = await world()
    const mine = await createPlan(manager, { partnerOrgId: partnerAdmin.orgId, year: YEAR, title: 'Mine' })
    const theirs = await createPlan(manager, { partnerOrgId: other.orgId, year: YEAR, title: 'Theirs' })
    await expect(getPlan(other, mine.id)).rejects.toThrow(NotFound)
    await expect(addComment(other, mine.id, 'hi')).rejects.toThrow(NotFound)
    await expect(signPlan(other, mine.id)).rejects.toThrow(NotFound)
    expect((await listPlans(partnerAdmin)).rows.map((r) => r.id)).toEqual([mine.id])
    expect((await listPlans(manager)).rows.map((r) => r.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]))
    // a partner admin cannot start a plan for another organisation: the partner is always their own
    await expect(createPlan(partnerAdmin, { partnerOrgId: other.orgId, year: YEAR, title: 'Sneaky' })).rejects.toMatchObject({ messageKey: 'plans.errors.yearTaken' })
    // the partner user reads and comments, but neither edits nor signs
    expect((await getPlan(partnerUser, mine.id)).permissions).toMatchObject({ edit: false, sign: false })
    await expect(signPlan(partnerUser, mine.id)).rejects.toThrow(NotFound)
    const supplier = await makeActor({ role: 'supplier_admin' })
    await expect(getPlan(supplier, mine.id)).rejects.toThrow(NotFound)
    await expect(listPlans(supplier)).rejects.toThrow()
  })

  it('refuses a plan for an organisation that is not a partner', async () => {
    const { manager } = await world()
    const supplierOrg = makeOrg({ kind: 'supplier' })
    await expect(createPlan(manager, { partnerOrgId: supplierOrg.id, year: YEAR, title: 'X' })).rejects.toMatchObject({ messageKey: 'plans.errors.notAPartner' })
  })
})

describe('PDF export', () => {
  it('writes the plan in the language asked for, whatever the reader uses', async () => {
    const { manager, partnerAdmin } = await world()
    const plan = await createPlan(manager, { partnerOrgId: partnerAdmin.orgId, year: YEAR, title: 'Rencana Bersama 2025' }, NOW)
    await addObjective(manager, plan.id, objective({ title: 'Pendapatan mitra', q1: '100.000.000' }), NOW)
    const id = pdfText((await planPdf(manager, plan.id, 'id', { compress: false, now: NOW })).bytes)
    expect(id).toContain('Rencana Bersama 2025')
    expect(id).toContain('Sasaran dan realisasi langsung')
    expect(id).toContain('Pendapatan mitra')
    expect(id).toMatch(/Rp\s?100\.000\.000/)
    const en = pdfText((await planPdf(manager, plan.id, 'en', { compress: false, now: NOW })).bytes)
    expect(en).toContain('Objectives and live actuals')
    const other = await makeActor({ role: 'partner_admin' })
    await expect(planPdf(other, plan.id, 'en')).rejects.toThrow(NotFound)
  })
})
