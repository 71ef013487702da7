import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { programmeTermsFor } from '../modules/content/content.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  return json(programmeTermsFor(actor))
})

export default function Programme() {
  const d = useLoaderData<typeof loader>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={d.audience === 'partner' ? t('home.partnerTerms') : t('home.supplierTerms')} />
      {/* rendered by micromark with raw HTML escaped (content.server.ts) */}
      <article className="card prose" dangerouslySetInnerHTML={{ __html: d.html }} />
    </>
  )
}
