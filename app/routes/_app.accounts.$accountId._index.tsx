import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { Badge, EmptyState, PageHeader } from '../components/ui'
import { AuditTrail } from '../components/audit-trail'
import { can } from '../modules/auth/actor'
import { historyFor } from '../modules/audit/audit.history.server'
import { requireActor } from '../modules/auth/require-actor.server'
import { ActivityForm } from '../modules/crm/crm-forms'
import { ActivitySchema, scoreBand } from '../modules/crm/crm.schema'
import { addActivity, getAccount, getAccount360 } from '../modules/crm/crm.server'
import { formatNpwp } from '../modules/orgs/orgs.schema'
import { registrationsForAccount } from '../modules/deals/deals.server'
import { DealStatusBadge } from '../modules/deals/deal-status'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const account = await getAccount360(actor, params.accountId!)
  return json({ ...account, registrations: await registrationsForAccount(actor, params.accountId!), history: await historyFor(actor, 'account', params.accountId!, 30), canWrite: can(actor, 'write:crm') })
})

export const action = handle(async ({ request, params }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  await getAccount(actor, params.accountId!)
  const submission = parseWithZod(await request.formData(), { schema: ActivitySchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  await addActivity(actor, 'account', params.accountId!, submission.value)
  return redirectWithToast(`/accounts/${params.accountId}`, { key: 'activities.added' })
})

export default function Account360() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t, money, calendarDate, dateTime } = useT()
  const a = d.account
  return (
    <>
      <PageHeader
        title={a.name}
        subtitle={[a.industry, a.city, a.region].filter(Boolean).join(' · ') || undefined}
        actions={d.canWrite ? (
          <>
            <Link to={`/accounts/${a.id}/edit`} className="btn">{t('actions.edit')}</Link>
            <Link to={`/contacts/new?accountId=${a.id}`} className="btn">{t('contacts.new')}</Link>
            <Link to={`/opportunities/new?accountId=${a.id}`} className="btn btn-primary">{t('opportunities.new')}</Link>
          </>
        ) : null}
      />
      <dl className="facts">
        <div><dt>{t('fields.website')}</dt><dd>{a.domain ?? '—'}</dd></div>
        <div><dt>{t('fields.npwp')}</dt><dd>{a.npwp ? formatNpwp(a.npwp) : '—'}</dd></div>
        <div><dt>{t('fields.phone')}</dt><dd>{a.phone ?? '—'}</dd></div>
        <div><dt>{t('fields.address')}</dt><dd>{a.address ?? '—'}</dd></div>
        <div><dt>{t('fields.owner')}</dt><dd>{d.ownerName ?? '—'}</dd></div>
      </dl>
      <div className="grid-2">
        <section className="card">
          <h2>{t('accounts.opportunities')} ({d.totals.opportunities})</h2>
          {d.opportunities.length === 0 ? <EmptyState message={t('accounts.noOpportunities')} action={d.canWrite ? <Link to={`/opportunities/new?accountId=${a.id}`} className="btn btn-primary">{t('opportunities.new')}</Link> : undefined} /> : (
            <ul className="record-list">
              {d.opportunities.map((o) => (
                <li key={o.id}>
                  <Link to={`/opportunities/${o.id}`}>{o.name}</Link> <Badge tone={o.isWon ? 'green' : o.isClosed ? 'red' : 'blue'}>{o.stageName}</Badge>
                  <div className="hint">{money(o.amountMinor, o.currency)} · {calendarDate(o.expectedCloseDate)}{o.partnerName ? ` · ${t('opportunities.viaPartner', { partner: o.partnerName })}` : ''}</div>
                </li>
              ))}
            </ul>
          )}
          {d.totals.opportunities > d.opportunities.length ? <Link to={`/opportunities?account=${a.id}`}>{t('accounts.showAll', { count: d.totals.opportunities })}</Link> : null}
        </section>
        <section className="card">
          <h2>{t('accounts.registrations')} ({d.registrations.length})</h2>
          {d.registrations.length === 0 ? <EmptyState message={t('accounts.noRegistrations')} /> : (
            <ul className="record-list">
              {d.registrations.map((r) => (
                <li key={r.id}>
                  <Link to={`/deals/${r.id}`}>{r.customerName}</Link> <DealStatusBadge status={r.status} />
                  <div className="hint">{r.partnerName} · {money(r.valueMinor, r.currency)}</div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card">
          <h2>{t('accounts.contacts')} ({d.totals.contacts})</h2>
          {d.contacts.length === 0 ? <EmptyState message={t('accounts.noContacts')} action={d.canWrite ? <Link to={`/contacts/new?accountId=${a.id}`} className="btn">{t('contacts.new')}</Link> : undefined} /> : (
            <ul className="record-list">
              {d.contacts.map((c) => (
                <li key={c.id}>
                  <Link to={`/contacts/${c.id}`}>{[c.firstName, c.lastName].filter(Boolean).join(' ')}</Link>
                  <div className="hint">{[c.title, c.email, c.phone].filter(Boolean).join(' · ')}</div>
                </li>
              ))}
            </ul>
          )}
          {d.totals.contacts > d.contacts.length ? <Link to={`/contacts?account=${a.id}`}>{t('accounts.showAll', { count: d.totals.contacts })}</Link> : null}
        </section>
        <section className="card">
          <h2>{t('accounts.leads')} ({d.totals.leads})</h2>
          {d.leads.length === 0 ? <EmptyState message={t('accounts.noLeads')} /> : (
            <ul className="record-list">
              {d.leads.map((l) => (
                <li key={l.id}>
                  <Link to={`/leads/${l.id}`}>{l.contactName}</Link> <Badge tone={scoreBand(l.score) === 'hot' ? 'red' : scoreBand(l.score) === 'warm' ? 'amber' : 'grey'}>{t(`leads.band.${scoreBand(l.score)}`)} {l.score}</Badge>
                  <div className="hint">{t(`leads.status.${l.status}`)}</div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card">
          <h2>{t('activities.title')}</h2>
          {d.canWrite ? <ActivityForm lastResult={lastResult} /> : null}
          {d.activities.length === 0 ? <EmptyState message={t('activities.empty')} /> : (
            <ul className="timeline">
              {d.activities.map((act) => (
                <li key={act.id}>
                  <Badge>{t(`activities.kind.${act.kind}`)}</Badge> <strong>{act.subject}</strong>
                  {act.body ? <p>{act.body}</p> : null}
                  <div className="hint">{act.authorName ?? '—'} · {dateTime(act.createdAt)}</div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section className="card">
        <h2>{t('audit.history')}</h2>
        <AuditTrail entries={d.history} />
      </section>
    </>
  )
}
