import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form } from '../components/navigation'
import { ConfirmButton, PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { hasCalendarFeed, regenerateCalendarFeed, revokeCalendarFeed } from '../modules/schedules/schedules.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  return json({ exists: await hasCalendarFeed(actor) })
})

/** Making an address answers with the page itself (not a redirect): the secret is shown once and never stored. */
export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  const intent = String((await request.formData()).get('intent') ?? '')
  if (intent === 'revoke') {
    await revokeCalendarFeed(actor)
    return redirectWithToast('/events/feed', { key: 'schedules.feed.revoked' })
  }
  const { url } = await regenerateCalendarFeed(actor)
  return json({ url }, { headers: { 'Cache-Control': 'no-store' } })
})

export default function CalendarFeed() {
  const { exists } = useLoaderData<typeof loader>()
  const made = useActionData<typeof action>()
  const { t } = useT()
  return (
    <>
      <PageHeader title={t('schedules.feed.title')} />
      <section className="card stack">
        <p>{t('schedules.feed.intro')}</p>
        {made && 'url' in made ? (
          <div className="notice" role="status">
            <label htmlFor="feed-url">{t('schedules.feed.yourUrl')}</label>
            <input id="feed-url" className="feed-url" readOnly value={made.url} aria-label={t('schedules.feed.urlLabel')} />
          </div>
        ) : (
          <p className="hint">{exists ? t('schedules.feed.exists') : t('schedules.feed.none')}</p>
        )}
        <Form method="post" className="form-actions">
          {exists || made ? (
            <>
              <ConfirmButton intent="regenerate" message="schedules.feed.regenerateConfirm" className="btn">
                {t('schedules.feed.regenerate')}
              </ConfirmButton>
              <ConfirmButton intent="revoke" message="schedules.feed.revokeConfirm">
                {t('schedules.feed.revoke')}
              </ConfirmButton>
            </>
          ) : (
            <button type="submit" name="intent" value="create" className="btn btn-primary">
              {t('schedules.feed.create')}
            </button>
          )}
        </Form>
      </section>
    </>
  )
}
