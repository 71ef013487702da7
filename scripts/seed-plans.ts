// Demo business plans and the console's demo cases: PT Maju Jaya's plan for last year signed by
// both sides, then revised (version 2 waiting for signatures, the differences visible); CV Sinar
// Digital's plan for this year a draft; an open partner-sourced opportunity of PT Maju Jaya (to win
// and watch the plan's actuals move); a registration waiting three days (past the 48-hour SLA, so
// the escalation job has something to escalate).
import { asc, eq } from 'drizzle-orm'
import { db } from '../app/utils/db.server'
import { makeOpportunity } from '../tests/factories'

export async function seedPlans() {
  process.env.MITRA_EMAIL_KICK = 'off'
  const { actorForSession } = await import('../app/modules/auth/require-actor.server')
  const { createSession } = await import('../app/modules/auth/session.server')
  const plans = await import('../app/modules/plans/plans.server')
  const { ObjectiveSchema } = await import('../app/modules/plans/plans.schema')
  const { accounts, emailOutbox, pipelineStages, pipelines, sessions, users } = await import('../db/schema')
  const actor = (email: string) => {
    const user = db.select().from(users).where(eq(users.email, email)).get()!
    const session = createSession(user.id)
    return actorForSession(session.id, user.id)!
  }
  const manager = actor('manager@mitra.test')
  const majuJaya = actor('admin@majujaya.test')
  const sinar = actor('admin@sinardigital.test')
  const thisYear = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear()
  const year = thisYear - 1

  const plan = await plans.createPlan(manager, { partnerOrgId: majuJaya.orgId, year, title: `Rencana Bisnis Bersama ${year} — PT Maju Jaya` })
  const objective = (measure: string, title: string, q: [string, string, string, string]) => ObjectiveSchema.parse({ measure, title, q1: q[0], q2: q[1], q3: q[2], q4: q[3] })
  await plans.addObjective(manager, plan.id, objective('revenue_won', 'Pendapatan dari deal mitra', ['500.000.000', '750.000.000', '1.000.000.000', '1.250.000.000']))
  await plans.addObjective(manager, plan.id, objective('pipeline_created', 'Pipeline baru', ['2.000.000.000', '2.000.000.000', '2.500.000.000', '2.500.000.000']))
  await plans.addObjective(majuJaya, plan.id, objective('registrations_approved', 'Registrasi deal disetujui', ['3', '4', '5', '5']))
  await plans.addObjective(majuJaya, plan.id, objective('people_certified', 'Engineer tersertifikasi', ['2', '2', '3', '3']))
  await plans.addInitiative(majuJaya, plan.id, { title: 'Seri webinar keamanan siber', owner: 'Rina Wulandari', startDate: `${year}-02-01`, endDate: `${year}-06-30`, budget: '45.000.000' })
  await plans.updatePlanDetails(majuJaya, plan.id, { title: plan.title, strengths: 'Tim pra-penjualan yang kuat di Jawa Barat.', weaknesses: 'Belum ada engineer bersertifikat untuk produk cloud.', opportunities: 'Proyek modernisasi di sektor manufaktur.', threats: 'Harga agresif dari distributor pesaing.', notes: '' })
  await plans.signPlan(manager, plan.id)
  await plans.signPlan(majuJaya, plan.id)
  await plans.addComment(majuJaya, plan.id, 'Bisakah kita menambah satu acara pelanggan di Surabaya pada K3?')
  await plans.addComment(manager, plan.id, 'Setuju — saya tambahkan sebagai inisiatif; mohon ditandatangani ulang.')
  await plans.addInitiative(manager, plan.id, { title: 'Acara pelanggan Surabaya', owner: 'Andi Pratama', startDate: `${year}-08-01`, endDate: `${year}-08-31`, budget: '60.000.000' })

  const other = await plans.createPlan(sinar, { year: thisYear, title: `Rencana ${thisYear} — CV Sinar Digital` })
  await plans.addObjective(sinar, other.id, objective('revenue_won', 'Pendapatan dari deal mitra', ['200.000.000', '250.000.000', '300.000.000', '300.000.000']))

  // an open opportunity PT Maju Jaya brought in, in the partner channel
  const channel = db.select().from(pipelines).where(eq(pipelines.name, 'Partner Channel')).get()!
  const stages = db.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, channel.id)).orderBy(asc(pipelineStages.position)).all()
  const account = db.select().from(accounts).orderBy(asc(accounts.name)).limit(1).get()!
  makeOpportunity({ accountId: account.id, pipeline: { ...channel, stages: stages.map((s) => ({ ...s })) }, stageIndex: 3, name: 'Perluasan jaringan 12 kantor cabang', amountMinor: 350_000_000, source: 'partner', partnerOrgId: majuJaya.orgId, ownerId: manager.userId })

  // a registration waiting three days for a decision: past its time limit
  const deals = await import('../app/modules/deals/deals.server')
  const { DealFormSchema } = await import('../app/modules/deals/deals.schema')
  const partnerUser = actor('user@majujaya.test')
  const threeDaysAgo = Date.now() - 3 * 86_400_000
  await deals.createDeal(
    partnerUser,
    DealFormSchema.parse({ intent: 'submit', customerName: 'PT Arsip Lama Sentosa', customerWebsite: 'arsiplama.co.id', contactName: 'Wahyu Hidayat', contactEmail: 'wahyu@arsiplama.co.id', products: 'Document management, 200 seats', value: '275.000.000', currency: 'IDR', expectedCloseDate: new Date(Date.now() + 50 * 86_400_000).toISOString().slice(0, 10), acceptRules: 'on' }),
    threeDaysAgo,
  )

  db.update(emailOutbox).set({ status: 'sent', sentAt: Date.now() }).run()
  db.delete(sessions).run()
}
