import { parseWithZod } from '@conform-to/zod/v4'
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { EmptyState, PageHeader } from '../components/ui'
import { scopeOf } from '../modules/auth/actor'
import { requireCapability } from '../modules/auth/require-actor.server'
import { RequestSchema } from '../modules/mdf/mdf.schema'
import { createRequest, openFundsFor } from '../modules/mdf/mdf.server'
import { RequestForm } from '../modules/mdf/request-form'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireCapability(request, 'read:mdf')
  // vendor staff decide requests; they do not file them
  if (scopeOf(actor, 'request:mdf') !== 'own_org') return redirect('/mdf')
  return json({ funds: openFundsFor(actor.orgId) })
})

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireCapability(request, 'request:mdf')
  const submission = parseWithZod(await request.formData(), { schema: RequestSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  const { intent, ...input } = submission.value
  const id = await createRequest(actor, input, { submit: intent === 'submit' })
  return redirectWithToast(`/mdf/requests/${id}`, { key: intent === 'submit' ? 'mdf.toast.submitted' : 'mdf.toast.saved' })
})

export default function NewMdfRequest() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('mdf.newRequest')} />
      {d.funds.length ? (
        <RequestForm funds={d.funds} lastResult={lastResult} cancelTo="/mdf" defaultValue={{ fundId: d.funds[0].id, activityType: 'event', expectedLeads: '0' }} />
      ) : (
        <EmptyState message={t('mdf.noOpenFund')} action={<Link to="/mdf" className="btn">{t('mdf.backToMdf')}</Link>} />
      )}
    </>
  )
}
