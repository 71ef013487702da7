import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { assertCan } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { OrganisationForm } from '../modules/orgs/org-form'
import { formatNpwp, OrganisationSchema } from '../modules/orgs/orgs.schema'
import { getOrganisation, updateOrganisation } from '../modules/orgs/orgs.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const org = await getOrganisation(actor, params.orgId!)
  assertCan(actor, 'manage:organisation')
  return json({ org: { ...org, npwp: formatNpwp(org.npwp) } })
})

export const action = handle(async ({ request, params }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  const org = await getOrganisation(actor, params.orgId!)
  assertCan(actor, 'manage:organisation')
  const formData = await request.formData()
  // the kind is fixed once created; the vendor organisation is not a partner or supplier
  formData.set('kind', org.kind === 'vendor' ? 'partner' : org.kind)
  const submission = parseWithZod(formData, { schema: OrganisationSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  await updateOrganisation(actor, org.id, submission.value)
  return redirectWithToast(`/organisations/${org.id}`, { key: 'common.saved' })
})

export default function EditOrganisation() {
  const { org } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('orgs.edit', { name: org.name })} />
      <OrganisationForm lastResult={lastResult} kindFixed defaultValue={{ ...org, kind: org.kind === 'vendor' ? 'partner' : org.kind }} cancelTo={`/organisations/${org.id}`} />
    </>
  )
}
