import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { emailOutbox, notifications, scheduleEvents, scheduleInvitations } from '../../../db/schema'
import { makeActor, makeOrg } from '../../../tests/factories'
import { queryPlansOf } from '../../../tests/helpers/query-plans'
import { mutate } from '../../kit/mutate.server'
import { DAY_MS } from '../../utils/dates'
import { db } from '../../utils/db.server'
import { Forbidden, InvalidTransition, NotFound, ValidationFailed } from '../../utils/errors'
import { historyFor } from '../audit/audit.history.server'
import { vtimezone } from './ics.server'
import { EventFormSchema } from './schedules.schema'
import {
  calendarFeed,
  cancelEvent,
  createEvent,
  eventIcs,
  eventsBetween,
  getEvent,
  regenerateCalendarFeed,
  respondToEvent,
  sendEventReminders,
  upcomingEventsFor,
  updateEvent,
  upsertLinkedEvent,
} from './schedules.server'
import { utcToLocalInput, zonedToUtc } from './zoned-time'

const run = promisify(execFile)
const day = (d: number) => new Date(Date.now() + d * DAY_MS).toISOString().slice(0, 10)
const form = (over: Record<string, unknown> = {}) =>
  EventFormSchema.parse({ kind: 'webinar', titleEn: 'SecureEdge webinar', titleId: 'Webinar SecureEdge', startsLocal: `${day(10)}T09:00`, endsLocal: `${day(10)}T10:30`, timeZone: 'Asia/Jakarta', onlineUrl: 'https://meet.example/abc', ...over })

async function world() {
  const vendor = makeOrg({ kind: 'vendor' })
  const manager = await makeActor({ role: 'partner_manager', orgId: vendor.id })
  const gold = makeOrg({ kind: 'partner', tier: 'gold' })
  const silver = makeOrg({ kind: 'partner', tier: 'silver' })
  return {
    manager,
    gold: await makeActor({ role: 'partner_user', orgId: gold.id }),
    goldAdmin: await makeActor({ role: 'partner_admin', orgId: gold.id }),
    goldOrg: gold,
    silver: await makeActor({ role: 'partner_admin', orgId: silver.id }),
    silverOrg: silver,
    supplier: await makeActor({ role: 'supplier_admin' }),
  }
}

/** Reads an .ics back: each VEVENT's fields, and DTSTART/DTEND as instants using the file's VTIMEZONEs. */
function parseIcs(text: string) {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)
  const zones = new Map<string, number>()
  let zone: string | null = null
  const events: Record<string, string>[] = []
  let current: Record<string, string> | null = null
  for (const line of lines) {
    if (line.startsWith('TZID:')) zone = line.slice(5)
    const off = /^TZOFFSETTO:([+-])(\d\d)(\d\d)$/.exec(line)
    if (off && zone) zones.set(zone, (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3])))
    if (line === 'BEGIN:VEVENT') current = {}
    else if (line === 'END:VEVENT' && current) {
      events.push(current)
      current = null
    } else if (current) {
      const at = line.indexOf(':')
      current[line.slice(0, at).split(';')[0]] = line.slice(at + 1)
      current[`${line.slice(0, at).split(';')[0]}@params`] = line.slice(0, at)
    }
  }
  const instant = (e: Record<string, string>, field: 'DTSTART' | 'DTEND') => {
    const v = e[field]
    const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(Z?)$/.exec(v)!
    const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])
    if (m[7] === 'Z') return wall
    const tzid = /TZID=([^;:]+)/.exec(e[`${field}@params`])?.[1]
    if (!tzid || !zones.has(tzid)) throw new Error(`no VTIMEZONE for ${tzid}`)
    return wall - zones.get(tzid)! * 60_000
  }
  return { events: events.map((e) => ({ ...e, start: instant(e, 'DTSTART'), end: instant(e, 'DTEND') }) as Record<string, string> & { start: number; end: number }), zones, valid: text.startsWith('BEGIN:VCALENDAR') && text.trimEnd().endsWith('END:VCALENDAR') }
}

describe('time zones', () => {
  it('turns wall-clock times of Jakarta, Makassar and UTC into the right instants and back', () => {
    expect(zonedToUtc('2026-12-05T09:00', 'Asia/Jakarta')).toBe(Date.UTC(2026, 11, 5, 2, 0))
    expect(zonedToUtc('2026-12-05T09:00', 'Asia/Makassar')).toBe(Date.UTC(2026, 11, 5, 1, 0))
    expect(zonedToUtc('2026-12-05T09:00', 'UTC')).toBe(Date.UTC(2026, 11, 5, 9, 0))
    expect(utcToLocalInput(Date.UTC(2026, 11, 5, 23, 30), 'Asia/Makassar')).toBe('2026-12-06T07:30')
    expect(vtimezone('Asia/Makassar')).toContain('TZOFFSETTO:+0800')
    expect(vtimezone('Europe/Berlin')).toBeNull() // daylight saving: no single fixed offset
  })

  it('writes .ics files that parse back to the same instants in each zone', async () => {
    const w = await world()
    for (const [timeZone, offsetHours] of [['Asia/Jakarta', 7], ['Asia/Makassar', 8], ['UTC', 0]] as const) {
      const ev = await createEvent(w.manager, form({ timeZone, inviteOrgs: [w.goldOrg.id], location: 'Makassar' }))
      const { body, fileName } = await eventIcs(w.gold, ev.id)
      expect(fileName).toBe('secureedge-webinar.ics')
      const parsed = parseIcs(body)
      expect(parsed.valid).toBe(true)
      expect(parsed.events).toHaveLength(1)
      const e = parsed.events[0]
      const expected = Date.UTC(+day(10).slice(0, 4), +day(10).slice(5, 7) - 1, +day(10).slice(8, 10), 9 - offsetHours, 0)
      expect(e.start, timeZone).toBe(expected)
      expect(e.end - e.start).toBe(90 * 60_000)
      expect(e.UID).toBe(`${ev.id}@mitra`)
      expect(e.SUMMARY).toBe('SecureEdge webinar')
      if (timeZone === 'UTC') expect(e.DTSTART).toMatch(/Z$/)
      else expect(e['DTSTART@params']).toBe(`DTSTART;TZID=${timeZone}`)
    }
  })
})

describe('visibility and invitations', () => {
  it('shows an event to invited organisations, tiers and people only; others get 404', async () => {
    const w = await world()
    const byTier = await createEvent(w.manager, form({ titleEn: 'Gold only', inviteTiers: ['gold'] }))
    const byOrg = await createEvent(w.manager, form({ titleEn: 'Silver org', inviteOrgs: [w.silverOrg.id] }))
    const byEmail = await createEvent(w.manager, form({ titleEn: 'Named', inviteEmails: w.gold.email }))
    expect((await getEvent(w.gold, byTier.id)).event.title).toBe('Gold only')
    await expect(getEvent(w.silver, byTier.id)).rejects.toThrow(NotFound)
    await expect(getEvent(w.gold, byOrg.id)).rejects.toThrow(NotFound)
    expect((await getEvent(w.silver, byOrg.id)).invitations).toEqual([]) // partners do not see whom else
    expect((await getEvent(w.manager, byOrg.id)).invitations).toEqual([{ kind: 'org', label: w.silverOrg.name }])
    expect((await getEvent(w.gold, byEmail.id)).event.title).toBe('Named')
    await expect(getEvent(w.goldAdmin, byEmail.id)).rejects.toThrow(NotFound)
    await expect(getEvent(w.supplier, byTier.id)).rejects.toThrow(NotFound)
    await expect(respondToEvent(w.silver, byTier.id, 'yes')).rejects.toThrow(NotFound)
    await expect(eventIcs(w.silver, byTier.id)).rejects.toThrow(NotFound)
    const from = Date.now()
    const seen = (await eventsBetween(w.gold, from, from + 30 * DAY_MS)).map((e) => e.id)
    expect(seen).toEqual(expect.arrayContaining([byTier.id, byEmail.id]))
    expect(seen).not.toContain(byOrg.id)
    await expect(createEvent(w.gold, form())).rejects.toThrow(Forbidden)
    await expect(updateEvent(w.gold, byTier.id, form())).rejects.toThrow(Forbidden)
    await expect(createEvent(w.manager, form({ inviteEmails: 'nobody@nowhere.test' }))).rejects.toThrow(ValidationFailed)
    // named invitations are told, in their own language
    const told = db.select().from(notifications).all().filter((n) => n.recipientId === w.gold.userId && n.kind === 'event_invitation')
    expect(told.length).toBeGreaterThanOrEqual(2)
  })

  it('puts accepted events in the private feed, leaves declined ones out, and a new address retires the old', async () => {
    const w = await world()
    const ev = await createEvent(w.manager, form({ titleEn: 'Quarterly business review', inviteOrgs: [w.goldOrg.id] }))
    const declined = await createEvent(w.manager, form({ titleEn: 'Declined one', inviteOrgs: [w.goldOrg.id] }))
    await respondToEvent(w.gold, ev.id, 'yes')
    await respondToEvent(w.gold, declined.id, 'no')
    const first = await regenerateCalendarFeed(w.gold)
    expect(first.url).toMatch(/\/calendar\/[a-z0-9]+\.ics$/)
    const feed = parseIcs((await calendarFeed(first.secret))!)
    const titles = feed.events.map((e) => e.SUMMARY)
    expect(titles).toContain('Quarterly business review')
    expect(titles).not.toContain('Declined one')
    expect(feed.events.find((e) => e.SUMMARY === 'Quarterly business review')!.start).toBe(zonedToUtc(`${day(10)}T09:00`, 'Asia/Jakarta'))
    const second = await regenerateCalendarFeed(w.gold)
    expect(await calendarFeed(first.secret)).toBeNull()
    expect(await calendarFeed(second.secret)).toContain('Quarterly business review')
    expect(await calendarFeed('not-a-secret')).toBeNull()
    // another partner's feed never carries this organisation's events
    const other = await regenerateCalendarFeed(w.silver)
    expect(await calendarFeed(other.secret)).not.toContain('Quarterly business review')
    expect((await upcomingEventsFor(w.gold, 50)).map((e) => e.title)).toContain('Quarterly business review')
    expect((await upcomingEventsFor(w.gold, 50)).map((e) => e.id)).not.toContain(declined.id)
  })
})

describe('reading a large calendar', () => {
  /** The query plans of the event reads `fn` runs (SQLite's EXPLAIN QUERY PLAN, each step's text). */
  const plansOf = (fn: () => Promise<unknown>) => queryPlansOf(/from "schedule_events"/i, fn)

  it("finds a partner's next events from its own invitations and events, never by walking the whole calendar", async () => {
    const w = await world()
    // another partner's busy calendar must not be read to answer this one's home page
    const silverEvents = new Set<string>()
    for (let i = 0; i < 30; i++) silverEvents.add((await createEvent(w.manager, form({ titleEn: `Silver event ${i}`, inviteOrgs: [w.silverOrg.id] }))).id)
    const mine = await createEvent(w.manager, form({ titleEn: 'Gold roadshow', inviteTiers: ['gold'] }))
    const plans = await plansOf(async () => {
      for (const seen of [await upcomingEventsFor(w.gold, 50), await eventsBetween(w.gold, Date.now(), Date.now() + 30 * DAY_MS, { mine: true })]) {
        expect(seen.map((e) => e.id)).toContain(mine.id)
        expect(seen.filter((e) => silverEvents.has(e.id))).toEqual([])
      }
    })
    expect(plans).toHaveLength(2)
    for (const steps of plans) {
      expect(steps.filter((s) => /^SCAN schedule_events\b/.test(s)), steps.join('\n')).toEqual([])
      expect(steps.some((s) => /SEARCH .*schedule_events.* USING INDEX sqlite_autoindex_schedule_events_1 \(id=\?\)/.test(s)), steps.join('\n')).toBe(true)
    }
  })
})

describe('a viewer with thousands of events', () => {
  it('still lists their next ones in start order, without the ones they declined or that ended', async () => {
    const w = await world()
    const start = Date.now() + 3 * DAY_MS
    const ids = Array.from({ length: 520 }, (_, i) => ({ id: `dense${String(i).padStart(4, '0')}${w.goldOrg.id}`.slice(0, 24), at: start + i * 3_600_000 }))
    db.insert(scheduleEvents)
      .values(ids.map(({ id, at }, i) => ({ id, kind: 'webinar' as const, titleEn: `Dense ${i}`, titleId: `Padat ${i}`, startsAt: at, endsAt: i === 1 ? Date.now() - 1 : at + 3_600_000, timeZone: 'Asia/Jakarta', ownerOrgId: w.silverOrg.id, createdAt: Date.now(), updatedAt: Date.now() })))
      .run()
    db.insert(scheduleInvitations).values(ids.map(({ id }) => ({ eventId: id, kind: 'user' as const, value: w.gold.userId }))).run()
    await respondToEvent(w.gold, ids[0].id, 'no')
    let next: string[] = []
    const plans = await queryPlansOf(/from "schedule_events"/i, async () => (next = (await upcomingEventsFor(w.gold, 3)).map((e) => e.title)))
    expect(next).toEqual(['Dense 2', 'Dense 3', 'Dense 4'])
    // read in start order off the index, so the first few of theirs end the read: never every event, then sorted
    expect(plans).toHaveLength(1)
    expect(plans[0]!.join('\n')).toMatch(/SCAN schedule_events USING INDEX schedule_events_starts_idx/)
    expect(plans[0]!.filter((step) => /TEMP B-TREE/.test(step))).toEqual([])
    // another person of the same partner sees none of them
    expect((await upcomingEventsFor(w.goldAdmin, 50)).map((e) => e.title).filter((t) => t.startsWith('Dense'))).toEqual([])
  })
})

describe('answers and capacity', () => {
  it('never seats more than the capacity, with words for the one who comes too late', async () => {
    const w = await world()
    const ev = await createEvent(w.manager, form({ capacity: '1', inviteOrgs: [w.goldOrg.id] }))
    await respondToEvent(w.gold, ev.id, 'yes')
    await respondToEvent(w.gold, ev.id, 'yes') // the same person again keeps their seat
    const late = respondToEvent(w.goldAdmin, ev.id, 'yes')
    await expect(late).rejects.toThrow(ValidationFailed)
    await expect(respondToEvent(w.goldAdmin, ev.id, 'yes')).rejects.toMatchObject({ messageKey: 'schedules.errors.full' })
    await respondToEvent(w.goldAdmin, ev.id, 'maybe')
    await respondToEvent(w.gold, ev.id, 'no') // a seat frees up
    await respondToEvent(w.goldAdmin, ev.id, 'yes')
    expect((await getEvent(w.manager, ev.id)).counts).toEqual({ yes: 1, maybe: 0, no: 1 })
    const history = await historyFor(w.manager, 'schedule_event', ev.id)
    expect(history.map((h) => h.text)).toContain(`${w.goldAdmin.name} answered: Attending.`)
  })

  it('holds under answers from separate processes at the same moment', async () => {
    const w = await world()
    const guests = [w.gold]
    for (let i = 0; i < 7; i++) guests.push(await makeActor({ role: 'partner_user', orgId: w.goldOrg.id }))
    const ev = await createEvent(w.manager, form({ capacity: '3', inviteOrgs: [w.goldOrg.id] }))
    const startAt = Date.now() + 2500
    const script = path.resolve('tests/helpers/rsvp-race.ts')
    const outputs = await Promise.all(
      [0, 1, 2, 3].map((k) => run(process.execPath, ['--import', 'tsx', script, ev.id, String(startAt), guests[2 * k].userId, guests[2 * k + 1].userId], { env: process.env })),
    )
    const results = outputs.flatMap((o) => JSON.parse(o.stdout.trim().split('\n').pop()!) as string[])
    expect(results.filter((r) => r === 'yes')).toHaveLength(3)
    expect(results.filter((r) => r === 'schedules.errors.full')).toHaveLength(5)
    expect((await getEvent(w.manager, ev.id)).counts.yes).toBe(3)
  }, 60_000)

  it('refuses answers to a cancelled event and tells those who were coming', async () => {
    const w = await world()
    const ev = await createEvent(w.manager, form({ inviteOrgs: [w.goldOrg.id] }))
    await respondToEvent(w.gold, ev.id, 'yes')
    await cancelEvent(w.manager, ev.id)
    await expect(respondToEvent(w.gold, ev.id, 'maybe')).rejects.toThrow(InvalidTransition)
    await expect(cancelEvent(w.manager, ev.id)).rejects.toThrow(InvalidTransition)
    expect(db.select().from(notifications).all().some((n) => n.recipientId === w.gold.userId && n.kind === 'event_cancelled')).toBe(true)
    expect((await eventIcs(w.gold, ev.id)).body).toContain('STATUS:CANCELLED')
    expect((await upcomingEventsFor(w.gold, 50)).map((e) => e.id)).not.toContain(ev.id)
  })
})

describe('reminders and linked events', () => {
  it('reminds those coming a day ahead, once', async () => {
    const w = await world()
    const now = Date.now()
    const ev = await createEvent(w.manager, form({ startsLocal: utcToLocalInput(now + 20 * 3600_000, 'Asia/Jakarta'), endsLocal: utcToLocalInput(now + 22 * 3600_000, 'Asia/Jakarta'), inviteOrgs: [w.goldOrg.id] }))
    await respondToEvent(w.gold, ev.id, 'yes')
    await respondToEvent(w.goldAdmin, ev.id, 'no')
    const mails = () => db.select().from(emailOutbox).all().filter((m) => m.to === w.gold.email && /Reminder|Pengingat/.test(m.subject)).length
    await sendEventReminders(now)
    await sendEventReminders(now + 60_000)
    expect(mails()).toBe(1)
    expect(db.select().from(emailOutbox).all().some((m) => m.to === w.goldAdmin.email && /Reminder|Pengingat/.test(m.subject))).toBe(false)
  })

  it('puts a linked MDF activity on the calendars of the people involved, inside the caller’s transaction', async () => {
    const w = await world()
    const input = { source: 'mdf_request' as const, sourceId: `mdf-${Date.now()}`, orgId: w.goldOrg.id, title: { en: 'Roadshow Surabaya', id: 'Roadshow Surabaya' }, startsAt: Date.now() + 5 * DAY_MS, endsAt: Date.now() + 5 * DAY_MS + 3600_000, timeZone: 'Asia/Jakarta', userIds: [w.gold.userId, w.manager.userId] }
    const { id } = await mutate(w.manager, (ctx) => upsertLinkedEvent(ctx, input))
    const again = await mutate(w.manager, (ctx) => upsertLinkedEvent(ctx, { ...input, title: { en: 'Roadshow Surabaya (moved)', id: 'Roadshow Surabaya (pindah)' } }))
    expect(again.id).toBe(id)
    expect((await upcomingEventsFor(w.gold, 50)).map((e) => e.title)).toContain('Roadshow Surabaya (moved)')
    expect((await upcomingEventsFor(w.goldAdmin, 50)).map((e) => e.id)).not.toContain(id)
    expect((await getEvent(w.manager, id)).canManage).toBe(false)
    await expect(cancelEvent(w.manager, id)).rejects.toThrow(ValidationFailed)
    // a failing caller rolls the event back with it
    await expect(
      mutate(w.manager, (ctx) => {
        upsertLinkedEvent(ctx, { ...input, sourceId: 'rolled-back' })
        throw new Error('the MDF approval failed after the event was written')
      }),
    ).rejects.toThrow()
    expect(db.select().from(scheduleEvents).all().filter((e) => e.sourceId === 'rolled-back')).toEqual([])
  })
})
