import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { requireCapability } from '../modules/auth/require-actor.server'
import { OrganisationForm } from '../modules/orgs/org-form'
import { OrganisationSchema } from '../modules/orgs/orgs.schema'
import { createOrganisation } from '../modules/orgs/orgs.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  await requireCapability(request, 'manage:organisation')
  const kind = new URL(request.url).searchParams.get('kind') === 'supplier' ? 'supplier' : 'partner'
  return json({ kind })
})

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireCapability(request, 'manage:organisation')
  const submission = parseWithZod(await request.formData(), { schema: OrganisationSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  const org = await createOrganisation(actor, submission.value)
  return redirectWithToast(`/organisations/${org.id}`, { key: 'orgs.created', params: { name: org.name } })
})

export default function NewOrganisation() {
  const { kind } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('orgs.new')} />
      <OrganisationForm lastResult={lastResult} defaultValue={{ kind, country: 'ID', status: 'active', tier: 'registered' }} cancelTo="/organisations" />
    </>
  )
}
