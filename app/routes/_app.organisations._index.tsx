import { json, redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { z } from 'zod'
import { ListPage } from '../components/list-page'
import { Badge } from '../components/ui'
import { listParams } from '../kit/paginate'
import { can, scopeOf } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { listOrganisations } from '../modules/orgs/orgs.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  // partners and suppliers only ever see their own organisation
  if (scopeOf(actor, 'read:organisation') !== 'any') throw redirect(`/organisations/${actor.orgId}`)
  const url = new URL(request.url)
  const { page, q } = listParams(url, ['name'], 'name')
  const kind = z.enum(['partner', 'supplier']).optional().catch(undefined).parse(url.searchParams.get('kind') || undefined)
  return json({ list: await listOrganisations(actor, { kind, q, page }), kind: kind ?? null, canManage: can(actor, 'manage:organisation') })
})

export default function Organisations() {
  const { list, kind, canManage } = useLoaderData<typeof loader>()
  const { t } = useT()
  const title = kind === 'partner' ? t('orgs.partners') : kind === 'supplier' ? t('orgs.suppliers') : t('orgs.title')
  const newOrg = canManage ? <Link to={`/organisations/new${kind ? `?kind=${kind}` : ''}`} className="btn btn-primary">{t('orgs.new')}</Link> : null
  return (
    <ListPage
      title={title}
      actions={newOrg}
      searchPlaceholder={t('orgs.searchPlaceholder')}
      filters={kind ? <input type="hidden" name="kind" value={kind} /> : null}
      fixedParams={['kind']}
      page={list}
      empty={t('orgs.empty')}
      emptyAction={newOrg}
      columns={[
        { label: t('fields.name'), cell: (o) => <Link to={`/organisations/${o.id}`}>{o.name}</Link> },
        { label: t('fields.kind'), cell: (o) => t(`orgs.kind.${o.kind}`) },
        { label: t('fields.tier'), cell: (o) => (o.tier ? t(`tiers.${o.tier}`) : '—') },
        { label: t('fields.city'), cell: (o) => o.city ?? '—' },
        { label: t('fields.status'), cell: (o) => <Badge tone={o.status === 'active' ? 'green' : o.status === 'on_hold' ? 'amber' : 'grey'}>{t(`orgs.status.${o.status}`)}</Badge> },
      ]}
    />
  )
}
