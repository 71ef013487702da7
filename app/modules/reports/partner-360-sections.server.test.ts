import { describe, expect, it } from 'vitest'
import { makeActor, makeOrg } from '../../../tests/factories'
import { EventFormSchema } from '../schedules/schedules.schema'
import { createEvent } from '../schedules/schedules.server'
import { partner360 } from './reports.server'

const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10)

describe('partner 360°: training and events', () => {
  it("shows the partner's tier progress, certificates and the events it is invited to — not other partners' events", async () => {
    const manager = await makeActor({ role: 'partner_manager' })
    const partner = makeOrg({ kind: 'partner', tier: 'silver', name: 'PT Tiga Enam Puluh' })
    const other = makeOrg({ kind: 'partner', tier: 'registered', name: 'PT Lain Sendiri' })
    const base = { kind: 'webinar', titleId: 'Webinar', startsLocal: `${day(5)}T09:00`, endsLocal: `${day(5)}T10:00`, timeZone: 'Asia/Jakarta', onlineUrl: 'https://meet.example/x' }
    await createEvent(manager, EventFormSchema.parse({ ...base, titleEn: 'For this partner', inviteOrgs: [partner.id] }))
    await createEvent(manager, EventFormSchema.parse({ ...base, titleEn: 'For the other one', inviteOrgs: [other.id] }))

    const view = await partner360({ ...manager, locale: 'en' }, partner.id)
    expect(view.events.map((e) => e.title)).toEqual(['For this partner'])
    expect(view.tier?.tier).toBe('silver')
    expect(view.certifications).toMatchObject({ total: 0, rows: [] })
  })
})
