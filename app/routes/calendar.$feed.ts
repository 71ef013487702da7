import type { LoaderFunctionArgs } from '@remix-run/node'
import { calendarFeed } from '../modules/schedules/schedules.server'

/**
 * A user's private calendar feed, for calendar apps that cannot sign in: the secret in the address
 * (/calendar/<secret>.ics) is the only credential. Unknown or regenerated secrets answer 404.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const secret = (params.feed ?? '').replace(/\.ics$/, '')
  const body = await calendarFeed(secret)
  if (body === null) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="mitra.ics"',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=300',
      'Referrer-Policy': 'no-referrer',
    },
  })
}
