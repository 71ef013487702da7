import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData, useLocation } from '@remix-run/react'
import { Form } from '../components/navigation'
import type { ReactNode } from 'react'
import { BarChart } from '../components/bar-chart'
import { GroupedBarChart } from '../components/grouped-bar-chart'
import { PageHeader } from '../components/ui'
import { requireCapability } from '../modules/auth/require-actor.server'
import { organisationRegions } from '../modules/orgs/orgs.server'
import { reportFilters } from '../modules/reports/reports.schema'
import { lastTwelveMonths, pipelineReport } from '../modules/reports/reports.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'read:reports')
  const filters = reportFilters(new URL(request.url), lastTwelveMonths())
  const report = await pipelineReport(actor, filters)
  return json({ ...report, byPartner: report.byPartner.slice(0, 15), partnerCount: report.byPartner.length, filters, regions: await organisationRegions(actor, 'partner') })
})

/** A chart and its numbers side by side: the table is the accessible, printable source of the picture. */
function ChartPair({ id, title, chart, table, csv }: { id: string; title: string; chart: ReactNode; table: ReactNode; csv: string }) {
  const { t } = useT()
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="chart-pair">
        <div>{chart}</div>
        {/* a table wider than its column scrolls inside its box: reachable by keyboard */}
        <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
          {table}
        </div>
      </div>
      <p>
        <a href={csv} download>{t('reports.exportPipeline')}</a>
      </p>
    </section>
  )
}

export default function Reports() {
  const d = useLoaderData<typeof loader>()
  const { t, money, moneyCompact, number } = useT()
  const { search } = useLocation()
  const csv = (table: string) => `/reports/pipeline.csv?${new URLSearchParams([...new URLSearchParams(search)].filter(([k]) => k !== 'table').concat([['table', table]]))}`
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`)
  const days = (x: number | null) => (x === null ? '—' : t('reports.partner.days', { days: number(Math.round(x)) }))
  const series: [string, string] = [t('reports.partnerSourced'), t('reports.direct')]
  return (
    <>
      <PageHeader title={t('reports.title')} actions={<a className="btn" href="/reports/opportunities.csv" download>{t('reports.exportOpportunities')}</a>} />
      <Form method="get" className="filters" aria-label={t('reports.filters')}>
        <label htmlFor="pipeline">{t('reports.pipeline')}</label>
        <select id="pipeline" name="pipeline" defaultValue={d.pipeline?.id ?? ''}>
          {d.pipelines.map((p) => (
            <option key={p.id} value={p.id}>{p.name}</option>
          ))}
        </select>
        <label htmlFor="region">{t('reports.region')}</label>
        <select id="region" name="region" defaultValue={d.filters.region ?? ''}>
          <option value="">{t('reports.partners.allRegions')}</option>
          {d.regions.map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </select>
        <label htmlFor="from">{t('reports.from')}</label>
        <input id="from" name="from" type="month" defaultValue={d.filters.from} />
        <label htmlFor="to">{t('reports.to')}</label>
        <input id="to" name="to" type="month" defaultValue={d.filters.to} />
        <button type="submit" className="btn">{t('reports.apply')}</button>
      </Form>
      {d.filters.region ? <p className="hint">{t('reports.regionNote')}</p> : null}

      <ChartPair
        id="funnel"
        title={`${t('reports.funnel')}${d.pipeline ? ` — ${d.pipeline.name}` : ''}`}
        csv={csv('funnel')}
        chart={<GroupedBarChart title={t('reports.funnel')} series={series} rows={d.funnel.map((s) => ({ label: s.name, values: [s.partnerAmount, s.directAmount], display: [moneyCompact(s.partnerAmount, 'IDR'), moneyCompact(s.directAmount, 'IDR')] }))} />}
        table={
          <table>
            <caption className="sr-only">{t('reports.funnel')}</caption>
            <thead>
              <tr><th scope="col">{t('reports.stage')}</th><th scope="col" className="num">{t('reports.partnerSourced')}</th><th scope="col" className="num">{t('reports.direct')}</th></tr>
            </thead>
            <tbody>
              {d.funnel.map((s) => (
                <tr key={s.stageId}>
                  <th scope="row">{s.name}</th>
                  <td className="num">{money(s.partnerAmount, 'IDR')} · {number(s.partnerN)}</td>
                  <td className="num">{money(s.directAmount, 'IDR')} · {number(s.directN)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />

      <section className="card" aria-labelledby="outcomes">
        <h2 id="outcomes">{t('reports.outcomes')}</h2>
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('reports.outcomes')}>
          <table>
            <caption className="sr-only">{t('reports.outcomes')}</caption>
            <thead>
              <tr><th scope="col">{t('reports.source')}</th><th scope="col" className="num">{t('reports.wonCount')}</th><th scope="col" className="num">{t('reports.lostCount')}</th><th scope="col" className="num">{t('reports.partners.winRate')}</th><th scope="col" className="num">{t('reports.partner.avgCycle')}</th><th scope="col" className="num">{t('reports.partners.won')}</th></tr>
            </thead>
            <tbody>
              {(['partner', 'direct'] as const).map((k) => {
                const o = d.outcomes[k]
                return (
                  <tr key={k}>
                    <th scope="row">{k === 'partner' ? t('reports.partnerSourced') : t('reports.direct')}</th>
                    <td className="num">{number(o.wonN)}</td>
                    <td className="num">{number(o.lostN)}</td>
                    <td className="num">{pct(o.winRate)}</td>
                    <td className="num">{days(o.avgCycleDays)}</td>
                    <td className="num">{money(o.wonAmount, 'IDR')}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      </section>

      <ChartPair
        id="by-partner"
        title={`${t('reports.byPartner')} — ${t('reports.topPartners', { count: number(d.byPartner.length) })}`}
        csv={csv('partners')}
        chart={<GroupedBarChart title={t('reports.byPartner')} series={[t('reports.partners.openPipeline'), t('reports.partners.won')]} rows={d.byPartner.map((p) => ({ label: p.name, values: [p.openAmount, p.wonAmount], display: [moneyCompact(p.openAmount, 'IDR'), moneyCompact(p.wonAmount, 'IDR')] }))} />}
        table={
          <table>
            <caption className="sr-only">{t('reports.byPartner')}</caption>
            <thead>
              <tr><th scope="col">{t('deals.fields.partner')}</th><th scope="col" className="num">{t('reports.partners.openPipeline')}</th><th scope="col" className="num">{t('reports.partners.won')}</th><th scope="col" className="num">{t('reports.partners.winRate')}</th></tr>
            </thead>
            <tbody>
              {d.byPartner.map((p) => (
                <tr key={p.id}>
                  <th scope="row"><a href={`/partners/${p.id}`}>{p.name}</a></th>
                  <td className="num">{money(p.openAmount, 'IDR')}</td>
                  <td className="num">{money(p.wonAmount, 'IDR')}</td>
                  <td className="num">{pct(p.winRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />

      <ChartPair
        id="by-region"
        title={t('reports.byRegion')}
        csv={csv('regions')}
        chart={<BarChart title={t('reports.byRegion')} rows={d.byRegion.map((r) => ({ label: r.region || t('reports.noRegion'), value: r.openAmount + r.wonAmount, display: moneyCompact(r.openAmount + r.wonAmount, 'IDR') }))} />}
        table={
          <table>
            <caption className="sr-only">{t('reports.byRegion')}</caption>
            <thead>
              <tr><th scope="col">{t('reports.partners.region')}</th><th scope="col" className="num">{t('reports.partnersCount')}</th><th scope="col" className="num">{t('reports.partners.openPipeline')}</th><th scope="col" className="num">{t('reports.partners.won')}</th></tr>
            </thead>
            <tbody>
              {d.byRegion.map((r) => (
                <tr key={r.region}>
                  <th scope="row">{r.region || t('reports.noRegion')}</th>
                  <td className="num">{number(r.partners)}</td>
                  <td className="num">{money(r.openAmount, 'IDR')}</td>
                  <td className="num">{money(r.wonAmount, 'IDR')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />

      <ChartPair
        id="by-month"
        title={t('reports.byMonth')}
        csv={csv('months')}
        chart={<GroupedBarChart title={t('reports.byMonth')} series={series} rows={d.byMonth.map((m) => ({ label: m.month, values: [m.partnerAmount, m.directAmount], display: [moneyCompact(m.partnerAmount, 'IDR'), moneyCompact(m.directAmount, 'IDR')] }))} />}
        table={
          <table>
            <caption className="sr-only">{t('reports.byMonth')}</caption>
            <thead>
              <tr><th scope="col">{t('reports.month')}</th><th scope="col" className="num">{t('reports.partnerSourced')}</th><th scope="col" className="num">{t('reports.direct')}</th></tr>
            </thead>
            <tbody>
              {d.byMonth.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{m.month}</th>
                  <td className="num">{money(m.partnerAmount, 'IDR')} · {number(m.partnerN)}</td>
                  <td className="num">{money(m.directAmount, 'IDR')} · {number(m.directN)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </>
  )
}
