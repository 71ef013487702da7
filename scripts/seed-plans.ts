// Demo business plans: PT Maju Jaya's plan for this year signed by both sides, then revised
// (version 2 waiting for signatures, the differences visible); CV Sinar Digital's plan a draft.
import { eq } from 'drizzle-orm'
import { db } from '../app/utils/db.server'

export async function seedPlans() {
  process.env.MITRA_EMAIL_KICK = 'off'
  const { actorForSession } = await import('../app/modules/auth/require-actor.server')
  const { createSession } = await import('../app/modules/auth/session.server')
  const plans = await import('../app/modules/plans/plans.server')
  const { ObjectiveSchema } = await import('../app/modules/plans/plans.schema')
  const { emailOutbox, sessions, users } = await import('../db/schema')
  const actor = (email: string) => {
    const user = db.select().from(users).where(eq(users.email, email)).get()!
    const session = createSession(user.id)
    return actorForSession(session.id, user.id)!
  }
  const manager = actor('manager@mitra.test')
  const majuJaya = actor('admin@majujaya.test')
  const sinar = actor('admin@sinardigital.test')
  const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear()

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

  const other = await plans.createPlan(sinar, { year, title: `Rencana ${year} — CV Sinar Digital` })
  await plans.addObjective(sinar, other.id, objective('revenue_won', 'Pendapatan dari deal mitra', ['200.000.000', '250.000.000', '300.000.000', '300.000.000']))

  db.update(emailOutbox).set({ status: 'sent', sentAt: Date.now() }).run()
  db.delete(sessions).run()
}
