import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { EmptyState, PageHeader } from '../components/ui'
import { Pagination } from '../components/list-page'
import { requireActor } from '../modules/auth/require-actor.server'
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../modules/notify/notify.server'
import { listParams } from '../kit/paginate'
import { handle } from '../utils/route.server'
import { safeRedirect } from '../utils/redirect'
import { useT } from '../utils/use-t'

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  const { page } = listParams(new URL(request.url), ['createdAt'], 'createdAt', 'desc')
  return json(await listNotifications(actor, { page }))
}

const Schema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('read'), id: z.string().min(1), link: z.string().optional() }), z.object({ intent: z.literal('read-all') })])

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  const parsed = Schema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return json({ message: 'errors.generic' }, { status: 400 })
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
            <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
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
