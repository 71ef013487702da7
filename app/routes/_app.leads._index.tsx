import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Badge, EmptyState, PageHeader, Pagination, SearchBox, SortHeader } from '../components/ui'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { LEAD_STATUSES } from '../modules/crm/crm.schema'
import { LEAD_SORTS, listLeads } from '../modules/crm/crm.server'
import { listParams } from '../utils/pagination'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const Filters = z.object({ status: z.enum(LEAD_STATUSES).optional().catch(undefined), band: z.enum(['junk', 'warm', 'hot']).optional().catch(undefined) })

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = requireActor(request)
  const url = new URL(request.url)
  const { page, sort, dir, q } = listParams(url, LEAD_SORTS, 'score', 'desc')
  const filters = Filters.parse({ status: url.searchParams.get('status') || undefined, band: url.searchParams.get('band') || undefined })
  return json({ ...listLeads(actor, { q, page, sort, dir, ...filters }), canWrite: can(actor, 'write:crm') })
})

const BAND_TONE = { hot: 'red', warm: 'amber', junk: 'grey' } as const

export default function Leads() {
  const data = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t, date } = useT()
  return (
    <>
      <PageHeader title={t('leads.title')} actions={data.canWrite ? <Link to="/leads/new" className="btn btn-primary">{t('leads.new')}</Link> : null} />
      <SearchBox placeholder={t('leads.searchPlaceholder')}>
        <label className="sr-only" htmlFor="status">{t('fields.status')}</label>
        <select id="status" name="status" defaultValue={params.get('status') ?? ''}>
          <option value="">{t('list.allStatuses')}</option>
          {LEAD_STATUSES.map((s) => <option key={s} value={s}>{t(`leads.status.${s}`)}</option>)}
        </select>
        <label className="sr-only" htmlFor="band">{t('fields.band')}</label>
        <select id="band" name="band" defaultValue={params.get('band') ?? ''}>
          <option value="">{t('list.allBands')}</option>
          {(['hot', 'warm', 'junk'] as const).map((b) => <option key={b} value={b}>{t(`leads.band.${b}`)}</option>)}
        </select>
      </SearchBox>
      {data.rows.length === 0 ? <EmptyState message={params.toString() ? t('list.noMatches') : t('leads.empty')} /> : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <SortHeader column="company" label={t('fields.companyName')} />
                <th scope="col">{t('fields.contactName')}</th>
                <th scope="col">{t('fields.source')}</th>
                <SortHeader column="status" label={t('fields.status')} />
                <SortHeader column="score" label={t('fields.score')} />
                <SortHeader column="createdAt" label={t('fields.created')} />
              </tr>
            </thead>
            <tbody>
              {data.rows.map((l) => (
                <tr key={l.id}>
                  <td data-label={t('fields.companyName')}><Link to={`/leads/${l.id}`}>{l.company}</Link></td>
                  <td data-label={t('fields.contactName')}>{l.contactName}</td>
                  <td data-label={t('fields.source')}>{t(`leads.source.${l.source}`)}</td>
                  <td data-label={t('fields.status')}>{t(`leads.status.${l.status}`)}</td>
                  <td data-label={t('fields.score')}><Badge tone={BAND_TONE[l.band]}>{t(`leads.band.${l.band}`)} · {l.score}</Badge></td>
                  <td data-label={t('fields.created')}>{date(l.createdAt)}</td>
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
