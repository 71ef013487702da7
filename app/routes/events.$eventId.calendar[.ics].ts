import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireActor } from '../modules/auth/require-actor.server'
import { eventIcs } from '../modules/schedules/schedules.server'
import { handle } from '../utils/route.server'

/** One event as an iCalendar file, for someone who may see it (else 404). */
export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const { fileName, body } = await eventIcs(actor, params.eventId!)
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  })
})
