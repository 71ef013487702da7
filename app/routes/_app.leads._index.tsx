import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { z } from 'zod'
import { FilterSelect, ListPage } from '../components/list-page'
import { Badge } from '../components/ui'
import { listParams } from '../kit/paginate'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { LEAD_STATUSES } from '../modules/crm/crm.schema'
import { LEAD_SORTS, listLeads } from '../modules/crm/crm.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const Filters = z.object({ status: z.enum(LEAD_STATUSES).optional().catch(undefined), band: z.enum(['junk', 'warm', 'hot']).optional().catch(undefined) })

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const url = new URL(request.url)
  const { page, sort, dir, q } = listParams(url, LEAD_SORTS, 'score', 'desc')
  const filters = Filters.parse({ status: url.searchParams.get('status') || undefined, band: url.searchParams.get('band') || undefined })
  return json({ list: await listLeads(actor, { q, page, sort, dir, ...filters }), canWrite: can(actor, 'write:crm') })
})

const BAND_TONE = { hot: 'red', warm: 'amber', junk: 'grey' } as const

export default function Leads() {
  const { list, canWrite } = useLoaderData<typeof loader>()
  const { t, date } = useT()
  const newLead = canWrite ? <Link to="/leads/new" className="btn btn-primary">{t('leads.new')}</Link> : null
  return (
    <ListPage
      title={t('leads.title')}
      actions={newLead}
      searchPlaceholder={t('leads.searchPlaceholder')}
      filters={
        <>
          <FilterSelect name="status" label={t('fields.status')} allLabel={t('list.allStatuses')} options={LEAD_STATUSES.map((s) => ({ value: s, label: t(`leads.status.${s}`) }))} />
          <FilterSelect name="band" label={t('fields.band')} allLabel={t('list.allBands')} options={(['hot', 'warm', 'junk'] as const).map((b) => ({ value: b, label: t(`leads.band.${b}`) }))} />
        </>
      }
      page={list}
      empty={t('leads.empty')}
      emptyAction={newLead}
      columns={[
        { label: t('fields.companyName'), sort: 'company', cell: (l) => <Link to={`/leads/${l.id}`}>{l.company}</Link> },
        { label: t('fields.contactName'), cell: (l) => l.contactName },
        { label: t('fields.source'), cell: (l) => t(`leads.source.${l.source}`) },
        { label: t('fields.status'), sort: 'status', cell: (l) => t(`leads.status.${l.status}`) },
        { label: t('fields.score'), sort: 'score', cell: (l) => <Badge tone={BAND_TONE[l.band]}>{t(`leads.band.${l.band}`)} · {l.score}</Badge> },
        { label: t('fields.created'), sort: 'createdAt', cell: (l) => date(l.createdAt) },
      ]}
    />
  )
}
