import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { z } from 'zod'
import { AuditTrail } from '../components/audit-trail'
import { Badge, ConfirmButton, PageHeader } from '../components/ui'
import { verb, intentAction } from '../kit/form-action.server'
import { historyFor } from '../modules/audit/audit.history.server'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { RsvpSchema } from '../modules/schedules/schedules.schema'
import { cancelEvent, getEvent, respondToEvent } from '../modules/schedules/schedules.server'
import { formatDateTime } from '../utils/dates'
import { translate } from '../utils/i18n'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const data = await getEvent(actor, params.eventId!)
  const history = can(actor, 'manage:event') ? await historyFor(actor, 'schedule_event', params.eventId!, 30) : []
  // the event's own zone, formatted on the server in the reader's language
  const inZone = data.event.timeZone !== actor.timeZone ? `${formatDateTime(data.event.startsAt, actor.locale, data.event.timeZone)} – ${formatDateTime(data.event.endsAt, actor.locale, data.event.timeZone)}` : null
  return json({ ...data, history, inZone })
})

export const action = intentAction({
  rsvp: verb({
    guard: (actor, { params }) => getEvent(actor, params.eventId!),
    schema: RsvpSchema,
    run: async (actor, input, { params }) => ({ answer: translate(actor.locale, `schedules.answered.${(await respondToEvent(actor, params.eventId!, input.answer)).answer}`) }),
    done: (r, { params }) => ({ to: `/events/${params.eventId}`, toast: { key: 'schedules.answerSaved', params: { answer: r.answer } } }),
  }),
  cancel: verb({
    guard: (actor, { params }) => getEvent(actor, params.eventId!),
    schema: z.object({}),
    run: (actor, _input, { params }) => cancelEvent(actor, params.eventId!),
    done: (_r, { params }) => ({ to: `/events/${params.eventId}`, toast: { key: 'schedules.cancelled' } }),
  }),
})

export default function EventPage() {
  const d = useLoaderData<typeof loader>()
  const { t, dateTime, number, tl } = useT()
  const e = d.event
  return (
    <>
      <PageHeader
        title={e.title}
        subtitle={
          <>
            {t(`schedules.kind.${e.kind}`)} {e.status === 'cancelled' ? <Badge tone="red">{t('schedules.status.cancelled')}</Badge> : null}
          </>
        }
        actions={
          <>
            <a className="btn" href={`/events/${e.id}/calendar.ics`} download>
              {t('schedules.downloadIcs')}
            </a>
            {d.canManage ? <Link to={`/events/${e.id}/edit`} className="btn">{t('actions.edit')}</Link> : null}
          </>
        }
      />
      <section className="card">
        <dl className="facts">
          <dt>{t('schedules.when')}</dt>
          <dd>
            {dateTime(e.startsAt)} – {dateTime(e.endsAt)}
            {d.inZone ? <p className="hint">{t('schedules.whenInZone', { zone: e.timeZone, time: d.inZone })}</p> : null}
          </dd>
          <dt>{t('schedules.where')}</dt>
          <dd>
            {e.location ? <span>{e.location}</span> : null}
            {e.onlineUrl ? (
              <>
                {e.location ? ' · ' : ''}
                <a href={e.onlineUrl} target="_blank" rel="noopener noreferrer">
                  {t('schedules.joinOnline')}
                </a>
              </>
            ) : null}
            {!e.location && !e.onlineUrl ? '—' : null}
          </dd>
          <dt>{t('schedules.organiser')}</dt>
          <dd>{e.owner}</dd>
          {e.capacity !== null ? (
            <>
              <dt>{t('schedules.capacity')}</dt>
              <dd>{t('schedules.seatsLeft', { left: number(Math.max(0, e.capacity - d.counts.yes)), capacity: number(e.capacity) })}</dd>
            </>
          ) : null}
          <dt>{t('schedules.attendees')}</dt>
          <dd>{t('schedules.counts', { yes: number(d.counts.yes), maybe: number(d.counts.maybe), no: number(d.counts.no) })}</dd>
        </dl>
        {e.description ? <p className="prewrap">{e.description}</p> : null}
        {e.linked ? <p className="hint">{t('schedules.linked')}</p> : null}
      </section>

      {d.canRespond ? (
        <section className="card">
          <h2>{t('schedules.respond')}</h2>
          {d.myAnswer ? <p>{t('schedules.yourAnswer', { answer: t(`schedules.answered.${d.myAnswer}`) })}</p> : null}
          {d.full ? <p className="notice notice-warning">{t('schedules.full')}</p> : null}
          <Form method="post" className="rsvp-buttons">
            <input type="hidden" name="intent" value="rsvp" />
            {(['yes', 'maybe', 'no'] as const).map((a) => (
              <button key={a} type="submit" name="answer" value={a} className={`btn${d.myAnswer === a ? ' btn-primary' : ''}`} aria-pressed={d.myAnswer === a} disabled={a === 'yes' && d.full}>
                {t(`schedules.answer.${a}`)}
              </button>
            ))}
          </Form>
        </section>
      ) : d.myAnswer ? (
        <p>{t('schedules.yourAnswer', { answer: t(`schedules.answered.${d.myAnswer}`) })}</p>
      ) : null}

      {d.invitations.length || d.attendees.length ? (
        <div className="grid-2">
          <section className="card">
            <h2>{t('schedules.invited')}</h2>
            <ul>
              {d.invitations.map((i, n) => (
                <li key={n}>{i.kind === 'tier' ? t('schedules.invitedTier', { tier: tl(`tiers.${i.label}`) }) : i.label}</li>
              ))}
            </ul>
          </section>
          <section className="card">
            <h2>{t('schedules.attendees')}</h2>
            {d.attendees.length ? (
              <ul>
                {d.attendees.map((a, n) => (
                  <li key={n}>
                    {a.name} <span className="hint">({a.org})</span> — {t(`schedules.answered.${a.answer}`)}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="hint">{t('schedules.noAttendees')}</p>
            )}
          </section>
        </div>
      ) : null}

      {d.canCancel ? (
        <Form method="post">
          <ConfirmButton intent="cancel" message="schedules.cancelConfirm">
            {t('schedules.cancel')}
          </ConfirmButton>
        </Form>
      ) : null}

      {d.history.length ? (
        <section className="card">
          <h2>{t('schedules.history')}</h2>
          <AuditTrail entries={d.history} />
        </section>
      ) : null}
    </>
  )
}

