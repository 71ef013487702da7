import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { EventForm } from '../modules/schedules/event-form'
import { EventFormSchema } from '../modules/schedules/schedules.schema'
import { eventFormChoices, eventForEdit, updateEvent } from '../modules/schedules/schedules.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const event = await eventForEdit(actor, params.eventId!)
  return json({ event, ...(await eventFormChoices(actor)) })
})

export const action = handle(async ({ request, params }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  await eventForEdit(actor, params.eventId!) // 404 before the form is judged
  const submission = parseWithZod(await request.formData(), { schema: EventFormSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  await updateEvent(actor, params.eventId!, submission.value)
  return redirectWithToast(`/events/${params.eventId}`, { key: 'schedules.updated' })
})

export default function EditEvent() {
  const { event, orgs } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('schedules.edit')} />
      <EventForm lastResult={lastResult} defaultValue={event} orgs={orgs} cancelTo={`/events/${event.id}`} />
    </>
  )
}
