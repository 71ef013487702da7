import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { EmptyState, PageHeader, Pagination, SearchBox, SortHeader } from '../components/ui'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { listOpportunities, listPipelines, OPPORTUNITY_SORTS } from '../modules/crm/crm.server'
import { listParams } from '../utils/pagination'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const Filters = z.object({ pipelineId: z.string().max(64).optional().catch(undefined), source: z.enum(['direct', 'partner']).optional().catch(undefined) })

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = requireActor(request)
  const url = new URL(request.url)
  const { page, sort, dir, q } = listParams(url, OPPORTUNITY_SORTS, 'updatedAt', 'desc')
  const filters = Filters.parse({ pipelineId: url.searchParams.get('pipelineId') || undefined, source: url.searchParams.get('source') || undefined })
  return json({ ...listOpportunities(actor, { q, page, sort, dir, ...filters }), pipelines: listPipelines(actor).map((p) => ({ id: p.id, name: p.name })), canWrite: can(actor, 'write:crm') })
})

export default function Opportunities() {
  const data = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t, money, calendarDate } = useT()
  return (
    <>
      <PageHeader
        title={t('opportunities.title')}
        actions={
          <>
            {data.pipelines.map((p) => <Link key={p.id} to={`/pipelines/${p.id}`} className="btn">{t('opportunities.board', { name: p.name })}</Link>)}
            {data.canWrite ? <Link to="/opportunities/new" className="btn btn-primary">{t('opportunities.new')}</Link> : null}
          </>
        }
      />
      <SearchBox placeholder={t('opportunities.searchPlaceholder')}>
        <label className="sr-only" htmlFor="pipelineId">{t('fields.pipeline')}</label>
        <select id="pipelineId" name="pipelineId" defaultValue={params.get('pipelineId') ?? ''}>
          <option value="">{t('list.allPipelines')}</option>
          {data.pipelines.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        <label className="sr-only" htmlFor="source">{t('fields.source')}</label>
        <select id="source" name="source" defaultValue={params.get('source') ?? ''}>
          <option value="">{t('list.allSources')}</option>
          <option value="direct">{t('opportunities.source.direct')}</option>
          <option value="partner">{t('opportunities.source.partner')}</option>
        </select>
      </SearchBox>
      {data.rows.length === 0 ? <EmptyState message={params.toString() ? t('list.noMatches') : t('opportunities.empty')} /> : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <SortHeader column="name" label={t('fields.opportunityName')} />
                <th scope="col">{t('fields.account')}</th>
                <th scope="col">{t('fields.stage')}</th>
                <SortHeader column="amount" label={t('fields.amount')} />
                <SortHeader column="expectedClose" label={t('fields.expectedClose')} />
                <th scope="col">{t('fields.source')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((o) => (
                <tr key={o.id}>
                  <td data-label={t('fields.opportunityName')}><Link to={`/opportunities/${o.id}`}>{o.name}</Link></td>
                  <td data-label={t('fields.account')}><Link to={`/accounts/${o.accountId}`}>{o.accountName}</Link></td>
                  <td data-label={t('fields.stage')}>{o.stageName} <span className="hint">({o.pipelineName})</span></td>
                  <td data-label={t('fields.amount')} className="num">{money(o.amountMinor, o.currency)}</td>
                  <td data-label={t('fields.expectedClose')}>{calendarDate(o.expectedCloseDate)}</td>
                  <td data-label={t('fields.source')}>{t(`opportunities.source.${o.source}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={data.page} total={data.total} pageSize={data.pageSize} />
    </>
  )
}
