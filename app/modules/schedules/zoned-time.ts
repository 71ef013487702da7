// Wall-clock time in an IANA zone, without a date library: Intl knows every zone's offsets.

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number }

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string) {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short' })
    formatters.set(timeZone, f)
  }
  return f
}
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

/** The wall-clock parts of an instant in a zone; weekday 0 = Monday. */
export function zonedParts(ms: number, timeZone: string): Parts {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(ms).map((x) => [x.type, x.value]))
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute, second: +p.second, weekday: WEEKDAYS.indexOf(p.weekday) }
}

/** Minutes the zone is ahead of UTC at this instant (Asia/Jakarta: 420). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone)
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000) / 60_000)
}

/** The instant of a wall-clock time ("2026-12-05T09:00") in a zone. */
export function zonedToUtc(local: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!m) throw new Error(`not a local date-time: ${local}`)
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5])
  // two rounds settle on the right offset even next to a daylight-saving change
  let ms = asUtc - offsetMinutes(asUtc, timeZone) * 60_000
  ms = asUtc - offsetMinutes(ms, timeZone) * 60_000
  return ms
}

/** "2026-12-05T09:00" for an instant in a zone: the value of a datetime-local field. */
export function utcToLocalInput(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`
}

/** "2026-12-05" of an instant in a zone. */
export function localDate(ms: number, timeZone: string): string {
  return utcToLocalInput(ms, timeZone).slice(0, 10)
}

/** Midnight starting a calendar day ("2026-12-05") in a zone. */
export function startOfLocalDay(isoDate: string, timeZone: string): number {
  return zonedToUtc(`${isoDate}T00:00`, timeZone)
}

/** The calendar date `days` after an ISO date. */
export function addDaysIso(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Monday = 0 … Sunday = 6 for an ISO date. */
export function weekdayOf(isoDate: string): number {
  return (new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7
}
