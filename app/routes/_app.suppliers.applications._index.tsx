import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { z } from 'zod'
import { FilterSelect, ListPage } from '../components/list-page'
import { listParams } from '../kit/paginate'
import { requireCapability } from '../modules/auth/require-actor.server'
import { ApplicationStatusBadge } from '../modules/suppliers/supplier-ui'
import { APPLICATION_STATUSES } from '../modules/suppliers/suppliers.machine'
import { APPLICATION_SORTS, listApplications } from '../modules/suppliers/suppliers.server'
import { formatNpwp } from '../modules/orgs/orgs.schema'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const Filters = z.object({ status: z.enum(APPLICATION_STATUSES).optional().catch(undefined) })

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'approve:supplier_application')
  const url = new URL(request.url)
  const { page, sort, dir } = listParams(url, APPLICATION_SORTS, 'age', 'asc')
  const { status } = Filters.parse({ status: url.searchParams.get('status') || undefined })
  return json({ list: await listApplications(actor, { page, sort, dir, status }) })
})

export default function Applications() {
  const d = useLoaderData<typeof loader>()
  const { t, dateTime } = useT()
  return (
    <ListPage
      title={t('suppliers.applications.title')}
      actions={<Link to="/suppliers/invite" className="btn">{t('suppliers.invite.title')}</Link>}
      searchPlaceholder={t('suppliers.apply.fields.legalName')}
      filters={<FilterSelect name="status" label={t('fields.status')} allLabel={t('list.allStatuses')} options={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`suppliers.applications.status.${s}`) }))} />}
      page={d.list}
      empty={t('suppliers.applications.empty')}
      columns={[
        { label: t('suppliers.apply.fields.legalName'), sort: 'name', cell: (r) => <Link to={`/suppliers/applications/${r.id}`}>{r.legalName}</Link> },
        { label: t('fields.npwp'), cell: (r) => formatNpwp(r.npwp) },
        { label: t('suppliers.apply.fields.city'), cell: (r) => r.city },
        { label: t('fields.status'), sort: 'status', cell: (r) => <ApplicationStatusBadge status={r.status} /> },
        { label: t('suppliers.catalog.fields.waiting'), sort: 'age', cell: (r) => dateTime(r.submittedAt) },
      ]}
    />
  )
}
