import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { z } from 'zod'
import { EmptyState, PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { DayList, MonthView, useClock } from '../modules/schedules/calendar-views'
import { calendarView } from '../modules/schedules/schedules.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const Params = z.object({
  view: z.enum(['month', 'week', 'list']).catch('month'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  mine: z.literal('1').optional().catch(undefined),
})

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const url = new URL(request.url)
  const p = Params.parse({ view: url.searchParams.get('view') ?? undefined, date: url.searchParams.get('date') ?? undefined, mine: url.searchParams.get('mine') ?? undefined })
  return json(await calendarView(actor, { view: p.view, date: p.date, mine: !!p.mine }))
})

export default function Events() {
  const d = useLoaderData<typeof loader>()
  const { t, date } = useT()
  const clock = useClock()
  const link = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams({ view: d.view, date: d.date, ...(d.mine ? { mine: '1' } : {}) })
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) params.delete(k)
      else params.set(k, v)
    }
    return `/events?${params}`
  }
  const heading = d.view === 'month' ? clock.month(d.date) : d.view === 'week' ? t('schedules.weekOf', { date: date(Date.parse(`${d.first}T12:00:00Z`)) }) : t('schedules.listFrom', { date: date(Date.parse(`${d.date}T12:00:00Z`)) })
  const empty = d.days.every((day) => day.events.length === 0)
  return (
    <>
      <PageHeader
        title={t('schedules.title')}
        subtitle={t('schedules.subtitle')}
        actions={
          <>
            <Link to="/events/feed" className="btn">{t('schedules.feed.title')}</Link>
            {d.canCreate ? <Link to="/events/new" className="btn btn-primary">{t('schedules.new')}</Link> : null}
          </>
        }
      />
      <nav className="cal-toolbar" aria-label={t('schedules.views')}>
        <span className="cal-views">
          {(['month', 'week', 'list'] as const).map((v) => (
            <Link key={v} to={link({ view: v })} className={`chip${d.view === v ? ' chip-on' : ''}`} aria-current={d.view === v ? 'page' : undefined}>
              {t(`schedules.view.${v}`)}
            </Link>
          ))}
        </span>
        <span className="cal-nav">
          <Link to={link({ date: d.prev })} className="btn">‹ {t('schedules.previous')}</Link>
          <Link to={link({ date: d.today })} className="btn">{t('schedules.today')}</Link>
          <Link to={link({ date: d.next })} className="btn">{t('schedules.next')} ›</Link>
        </span>
        <Link to={link({ mine: d.mine ? null : '1' })} className={`chip${d.mine ? ' chip-on' : ''}`} aria-current={d.mine ? 'true' : undefined}>
          {t('schedules.mineOnly')}
        </Link>
      </nav>
      <h2 className="cal-heading">{heading}</h2>
      <p className="hint">{t('schedules.shownIn', { zone: d.timeZone })}</p>
      {d.view === 'month' ? <MonthView days={d.days} /> : null}
      {d.view === 'month' && !empty ? null : d.view === 'month' ? <p className="hint">{t('schedules.noEvents')}</p> : null}
      {d.view === 'week' ? <DayList days={d.days} showEmpty /> : null}
      {d.view === 'list' ? empty ? <EmptyState message={t('schedules.noEvents')} /> : <DayList days={d.days} showEmpty={false} /> : null}
    </>
  )
}
