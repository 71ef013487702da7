import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import { offsetMinutes, zonedParts } from './zoned-time'

export type IcsEvent = {
  id: string
  title: string
  description: string
  startsAt: number
  endsAt: number
  timeZone: string
  location: string | null
  onlineUrl: string | null
  url: string
  sequence: number
  cancelled: boolean
  updatedAt: number
}

const two = (n: number) => String(Math.abs(n)).padStart(2, '0')
const offsetText = (minutes: number) => `${minutes < 0 ? '-' : '+'}${two(Math.trunc(minutes / 60))}${two(minutes % 60)}`

/**
 * A VTIMEZONE for a zone without daylight saving time (every zone an event may use: see
 * EVENT_TIME_ZONES): one STANDARD rule with its fixed offset. A zone whose offset differs
 * between January and July gets none, and the file then relies on the reader knowing its TZID.
 */
export function vtimezone(timeZone: string): string | null {
  const year = new Date().getUTCFullYear()
  const jan = offsetMinutes(Date.UTC(year, 0, 15), timeZone)
  const jul = offsetMinutes(Date.UTC(year, 6, 15), timeZone)
  if (jan !== jul) return null
  const abbreviation = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(Date.UTC(year, 0, 15)).find((p) => p.type === 'timeZoneName')?.value ?? timeZone
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    `X-LIC-LOCATION:${timeZone}`,
    'BEGIN:STANDARD',
    `TZOFFSETFROM:${offsetText(jan)}`,
    `TZOFFSETTO:${offsetText(jan)}`,
    `TZNAME:${abbreviation.replace(/[^A-Za-z0-9+-]/g, '')}`,
    'DTSTART:19700101T000000',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n')
}

/** Wall-clock time of an instant in the event's zone, as ical-generator writes it with a TZID. */
function floating(ms: number, timeZone: string) {
  const p = zonedParts(ms, timeZone)
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}`
}

/**
 * An iCalendar file (RFC 5545) of events, each in its own time zone with the zone's VTIMEZONE,
 * so a calendar app in any zone shows the right moment. `name` is the calendar's title.
 */
export function icsCalendar(name: string, events: IcsEvent[], opts: { method?: 'publish' } = {}): string {
  const calendar = ical({ name, prodId: { company: 'Mitra', product: 'Mitra schedules', language: 'EN' }, timezone: { name: null, generator: vtimezone } })
  if (opts.method === 'publish') calendar.method(ICalCalendarMethod.PUBLISH)
  for (const e of events) {
    const utc = e.timeZone === 'UTC'
    calendar.createEvent({
      id: `${e.id}@mitra`,
      sequence: e.sequence,
      // a zone's local time with its TZID; UTC as UTC
      start: utc ? new Date(e.startsAt) : floating(e.startsAt, e.timeZone),
      end: utc ? new Date(e.endsAt) : floating(e.endsAt, e.timeZone),
      timezone: utc ? null : e.timeZone,
      stamp: new Date(e.updatedAt),
      summary: e.title,
      description: [e.description, e.onlineUrl ?? ''].filter(Boolean).join('\n\n'),
      location: e.location ?? e.onlineUrl ?? undefined,
      url: e.url,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    })
  }
  return calendar.toString()
}
