// Demo events through the real service verbs: a webinar for every partner, a quarterly business
// review with PT Maju Jaya, a Gold training with few seats, a supplier delivery window and an
// internal planning meeting no partner sees.
import { eq } from 'drizzle-orm'
import { emailOutbox, organisations, sessions, users } from '../db/schema'
import { actorForSession } from '../app/modules/auth/require-actor.server'
import { createSession } from '../app/modules/auth/session.server'
import { EventFormSchema } from '../app/modules/schedules/schedules.schema'
import { createEvent, respondToEvent } from '../app/modules/schedules/schedules.server'
import { utcToLocalInput } from '../app/modules/schedules/zoned-time'
import { DAY_MS } from '../app/utils/dates'
import { db } from '../app/utils/db.server'

function actor(email: string) {
  const user = db.select().from(users).where(eq(users.email, email)).get()!
  return actorForSession(createSession(user.id).id, user.id)!
}
const orgId = (name: string) => db.select().from(organisations).where(eq(organisations.name, name)).get()!.id

/** Local start in the zone, `days` from now at `hour`, lasting `hours`. */
function when(days: number, hour: number, hours: number, timeZone: string) {
  const day = utcToLocalInput(Date.now() + days * DAY_MS, timeZone).slice(0, 10)
  const start = `${day}T${String(hour).padStart(2, '0')}:00`
  const endHour = hour + hours
  return { startsLocal: start, endsLocal: `${day}T${String(Math.min(endHour, 23)).padStart(2, '0')}:${endHour > 23 ? '59' : '00'}`, timeZone }
}

export async function seedSchedules() {
  const manager = actor('manager@mitra.test')
  const procurement = actor('procurement@mitra.test')
  const partner = actor('user@majujaya.test')
  const form = (v: Record<string, unknown>) => EventFormSchema.parse(v)
  const webinar = await createEvent(manager, form({ kind: 'webinar', titleId: 'Webinar peluncuran SecureEdge 2027', titleEn: 'SecureEdge 2027 launch webinar', descriptionId: 'Fitur baru, harga, dan materi penjualan untuk semua mitra.', descriptionEn: 'New features, pricing and sales material for every partner.', ...when(6, 10, 1, 'Asia/Jakarta'), onlineUrl: 'https://meet.nusantara-teknologi.co.id/launch', inviteTiers: ['registered', 'silver', 'gold', 'platinum'] }))
  const review = await createEvent(manager, form({ kind: 'business_review', titleId: 'Tinjauan bisnis kuartalan: PT Maju Jaya', titleEn: 'Quarterly business review: PT Maju Jaya', descriptionId: 'Capaian kuartal ini, pipeline, dan rencana bersama kuartal depan.', descriptionEn: 'This quarter’s results, the pipeline and the joint plan for next quarter.', ...when(12, 14, 2, 'Asia/Jakarta'), location: 'Kantor Nusantara, Jakarta Selatan', inviteOrgs: [orgId('PT Maju Jaya Solusi')] }))
  await createEvent(manager, form({ kind: 'training', titleId: 'Pelatihan teknis SecureEdge (Makassar)', titleEn: 'SecureEdge technical training (Makassar)', descriptionId: 'Pelatihan tatap muka satu hari untuk teknisi mitra Gold.', descriptionEn: 'A one-day classroom training for Gold partner engineers.', ...when(20, 9, 7, 'Asia/Makassar'), location: 'Hotel Aryaduta, Makassar', capacity: '12', inviteTiers: ['gold', 'platinum'] }))
  await createEvent(procurement, form({ kind: 'delivery_window', titleId: 'Jendela pengiriman perangkat Q1', titleEn: 'Q1 hardware delivery window', ...when(9, 8, 8, 'Asia/Jakarta'), location: 'Gudang Cikarang', inviteOrgs: [orgId('PT Sumber Makmur Elektronik')] }))
  await createEvent(manager, form({ kind: 'campaign', titleId: 'Perencanaan kanal internal 2027', titleEn: 'Internal channel planning 2027', descriptionId: 'Hanya staf Nusantara.', descriptionEn: 'Nusantara staff only.', ...when(15, 3, 2, 'UTC'), onlineUrl: 'https://meet.nusantara-teknologi.co.id/planning' }))
  await respondToEvent(partner, webinar.id, 'yes')
  await respondToEvent(partner, review.id, 'yes')
  db.update(emailOutbox).set({ status: 'sent', sentAt: Date.now() }).run()
  db.delete(sessions).run()
}
