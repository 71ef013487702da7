import { Link } from '../../components/navigation'
import { Badge } from '../../components/ui'
import { dateTimeFormat, intlLocale } from '../../utils/intl'
import { useT } from '../../utils/use-t'
import type { EventSummary } from './schedules.server'

type Day = { date: string; inMonth: boolean; isToday: boolean; events: EventSummary[] }

/** Short local time of an instant in the reader's zone ("09.00" / "9:00 AM"). */
export function useClock() {
  const { locale, timeZone } = useT()
  const time = dateTimeFormat(intlLocale(locale), { timeStyle: 'short', timeZone })
  const dayName = dateTimeFormat(intlLocale(locale), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' })
  const weekday = dateTimeFormat(intlLocale(locale), { weekday: 'short', timeZone: 'UTC' })
  const month = dateTimeFormat(intlLocale(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' })
  const iso = (d: string) => new Date(`${d}T00:00:00Z`)
  return { time: (ms: number) => time.format(ms), dayName: (d: string) => dayName.format(iso(d)), weekday: (d: string) => weekday.format(iso(d)), month: (d: string) => month.format(iso(d)) }
}

function EventLine({ e, compact }: { e: EventSummary; compact?: boolean }) {
  const { t } = useT()
  const clock = useClock()
  return (
    <Link to={`/events/${e.id}`} className={`cal-event cal-${e.kind}${e.status === 'cancelled' ? ' cal-cancelled' : ''}`}>
      <span className="cal-time">{clock.time(e.startsAt)}</span> <span className="cal-title">{e.title}</span>
      {!compact && e.myAnswer ? <> <Badge tone={e.myAnswer === 'yes' ? 'green' : e.myAnswer === 'maybe' ? 'amber' : 'grey'}>{t(`schedules.answered.${e.myAnswer}`)}</Badge></> : null}
      {e.status === 'cancelled' ? <> <Badge tone="red">{t('schedules.status.cancelled')}</Badge></> : null}
    </Link>
  )
}

export function MonthView({ days }: { days: Day[] }) {
  const { t } = useT()
  const clock = useClock()
  const weeks = Array.from({ length: days.length / 7 }, (_, i) => days.slice(i * 7, i * 7 + 7))
  return (
    // on a phone the month scrolls inside its own box, never the page
    <div className="month-scroll" tabIndex={0} role="region" aria-label={t('schedules.view.month')}>
    <table className="month-grid">
      <thead>
        <tr>
          {days.slice(0, 7).map((d) => (
            <th key={d.date} scope="col">
              {clock.weekday(d.date)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((w) => (
          <tr key={w[0].date}>
            {w.map((d) => (
              <td key={d.date} className={`${d.inMonth ? '' : 'cal-outside'}${d.isToday ? ' cal-today' : ''}`}>
                <span className="cal-daynum" aria-label={clock.dayName(d.date)}>
                  {Number(d.date.slice(8, 10))}
                </span>
                <ul>
                  {d.events.slice(0, 3).map((e) => (
                    <li key={e.id}>
                      <EventLine e={e} compact />
                    </li>
                  ))}
                </ul>
                {d.events.length > 3 ? <Link to={`?view=week&date=${d.date}`} className="hint">{t('schedules.more', { count: d.events.length - 3 })}</Link> : null}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  )
}

/** A week or a list: one section per day, each event on its own line. */
export function DayList({ days, showEmpty }: { days: Day[]; showEmpty: boolean }) {
  const { t } = useT()
  const clock = useClock()
  return (
    <ol className="day-list">
      {days.map((d) =>
        showEmpty || d.events.length ? (
          <li key={d.date} className={d.isToday ? 'cal-today' : undefined}>
            <h2>{clock.dayName(d.date)}</h2>
            {d.events.length ? (
              <ul>
                {d.events.map((e) => (
                  <li key={e.id}>
                    <EventLine e={e} />
                    <span className="hint">
                      {' '}
                      · {t(`schedules.kind.${e.kind}`)}
                      {e.location ? ` · ${e.location}` : e.online ? ` · ${t('schedules.joinOnline')}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="hint">{t('schedules.noEventsDay')}</p>
            )}
          </li>
        ) : null,
      )}
    </ol>
  )
}

/** "My upcoming events" for every home page. */
export function UpcomingEvents({ events }: { events: EventSummary[] }) {
  const { t, dateTime } = useT()
  return (
    <section className="card">
      <h2>{t('schedules.home.title')}</h2>
      {events.length ? (
        <ul className="upcoming-events">
          {events.map((e) => (
            <li key={e.id}>
              <Link to={`/events/${e.id}`}>{e.title}</Link> <span className="hint">· {dateTime(e.startsAt)} · {t(`schedules.kind.${e.kind}`)}</span>
              {e.myAnswer ? <> <Badge tone={e.myAnswer === 'yes' ? 'green' : 'amber'}>{t(`schedules.answered.${e.myAnswer}`)}</Badge></> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('schedules.home.none')}</p>
      )}
      <p>
        <Link to="/events">{t('schedules.home.all')}</Link>
      </p>
    </section>
  )
}
