import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { AuditTrail } from '../components/audit-trail'
import { Badge, PageHeader } from '../components/ui'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { historyFor } from '../modules/audit/audit.history.server'
import { LeadForm } from '../modules/crm/crm-forms'
import { LeadSchema, scoreBand } from '../modules/crm/crm.schema'
import { getLead, updateLead } from '../modules/crm/crm.server'
import { formAction } from '../kit/form-action.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const lead = await getLead(actor, params.leadId!)
  return json({ lead, canWrite: can(actor, 'write:crm'), history: await historyFor(actor, 'lead', lead.id) })
})

export const action = formAction({
  guard: (actor, { params }) => getLead(actor, params.leadId!),
  schema: LeadSchema,
  run: (actor, input, { params }) => updateLead(actor, params.leadId!, input),
  done: (_, { params }) => ({ to: `/leads/${params.leadId}`, toast: { key: 'common.saved' } }),
})

export default function LeadPage() {
  const { lead, canWrite, history } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  const band = scoreBand(lead.score)
  return (
    <>
      <PageHeader title={lead.company} subtitle={<Badge tone={band === 'hot' ? 'red' : band === 'warm' ? 'amber' : 'grey'}>{t(`leads.band.${band}`)} · {lead.score}</Badge>} />
      {canWrite ? (
        <section className="card">
          <LeadForm lastResult={lastResult} defaultValue={{ ...lead, score: String(lead.score) }} cancelTo="/leads" />
        </section>
      ) : (
        <dl className="facts">
          <div><dt>{t('fields.contactName')}</dt><dd>{lead.contactName}</dd></div>
          <div><dt>{t('fields.status')}</dt><dd>{t(`leads.status.${lead.status}`)}</dd></div>
        </dl>
      )}
      <section className="card">
        <h2>{t('audit.history')}</h2>
        <AuditTrail entries={history} />
      </section>
    </>
  )
}
