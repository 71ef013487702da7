import { json, redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Badge, EmptyState, PageHeader, Pagination, SearchBox } from '../components/ui'
import { can, scopeOf } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { listOrganisations } from '../modules/orgs/orgs.server'
import { listParams } from '../utils/pagination'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = requireActor(request)
  // partners and suppliers only ever see their own organisation
  if (scopeOf(actor, 'read:organisation') !== 'any') throw redirect(`/organisations/${actor.orgId}`)
  const url = new URL(request.url)
  const { page, q } = listParams(url, ['name'], 'name')
  const kind = z.enum(['partner', 'supplier']).optional().catch(undefined).parse(url.searchParams.get('kind') || undefined)
  return json({ ...listOrganisations(actor, { kind, q, page }), kind: kind ?? null, canManage: can(actor, 'manage:organisation') })
})

export default function Organisations() {
  const data = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t } = useT()
  const title = data.kind === 'partner' ? t('orgs.partners') : data.kind === 'supplier' ? t('orgs.suppliers') : t('orgs.title')
  return (
    <>
      <PageHeader title={title} actions={data.canManage ? <Link to={`/organisations/new${data.kind ? `?kind=${data.kind}` : ''}`} className="btn btn-primary">{t('orgs.new')}</Link> : null} />
      <SearchBox placeholder={t('orgs.searchPlaceholder')}>{data.kind ? <input type="hidden" name="kind" value={data.kind} /> : null}</SearchBox>
      {data.rows.length === 0 ? <EmptyState message={params.get('q') ? t('list.noMatches') : t('orgs.empty')} /> : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('fields.name')}</th>
                <th scope="col">{t('fields.kind')}</th>
                <th scope="col">{t('fields.tier')}</th>
                <th scope="col">{t('fields.city')}</th>
                <th scope="col">{t('fields.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((o) => (
                <tr key={o.id}>
                  <td data-label={t('fields.name')}><Link to={`/organisations/${o.id}`}>{o.name}</Link></td>
                  <td data-label={t('fields.kind')}>{t(`orgs.kind.${o.kind}`)}</td>
                  <td data-label={t('fields.tier')}>{o.tier ? t(`tiers.${o.tier}`) : '—'}</td>
                  <td data-label={t('fields.city')}>{o.city ?? '—'}</td>
                  <td data-label={t('fields.status')}><Badge tone={o.status === 'active' ? 'green' : o.status === 'on_hold' ? 'amber' : 'grey'}>{t(`orgs.status.${o.status}`)}</Badge></td>
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
