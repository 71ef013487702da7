import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { z } from 'zod'
import { BarChart } from '../components/bar-chart'
import { DataTable, Pagination } from '../components/list-page'
import { EmptyState, PageHeader } from '../components/ui'
import { listParams } from '../kit/paginate'
import { requireCapability } from '../modules/auth/require-actor.server'
import { certificationsByPartner, examPassRates, expiringCertificates } from '../modules/training/training.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const VIEWS = ['partners', 'expiring', 'rates'] as const
const View = z.enum(VIEWS).catch('partners')

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'grant:certificate')
  const url = new URL(request.url)
  const view = View.parse(url.searchParams.get('view') ?? undefined)
  const { page } = listParams(url, ['name'], 'name')
  return json({
    view,
    partners: view === 'partners' ? await certificationsByPartner(actor, { page }) : null,
    expiring: view === 'expiring' ? await expiringCertificates(actor, { page }) : null,
    rates: view === 'rates' ? await examPassRates(actor) : null,
  })
})

export default function ManageCertifications() {
  const d = useLoaderData<typeof loader>()
  const { t, date, number } = useT()
  const tabs = { partners: t('training.manage.byPartner'), expiring: t('training.manage.expiring'), rates: t('training.manage.passRates') }
  return (
    <>
      <PageHeader title={t('training.manage.title')} actions={<Link to="/training/manage/grant" className="btn btn-primary">{t('training.manage.grant')}</Link>} />
      <nav className="tabs" aria-label={t('training.manage.title')}>
        {VIEWS.map((v) => (
          <Link key={v} to={`?view=${v}`} aria-current={d.view === v ? 'page' : undefined}>
            {tabs[v]}
          </Link>
        ))}
      </nav>
      <section className="card">
        <h2>{tabs[d.view]}</h2>
        {d.partners ? (
          d.partners.total === 0 ? (
            <EmptyState message={t('training.manage.noPartners')} />
          ) : (
            <>
              <DataTable
                caption={tabs.partners}
                rows={d.partners.rows}
                columns={[
                  { label: t('training.fields.partner'), cell: (r) => <Link to={`/organisations/${r.id}`}>{r.name}</Link> },
                  { label: t('training.fields.tier'), cell: (r) => (r.tier ? t(`tiers.${r.tier as 'gold'}`) : '—') },
                  { label: t('training.fields.people'), numeric: true, cell: (r) => number(r.people) },
                  { label: t('training.fields.certificates'), numeric: true, cell: (r) => number(r.certificates) },
                  { label: t('training.fields.expiring'), numeric: true, cell: (r) => number(r.expiring) },
                ]}
              />
              <Pagination {...d.partners} />
            </>
          )
        ) : null}
        {d.expiring ? (
          d.expiring.total === 0 ? (
            <EmptyState message={t('training.manage.noExpiring')} />
          ) : (
            <>
              <DataTable
                caption={tabs.expiring}
                rows={d.expiring.rows}
                columns={[
                  { label: t('training.fields.holder'), cell: (r) => <Link to={`/training/certificates/${r.id}`}>{r.holderName}</Link> },
                  { label: t('training.fields.partner'), cell: (r) => r.orgName },
                  { label: t('training.fields.certification'), cell: (r) => r.certification },
                  { label: t('training.fields.expiresAt'), cell: (r) => date(r.expiresAt) },
                ]}
              />
              <Pagination {...d.expiring} />
            </>
          )
        ) : null}
        {d.rates ? (
          <>
            <BarChart title={t('training.manage.passRatesChart')} rows={d.rates.map((r) => ({ label: r.title, value: r.ratePct ?? 0, display: r.ratePct === null ? t('training.manage.noAttempts') : `${r.ratePct}% · ${number(r.passed)}/${number(r.attempts)}` }))} />
            <DataTable
              caption={tabs.rates}
              rows={d.rates}
              columns={[
                { label: t('training.fields.certification'), cell: (r) => <Link to={`/training/exams/${r.id}`}>{r.title}</Link> },
                { label: t('training.fields.attempts'), numeric: true, cell: (r) => number(r.attempts) },
                { label: t('training.fields.passed'), numeric: true, cell: (r) => number(r.passed) },
                { label: t('training.fields.passRate'), numeric: true, cell: (r) => (r.ratePct === null ? '—' : `${r.ratePct}%`) },
              ]}
            />
          </>
        ) : null}
      </section>
    </>
  )
}
