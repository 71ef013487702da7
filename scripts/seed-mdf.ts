// Demo market development funds: last quarter's fund, where PT Maju Jaya ran a trade show that was
// claimed with an invoice and paid (so the statement, the remittance advice and the burn-down have
// history) and CV Sinar Digital had a webinar paid in part and a print claim waiting for the partner
// manager; a US-dollar regional fund for CV Sinar Digital; this quarter's fund allocated by the tier
// rule, with a PT Maju Jaya webinar waiting for approval, a draft, and a returned Sinar request.
import { eq } from 'drizzle-orm'
import { db } from '../app/utils/db.server'

const DAY = 86_400_000

export async function seedMdf() {
  process.env.MITRA_EMAIL_KICK = 'off'
  const { actorForSession } = await import('../app/modules/auth/require-actor.server')
  const { createSession } = await import('../app/modules/auth/session.server')
  const mdf = await import('../app/modules/mdf/mdf.server')
  const { checkUpload } = await import('../app/utils/upload.server')
  const { renderPdf } = await import('../app/utils/pdf.server')
  const { emailOutbox, sessions, users } = await import('../db/schema')
  const actor = (email: string) => {
    const user = db.select().from(users).where(eq(users.email, email)).get()!
    return actorForSession(createSession(user.id).id, user.id)!
  }
  const manager = actor('manager@mitra.test')
  const finance = actor('admin@mitra.test')
  const majuJaya = actor('admin@majujaya.test')
  const sinar = actor('admin@sinardigital.test')

  const now = Date.now()
  const today = mdf.jakartaToday(now)
  const year = Number(today.slice(0, 4))
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1
  const prev = quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 }
  const prevDates = mdf.periodDates('quarter', prev.year, prev.quarter)
  const at = (date: string, hours = 10) => Date.parse(`${date}T00:00:00+07:00`) + hours * 3_600_000
  const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)

  // last quarter: allocated by hand, one activity claimed and paid, one claim waiting
  const t0 = at(prevDates.start)
  const last = await mdf.createFund(manager, { name: `MDF K${prev.quarter} ${prev.year}`, periodType: 'quarter', year: prev.year, part: prev.quarter, currency: 'IDR', budgetMinor: 1_500_000_000, maxSharePct: 50, claimDeadlineDays: 60, accrualBps: null, tierAmounts: null }, { now: t0 })
  await mdf.allocate(manager, last, majuJaya.orgId, 200_000_000, { now: t0 + DAY })
  await mdf.allocate(manager, last, sinar.orgId, 100_000_000, { now: t0 + DAY })
  const invoice = async (title: string) => {
    const bytes = await renderPdf({ title, compress: true }, (doc) => {
      doc.font('Helvetica-Bold').fontSize(16).text('INVOICE')
      doc.font('Helvetica').fontSize(11).text(title)
    })
    const checked = await checkUpload(new Blob([new Uint8Array(bytes)]), { maxBytes: 10 * 1024 * 1024, allow: ['pdf'] }, 'invoice.pdf')
    if (!checked.ok) throw new Error('seed invoice refused')
    return checked
  }
  const show = { start: plusDays(prevDates.start, 20), end: plusDays(prevDates.start, 22) }
  const tradeShow = await mdf.createRequest(majuJaya, { fundId: last, activityType: 'trade_show', title: 'Stan di pameran Indocomtech', description: 'Stan 3×3 m dengan demo produk SecureEdge untuk pelanggan korporat Jakarta.', startsOn: show.start, endsOn: show.end, expectedLeads: 40, expectedPipeline: '1.500.000.000', cost: '120.000.000', requested: '60.000.000' }, { submit: true, now: t0 + 5 * DAY })
  await mdf.decideRequest(manager, tradeShow, { event: 'approve' }, { now: t0 + 6 * DAY })
  const claimAt = at(plusDays(show.end, 3))
  const claim = await mdf.fileClaim(majuJaya, tradeShow, { actualCost: '110.000.000', claimed: '55.000.000', leads: 52, attendees: 310, pipeline: '1.800.000.000', notes: 'Faktur penyelenggara pameran terlampir.' }, [await invoice('Indocomtech — sewa stan')], { now: claimAt })
  await mdf.decideClaim(manager, claim, { event: 'approve' }, { now: claimAt + DAY })
  await mdf.payManually(finance, claim, 'BCA-TRF-20260118-0042', { now: claimAt + 3 * DAY })

  const webinarDates = { start: plusDays(prevDates.start, 30), end: plusDays(prevDates.start, 30) }
  const sinarWebinar = await mdf.createRequest(sinar, { fundId: last, activityType: 'webinar', title: 'Webinar transformasi digital UKM', description: 'Webinar dua jam untuk 150 UKM di Jawa Timur.', startsOn: webinarDates.start, endsOn: webinarDates.end, expectedLeads: 25, expectedPipeline: '400.000.000', cost: '30.000.000', requested: '15.000.000' }, { submit: true, now: t0 + 7 * DAY })
  await mdf.decideRequest(manager, sinarWebinar, { event: 'approve' }, { now: t0 + 8 * DAY })
  const webinarClaimAt = at(plusDays(webinarDates.end, 2))
  const webinarClaim = await mdf.fileClaim(sinar, sinarWebinar, { actualCost: '28.000.000', claimed: '14.000.000', leads: 31, attendees: 140, pipeline: '500.000.000', notes: '' }, [await invoice('Webinar — platform dan iklan')], { now: webinarClaimAt })
  await mdf.decideClaim(manager, webinarClaim, { event: 'approve', amountMinor: 12_000_000 }, { now: webinarClaimAt + DAY })
  await mdf.payManually(finance, webinarClaim, 'MANDIRI-TRF-77120', { now: webinarClaimAt + 2 * DAY })
  const printDates = { start: plusDays(prevDates.start, 40), end: plusDays(prevDates.start, 45) }
  const sinarPrint = await mdf.createRequest(sinar, { fundId: last, activityType: 'print', title: 'Brosur dan spanduk toko', description: 'Materi cetak bersama merek vendor untuk 12 toko mitra.', startsOn: printDates.start, endsOn: printDates.end, expectedLeads: 10, expectedPipeline: '150.000.000', cost: '16.000.000', requested: '8.000.000' }, { submit: true, now: t0 + 9 * DAY })
  await mdf.decideRequest(manager, sinarPrint, { event: 'approve' }, { now: t0 + 10 * DAY })
  await mdf.fileClaim(sinar, sinarPrint, { actualCost: '16.500.000', claimed: '8.000.000', leads: 12, attendees: 0, pipeline: '150.000.000', notes: 'Foto spanduk di toko dan faktur percetakan.' }, [await invoice('Percetakan — brosur dan spanduk')], { now: at(plusDays(printDates.end, 5)) })

  // a regional co-marketing fund in US dollars, for CV Sinar Digital only
  const regional = await mdf.createFund(manager, { name: `Regional co-marketing H${prev.quarter <= 2 ? 1 : 2} ${prev.year}`, periodType: 'half', year: prev.year, part: prev.quarter <= 2 ? 1 : 2, currency: 'USD', budgetMinor: 5_000_000, maxSharePct: 60, claimDeadlineDays: 45, accrualBps: null, tierAmounts: null }, { now: t0 })
  await mdf.allocate(manager, regional, sinar.orgId, 1_500_000, { now: t0 + DAY })

  // this quarter: the tier rule allocates; a webinar waits for approval, an event is a draft
  const current = await mdf.createFund(manager, { name: `MDF K${quarter} ${year}`, periodType: 'quarter', year, part: quarter, currency: 'IDR', budgetMinor: 2_000_000_000, maxSharePct: 50, claimDeadlineDays: 60, accrualBps: null, tierAmounts: { platinum: 400_000_000, gold: 250_000_000, silver: 100_000_000 } })
  await mdf.applyTierRule(manager, current)
  await mdf.allocate(manager, current, majuJaya.orgId, 300_000_000)
  await mdf.allocate(manager, current, sinar.orgId, 120_000_000)
  const end = mdf.periodDates('quarter', year, quarter).end
  const soon = today < end ? plusDays(today, 1) <= end ? plusDays(today, 1) : today : today
  await mdf.createRequest(majuJaya, { fundId: current, activityType: 'webinar', title: 'Seri webinar keamanan siber', description: 'Tiga webinar untuk CIO sektor keuangan, bersama tim pra-penjualan vendor.', startsOn: soon, endsOn: soon, expectedLeads: 30, expectedPipeline: '900.000.000', cost: '50.000.000', requested: '25.000.000' }, { submit: true })
  const returned = await mdf.createRequest(sinar, { fundId: current, activityType: 'digital_campaign', title: 'Kampanye iklan LinkedIn', description: 'Iklan berbayar empat minggu untuk manajer TI di Surabaya.', startsOn: end, endsOn: end, expectedLeads: 20, expectedPipeline: '300.000.000', cost: '40.000.000', requested: '20.000.000' }, { submit: true })
  await mdf.decideRequest(manager, returned, { event: 'return', reason: 'Berapa anggaran per minggu, dan siapa target audiensnya?' })
  await mdf.createRequest(majuJaya, { fundId: current, activityType: 'event', title: 'Acara pelanggan Surabaya', description: 'Makan malam dan demo untuk 40 pelanggan di Surabaya.', startsOn: end, endsOn: end, expectedLeads: 15, expectedPipeline: '600.000.000', cost: '80.000.000', requested: '40.000.000' }, { submit: false })
  // demo history: no real mail for these, and no sessions left behind by the seeding actors
  db.update(emailOutbox).set({ status: 'sent', sentAt: Date.now() }).run()
  db.delete(sessions).run()
}
