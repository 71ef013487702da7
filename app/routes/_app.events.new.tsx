import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { assertCan } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { EventForm } from '../modules/schedules/event-form'
import { EventFormSchema } from '../modules/schedules/schedules.schema'
import { createEvent, eventFormChoices } from '../modules/schedules/schedules.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  assertCan(actor, 'manage:event')
  return json(await eventFormChoices(actor))
})

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  assertCan(actor, 'manage:event')
  const submission = parseWithZod(await request.formData(), { schema: EventFormSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  const ev = await createEvent(actor, submission.value)
  return redirectWithToast(`/events/${ev.id}`, { key: 'schedules.created' })
})

export default function NewEvent() {
  const { orgs } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('schedules.new')} />
      <EventForm lastResult={lastResult} orgs={orgs} cancelTo="/events" />
    </>
  )
}
