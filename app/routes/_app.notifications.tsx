import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useFetcher, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { useEffect, useState } from 'react'
import { z } from 'zod'
import { EmptyState, PageHeader } from '../components/ui'
import { Pagination } from '../components/list-page'
import { requireActor } from '../modules/auth/require-actor.server'
import { listNotifications, markAllNotificationsRead, markNotificationRead, markNotificationsSeen } from '../modules/notify/notify.server'
import { listParams } from '../kit/paginate'
import { handle } from '../utils/route.server'
import { safeRedirect } from '../utils/redirect'
import { useT } from '../utils/use-t'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  const { page } = listParams(new URL(request.url), ['createdAt'], 'createdAt', 'desc')
  return json(await listNotifications(actor, { page }))
}

const Schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('read'), id: z.string().min(1), link: z.string().optional() }),
  z.object({ intent: z.literal('read-all') }),
  // the ids the page showed: opening the list reads them (sent by the page after it rendered, never by a GET)
  z.object({ intent: z.literal('seen'), ids: z.string().max(3000).transform((v) => v.split(',').filter(Boolean)) }),
])

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  const parsed = Schema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return json({ message: 'errors.generic' }, { status: 400 })
  if (parsed.data.intent === 'seen') {
    await markNotificationsSeen(actor, parsed.data.ids)
    return json({ ok: true })
  }
  if (parsed.data.intent === 'read-all') {
    await markAllNotificationsRead(actor)
    return redirect('/notifications')
  }
  await markNotificationRead(actor, parsed.data.id)
  return redirect(safeRedirect(parsed.data.link, '/notifications'))
})

export default function Notifications() {
  const data = useLoaderData<typeof loader>()
  const { t, dateTime } = useT()
  const seen = useFetcher()
  const unseen = data.rows.filter((n) => !n.readAt).map((n) => n.id).join(',')
  // what was new when the page opened stays marked as new while the reader looks at it
  const [fresh] = useState(() => new Set(unseen.split(',')))
  useEffect(() => {
    // what the reader has now seen counts as read; the bell follows when the loaders revalidate
    if (unseen) seen.submit({ intent: 'seen', ids: unseen }, { method: 'post' })
  }, [unseen]) // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        actions={
          data.total > 0 ? (
            <Form method="post">
              <button type="submit" name="intent" value="read-all" className="btn">
                {t('notifications.markAllRead')}
              </button>
            </Form>
          ) : null
        }
      />
      {data.rows.length === 0 ? (
        <EmptyState message={t('notifications.empty')} action={<Link to="/">{t('nav.backHome')}</Link>} />
      ) : (
        <ul className="notification-list">
          {data.rows.map((n) => (
            <li key={n.id} className={n.readAt && !fresh.has(n.id) ? 'read' : 'unread'}>
              <Form method="post">
                <input type="hidden" name="id" value={n.id} />
                {n.link ? <input type="hidden" name="link" value={n.link} /> : null}
                <button type="submit" name="intent" value="read" className="link-button notification-title">
                  {n.title}
                </button>
              </Form>
              {n.body ? <p>{n.body}</p> : null}
              <time className="hint">{dateTime(n.createdAt)}</time>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={data.page} total={data.total} pageSize={data.pageSize} />
    </>
  )
}
