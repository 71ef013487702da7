import { Link } from '../../components/navigation'
import type { ReactNode } from 'react'
import { DataTable } from '../../components/list-page'
import { useT } from '../../utils/use-t'
import { PlanStatusBadge } from '../plans/plan-status'
import type { PlanStatus } from '../plans/plans.machine'

// The partner 360° page is one section component per part of the partner's story. A module that
// adds a part (MDF balances, certifications, upcoming events) adds one key to partner360() and one
// section here, rendered with one line in the route.

export function Section360({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={`p360-${id}`}>
      <h2 id={`p360-${id}`}>{title}</h2>
      {children}
    </section>
  )
}

export function PeopleSection({ people }: { people: { id: string; name: string; email: string; role: string; status: string }[] }) {
  const { t, tl } = useT()
  return (
    <Section360 id="people" title={t('reports.partner.people')}>
      {people.length === 0 ? <p className="hint">{t('reports.partner.none')}</p> : (
        <DataTable caption={t('reports.partner.people')} rows={people} columns={[
          { label: t('fields.name'), cell: (p) => p.name },
          { label: t('fields.email'), cell: (p) => p.email },
          { label: t('fields.role'), cell: (p) => tl(`roles.${p.role}`) },
        ]} />
      )}
    </Section360>
  )
}

export function RegistrationsSection({ orgId, registrations }: { orgId: string; registrations: { total: number; rows: { id: string; customerName: string; status: string; valueMinor: number; currency: string; submittedAt: number | null }[] } }) {
  const { t, tl, money, date, number } = useT()
  return (
    <Section360 id="registrations" title={t('reports.partner.registrations')}>
      {registrations.rows.length === 0 ? <p className="hint">{t('reports.partner.none')}</p> : (
        <>
          <DataTable caption={t('reports.partner.registrations')} rows={registrations.rows} columns={[
            { label: t('deals.fields.customerName'), cell: (r) => <Link to={`/deals/${r.id}`}>{r.customerName}</Link> },
            { label: t('fields.status'), cell: (r) => tl(`deals.status.${r.status}`) },
            { label: t('deals.fields.value'), numeric: true, cell: (r) => money(r.valueMinor, r.currency) },
            { label: t('deals.fields.submittedAt'), cell: (r) => date(r.submittedAt) },
          ]} />
          <p><Link to={`/deals?partner=${orgId}`}>{t('reports.partner.allRegistrations', { count: number(registrations.total) })}</Link></p>
        </>
      )}
    </Section360>
  )
}

export function OpportunitiesSection({ opportunities }: { opportunities: { id: string; name: string; accountName: string; stageName: string; amountMinor: number; currency: string; isClosed: boolean; isWon: boolean }[] }) {
  const { t, money } = useT()
  return (
    <Section360 id="opportunities" title={t('reports.partner.opportunities')}>
      {opportunities.length === 0 ? <p className="hint">{t('reports.partner.none')}</p> : (
        <DataTable caption={t('reports.partner.opportunities')} rows={opportunities} columns={[
          { label: t('fields.name'), cell: (o) => <Link to={`/opportunities/${o.id}`}>{o.name}</Link> },
          { label: t('reports.stage'), cell: (o) => `${o.stageName} · ${t(`reports.partner.outcome.${o.isWon ? 'won' : o.isClosed ? 'lost' : 'open'}`)}` },
          { label: t('reports.amount'), numeric: true, cell: (o) => money(o.amountMinor, o.currency) },
        ]} />
      )}
    </Section360>
  )
}

export function PlansSection({ plans }: { plans: { id: string; title: string; year: number; status: PlanStatus; version: number }[] }) {
  const { t } = useT()
  return (
    <Section360 id="plans" title={t('reports.partner.plans')}>
      {plans.length === 0 ? <p className="hint">{t('reports.partner.none')}</p> : (
        <ul className="record-list">
          {plans.map((p) => (
            <li key={p.id}>
              <Link to={`/plans/${p.id}`}>{p.title}</Link> · {p.year} · <PlanStatusBadge status={p.status} /> · {t('plans.version', { version: p.version })}
            </li>
          ))}
        </ul>
      )}
    </Section360>
  )
}

type Event = { at: number; kind: 'registration' | 'opportunity' | 'plan'; status: string; title: string; href: string }

export function TimelineSection({ events }: { events: Event[] }) {
  const { t, tl, dateTime } = useT()
  const text = (e: Event) =>
    e.kind === 'registration'
      ? t('reports.partner.event.registration', { title: e.title, status: tl(`deals.status.${e.status}`) })
      : e.kind === 'plan'
        ? t('reports.partner.event.plan', { title: e.title, status: tl(`plans.status.${e.status}`) })
        : tl(`reports.partner.event.opportunity.${e.status}`, { title: e.title })
  return (
    <Section360 id="timeline" title={t('reports.partner.timeline')}>
      {events.length === 0 ? <p className="hint">{t('reports.partner.none')}</p> : (
        <ol className="timeline">
          {events.map((e, i) => (
            <li key={i}>
              <Link to={e.href}>{text(e)}</Link> <time className="hint" dateTime={new Date(e.at).toISOString()}>{dateTime(e.at)}</time>
            </li>
          ))}
        </ol>
      )}
    </Section360>
  )
}

export function CertificationsSection({ certifications }: { certifications: { total: number; rows: { id: string; holderName: string; certification: string; status: 'valid' | 'expired' | 'revoked'; issuedAt: number; expiresAt: number }[] } | null }) {
  const { t, date, number } = useT()
  if (!certifications) return null
  return (
    <Section360 id="certifications" title={t('reports.partner.certifications', { count: number(certifications.total) })}>
      {certifications.rows.length === 0 ? <p className="hint">{t('reports.partner.none')}</p> : (
        <DataTable caption={t('reports.partner.certifications', { count: number(certifications.total) })} rows={certifications.rows} columns={[
          { label: t('fields.name'), cell: (c) => c.holderName },
          { label: t('reports.partner.certification'), cell: (c) => c.certification },
          { label: t('fields.status'), cell: (c) => t(`training.status.${c.status}`) },
          { label: t('reports.partner.expires'), cell: (c) => date(c.expiresAt) },
        ]} />
      )}
    </Section360>
  )
}

export function EventsSection({ events }: { events: { id: string; title: string; startsAt: number; kind: string }[] }) {
  const { t, tl, dateTime } = useT()
  return (
    <Section360 id="events" title={t('reports.partner.events')}>
      {events.length === 0 ? <p className="hint">{t('reports.partner.none')}</p> : (
        <ul className="action-list">
          {events.map((e) => (
            <li key={e.id}>
              <Link to={`/events/${e.id}`}>{e.title}</Link> <span className="hint">· {dateTime(e.startsAt)} · {tl(`schedules.kind.${e.kind}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </Section360>
  )
}
