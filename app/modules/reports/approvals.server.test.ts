import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { emailOutbox, notifications } from '../../../db/schema'
import { makeActor } from '../../../tests/factories'
import { DAY_MS } from '../../utils/dates'
import { db } from '../../utils/db.server'
import { Forbidden } from '../../utils/errors'
import { DealFormSchema } from '../deals/deals.schema'
import { approveDeal, createDeal, decidePendingExtension, requestExtension, returnDeal, answerAndResubmit } from '../deals/deals.server'
import { allocate, createFund, createRequest } from '../mdf/mdf.server'
import { approvalCounts, approvalQueueFor, attentionToday, escalateOverdueApprovals, getApprovalSlas, updateApprovalSlas } from './reports.server'

const HOUR = 3_600_000
const T0 = Date.now()
const form = (customerName: string) =>
  DealFormSchema.parse({ intent: 'submit', customerName, contactName: 'Budi', contactEmail: `budi@${customerName.toLowerCase().replace(/[^a-z]/g, '')}.co.id`, products: 'Firewall', value: '100.000.000', currency: 'IDR', expectedCloseDate: new Date(T0 + 60 * DAY_MS).toISOString().slice(0, 10), acceptRules: 'on' })

async function world() {
  const admin = await makeActor({ role: 'admin' })
  const manager = await makeActor({ role: 'partner_manager' })
  const partner = await makeActor({ role: 'partner_admin' })
  const other = await makeActor({ role: 'partner_admin' })
  return { admin, manager, partner, other }
}

describe('the one approval queue', () => {
  it('lists registrations and extension requests oldest first, with facts and decisions, filterable by kind, organisation and age', async () => {
    const { manager, partner, other } = await world()
    const old = await createDeal(partner, form('PT Lama Sekali'), T0 - 5 * DAY_MS)
    const fresh = await createDeal(other, form('PT Baru Saja'), T0 - 2 * HOUR)
    const protectedOne = await createDeal(partner, form('PT Dilindungi Prima'), T0 - 20 * DAY_MS)
    await approveDeal(manager, protectedOne.id, T0 - 19 * DAY_MS)
    await requestExtension(partner, protectedOne.id, 'Customer budget moved to next quarter', T0 - 3 * DAY_MS)

    const mine = <R extends { orgId: string }>(rows: R[]) => rows.filter((r) => r.orgId === partner.orgId || r.orgId === other.orgId)
    const all = mine((await approvalQueueFor(manager, { now: T0 })).rows)
    expect(all.map((r) => [r.kind, r.title])).toEqual([
      ['deal_registration', 'PT Lama Sekali'],
      ['deal_extension', 'PT Dilindungi Prima'],
      ['deal_registration', 'PT Baru Saja'],
    ])
    const first = all[0]
    expect(first.href).toBe(`/deals/${old.id}`)
    expect(first.amount).toEqual({ minor: 100_000_000, currency: 'IDR' })
    expect(first.facts).toContain('Products: Firewall')
    expect(first.actions.map((a) => [a.intent, a.needsReason ?? false])).toEqual([['approve', false], ['reject', true]])
    expect(all[1].facts[0]).toBe('Why: Customer budget moved to next quarter')
    // default SLA 48 hours: the five-day-old and three-day-old items are overdue, the two-hour-old one is not
    expect(all.map((r) => r.overdue)).toEqual([true, true, false])

    expect(mine((await approvalQueueFor(manager, { kind: 'deal_extension', now: T0 })).rows).map((r) => r.title)).toEqual(['PT Dilindungi Prima'])
    expect((await approvalQueueFor(manager, { orgId: other.orgId, now: T0 })).rows.map((r) => r.id)).toEqual([fresh.id])
    expect(mine((await approvalQueueFor(manager, { age: '7d', now: T0 })).rows)).toEqual([])
    expect(mine((await approvalQueueFor(manager, { age: 'overdue', now: T0 })).rows).map((r) => r.title)).toEqual(['PT Lama Sekali', 'PT Dilindungi Prima'])

    // the queue's extension buttons decide the registration's pending extension
    await decidePendingExtension(manager, protectedOne.id, 'approve', null, T0)
    expect(mine((await approvalQueueFor(manager, { kind: 'deal_extension', now: T0 })).rows)).toEqual([])
  })

  it('shows fifty rows a page, oldest first, while the counts cover every waiting row', async () => {
    const { manager } = await world()
    const busy = await makeActor({ role: 'partner_admin' })
    for (let i = 0; i < 53; i++) await createDeal(busy, form(`PT Antrian ${String(i).padStart(2, '0')}`), T0 - (60 - i) * HOUR)
    const first = await approvalQueueFor(manager, { orgId: busy.orgId, now: T0 })
    expect(first.rows).toHaveLength(50)
    expect(first.rows[0].title).toBe('PT Antrian 00')
    expect(first).toMatchObject({ page: 1, pageSize: 50, total: 53, waiting: 53, totalIsCapped: false })
    // waited 60 down to 8 hours against a 48-hour SLA: the 12 that waited more than 48 are overdue, on whichever page they are
    expect(first.overdue).toBe(12)
    const second = await approvalQueueFor(manager, { orgId: busy.orgId, page: 2, now: T0 })
    expect(second.rows.map((r) => r.title)).toEqual(['PT Antrian 50', 'PT Antrian 51', 'PT Antrian 52'])
    expect(second.overdue).toBe(12)
    // only the shown rows are built; the partner filter still names the organisation of every row read
    expect(second.orgs).toEqual([{ id: busy.orgId, name: busy.orgName }])
    expect(first.orgs).toEqual(second.orgs)
    expect((await approvalQueueFor(manager, { orgId: busy.orgId, page: 9, now: T0 })).rows).toEqual([])
  })

  it('counts what waits and what is overdue without listing it, the same as the queue counts its rows', async () => {
    const { manager, partner } = await world()
    const APRIL = Date.parse('2026-04-10T03:00:00Z')
    const fund = await createFund(manager, { name: 'MDF Q2 2026', periodType: 'quarter', year: 2026, part: 2, currency: 'IDR', budgetMinor: 1_000_000_000, maxSharePct: 50, claimDeadlineDays: 60, accrualBps: null, tierAmounts: null }, { now: APRIL - 10 * DAY_MS })
    await allocate(manager, fund, partner.orgId, 500_000_000, { now: APRIL - 10 * DAY_MS })
    const request = (title: string) => ({ fundId: fund, activityType: 'event' as const, title, description: 'Dinner and demo', startsOn: '2026-05-10', endsOn: '2026-05-11', expectedLeads: 20, expectedPipeline: '500.000.000', cost: '20.000.000', requested: '10.000.000' })
    for (const [title, age] of [['Lama', 5 * DAY_MS], ['Kemarin', DAY_MS], ['Baru', HOUR]] as const) await createRequest(partner, request(`Acara ${title}`), { submit: true, now: APRIL - age })
    await createDeal(partner, form('PT Terlambat Sekali'), APRIL - 4 * DAY_MS)
    await createDeal(partner, form('PT Tepat Waktu'), APRIL - 2 * HOUR)

    // every row, page by page: the counts must agree with the rows themselves
    const everyRow = async (now: number, filters: { age?: '1d' | 'overdue'; orgId?: string } = {}) => {
      const rows = []
      for (let page = 1; ; page++) {
        const q = await approvalQueueFor(manager, { ...filters, page, now })
        if (!q.rows.length) return { rows, total: q.total, overdue: q.overdue }
        rows.push(...q.rows)
      }
    }
    for (const now of [APRIL, APRIL + 3 * DAY_MS, T0]) {
      const counts = (await approvalCounts(manager, now))!
      const all = await everyRow(now)
      expect({ waiting: counts.waiting, overdue: counts.overdue }).toEqual({ waiting: all.rows.length, overdue: all.rows.filter((r) => r.overdue).length })
      expect(all.total).toBe(all.rows.length)
      expect(counts.oldestOverdue.map((r) => r.id)).toEqual(all.rows.filter((r) => r.overdue).slice(0, 5).map((r) => r.id))
      const dayOld = await everyRow(now, { age: '1d' })
      expect(dayOld.rows.map((r) => r.id)).toEqual(all.rows.filter((r) => now - r.waitingSince > DAY_MS).map((r) => r.id))
      expect({ total: dayOld.total, overdue: dayOld.overdue }).toEqual({ total: dayOld.rows.length, overdue: dayOld.rows.filter((r) => r.overdue).length })
      const late = await everyRow(now, { age: 'overdue', orgId: partner.orgId })
      expect(late.rows.map((r) => r.id)).toEqual(all.rows.filter((r) => r.overdue && r.orgId === partner.orgId).map((r) => r.id))
      expect({ total: late.total, overdue: late.overdue }).toEqual({ total: late.rows.length, overdue: late.rows.length })
    }
    const atApril = (await approvalCounts(manager, APRIL))!
    expect(atApril.oldestOverdue.map((r) => r.title)).toEqual(expect.arrayContaining([expect.stringContaining('Acara Lama'), 'PT Terlambat Sekali']))
    expect(atApril.oldestOverdue.some((r) => r.title.includes('Acara Kemarin'))).toBe(false)
  })

  it('is closed to partners and suppliers', async () => {
    const { partner } = await world()
    const supplier = await makeActor({ role: 'supplier_admin' })
    await expect(approvalQueueFor(partner)).rejects.toThrow(Forbidden)
    await expect(approvalQueueFor(supplier)).rejects.toThrow(Forbidden)
  })
})

describe('SLA per kind', () => {
  it('is set by the administrator only, in whole hours within range, and moves the overdue line', async () => {
    const { admin, manager, partner } = await world()
    await expect(getApprovalSlas(manager)).rejects.toThrow(Forbidden)
    await expect(updateApprovalSlas(manager, { deal_registration: 1 })).rejects.toThrow(Forbidden)
    await expect(updateApprovalSlas(admin, { deal_registration: 0 })).rejects.toMatchObject({ messageKey: 'reports.sla.range' })
    await expect(updateApprovalSlas(admin, { no_such_kind: 5 })).rejects.toThrow()
    const reg = await createDeal(partner, form('PT Tenggat Waktu'), T0 - 3 * HOUR)
    const row = async () => (await approvalQueueFor(manager, { orgId: partner.orgId, now: T0 })).rows.find((r) => r.id === reg.id)!
    expect((await row()).overdue).toBe(false)
    await updateApprovalSlas(admin, { deal_registration: 2, deal_extension: 48 })
    expect(await row()).toMatchObject({ overdue: true, slaHours: 2 })
    expect((await getApprovalSlas(admin)).find((s) => s.kind === 'deal_registration')?.hours).toBe(2)
    await updateApprovalSlas(admin, { deal_registration: 48, deal_extension: 48 })
  })
})

describe('escalation job', () => {
  it('notifies every administrator in-app and by email once per breach, and again after a resubmission breaches anew', async () => {
    const { admin, manager, partner } = await world()
    const reg = await createDeal(partner, form('PT Menunggu Lama'), T0 - 3 * DAY_MS)
    const young = await createDeal(partner, form('PT Masih Muda'), T0 - HOUR)
    const escalations = (userId: string) => db.select().from(notifications).where(and(eq(notifications.recipientId, userId), eq(notifications.kind, 'approval_overdue'))).all()

    await escalateOverdueApprovals(T0)
    const first = escalations(admin.userId)
    expect(first.filter((n) => n.link === `/deals/${reg.id}`)).toHaveLength(1)
    expect(first.some((n) => n.link === `/deals/${young.id}`)).toBe(false)
    expect(first.find((n) => n.link === `/deals/${reg.id}`)?.title).toContain('PT Menunggu Lama')
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.to, admin.email)).all().some((m) => m.subject.includes('PT Menunggu Lama'))).toBe(true)
    // partner managers decide, administrators are escalated to
    expect(escalations(manager.userId)).toEqual([])
    const row = (await approvalQueueFor(manager, { orgId: partner.orgId, now: T0 })).rows.find((r) => r.id === reg.id)!
    expect(row.escalatedAt).toBe(T0)

    // idempotent: the same breach is never escalated twice
    await escalateOverdueApprovals(T0 + HOUR)
    expect(escalations(admin.userId).filter((n) => n.link === `/deals/${reg.id}`)).toHaveLength(1)

    // returned, answered and resubmitted: a new wait, and once overdue, a new escalation
    await returnDeal(manager, reg.id, 'Who decides?', T0 + HOUR)
    await answerAndResubmit(partner, reg.id, 'The CFO', T0 + 2 * HOUR)
    await escalateOverdueApprovals(T0 + 3 * HOUR)
    expect(escalations(admin.userId).filter((n) => n.link === `/deals/${reg.id}`)).toHaveLength(1)
    await escalateOverdueApprovals(T0 + 2 * HOUR + 49 * HOUR)
    expect(escalations(admin.userId).filter((n) => n.link === `/deals/${reg.id}`)).toHaveLength(2)
  })
})

describe('needs attention today', () => {
  it('names overdue approvals and registrations whose protection ends within a week; nothing for partners', async () => {
    const { manager, partner } = await world()
    const overdue = await createDeal(partner, form('PT Perhatian Terlambat'), T0 - 4 * DAY_MS)
    const expiring = await createDeal(partner, form('PT Hampir Habis'), T0 - 100 * DAY_MS)
    await approveDeal(manager, expiring.id, T0 - 85 * DAY_MS) // 90 days of protection: 5 left
    const a = await attentionToday(manager, T0)
    expect(a?.overdueItems.some((r) => r.href === `/deals/${overdue.id}`) || (a?.overdue ?? 0) > 5).toBe(true)
    expect(a?.expiring.rows.map((r) => r.customerName)).toContain('PT Hampir Habis')
    expect(await attentionToday(partner, T0)).toBeNull()
  })
})
