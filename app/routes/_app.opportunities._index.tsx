import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { z } from 'zod'
import { FilterSelect, ListPage } from '../components/list-page'
import { listParams } from '../kit/paginate'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { listOpportunities, listPipelines, OPPORTUNITY_SORTS } from '../modules/crm/crm.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const Filters = z.object({
  pipelineId: z.string().max(64).optional().catch(undefined),
  source: z.enum(['direct', 'partner']).optional().catch(undefined),
  account: z.string().max(64).optional().catch(undefined),
})

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const url = new URL(request.url)
  const { page, sort, dir, q } = listParams(url, OPPORTUNITY_SORTS, 'updatedAt', 'desc')
  const f = Filters.parse({ pipelineId: url.searchParams.get('pipelineId') || undefined, source: url.searchParams.get('source') || undefined, account: url.searchParams.get('account') || undefined })
  return json({
    list: await listOpportunities(actor, { q, page, sort, dir, pipelineId: f.pipelineId, source: f.source, accountId: f.account }),
    pipelines: (await listPipelines(actor)).map((p) => ({ id: p.id, name: p.name })),
    canWrite: can(actor, 'write:crm'),
  })
})

export default function Opportunities() {
  const { list, pipelines, canWrite } = useLoaderData<typeof loader>()
  const { t, money, calendarDate } = useT()
  const newOpportunity = canWrite ? <Link to="/opportunities/new" className="btn btn-primary">{t('opportunities.new')}</Link> : null
  return (
    <ListPage
      title={t('opportunities.title')}
      actions={
        <>
          {pipelines.map((p) => <Link key={p.id} to={`/pipelines/${p.id}`} className="btn">{t('opportunities.board', { name: p.name })}</Link>)}
          {newOpportunity}
        </>
      }
      searchPlaceholder={t('opportunities.searchPlaceholder')}
      filters={
        <>
          <FilterSelect name="pipelineId" label={t('fields.pipeline')} allLabel={t('list.allPipelines')} options={pipelines.map((p) => ({ value: p.id, label: p.name }))} />
          <FilterSelect name="source" label={t('fields.source')} allLabel={t('list.allSources')} options={[{ value: 'direct', label: t('opportunities.source.direct') }, { value: 'partner', label: t('opportunities.source.partner') }]} />
        </>
      }
      page={list}
      empty={t('opportunities.empty')}
      emptyAction={newOpportunity}
      columns={[
        { label: t('fields.opportunityName'), sort: 'name', cell: (o) => <Link to={`/opportunities/${o.id}`}>{o.name}</Link> },
        { label: t('fields.account'), cell: (o) => <Link to={`/accounts/${o.accountId}`}>{o.accountName}</Link> },
        { label: t('fields.stage'), cell: (o) => <>{o.stageName} <span className="hint">({o.pipelineName})</span></> },
        { label: t('fields.amount'), sort: 'amount', numeric: true, cell: (o) => money(o.amountMinor, o.currency) },
        { label: t('fields.expectedClose'), sort: 'expectedClose', cell: (o) => calendarDate(o.expectedCloseDate) },
        { label: t('fields.source'), cell: (o) => t(`opportunities.source.${o.source}`) },
      ]}
    />
  )
}
