import { json, redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { PageHeader, SubmitButton } from '../components/ui'
import { formAction, verb } from '../kit/form-action.server'
import { scopeOf } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { PayoutAccountSchema } from '../modules/mdf/mdf.schema'
import { payoutSettings, setPayoutAccount } from '../modules/mdf/mdf.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  // the partner admin's page; a partner user is shown the funds, anyone else their home
  if (scopeOf(actor, 'manage:payout_account') !== 'own_org') return redirect(scopeOf(actor, 'read:mdf') ? '/mdf' : '/')
  const s = await payoutSettings(actor)
  return json({ account: s.account })
})

export const action = formAction(
  verb({
    guard: (actor) => payoutSettings(actor),
    schema: PayoutAccountSchema,
    run: (actor, input) => setPayoutAccount(actor, input.stripeAccountId || null),
    done: () => ({ to: '/mdf/payouts', toast: { key: 'mdf.toast.payoutSaved' } }),
  }),
)

export default function PayoutSettings() {
  const d = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>() as { error?: Record<string, string[]> } | undefined
  const { t, tl } = useT()
  const err = answer?.error?.stripeAccountId?.[0]
  return (
    <>
      <PageHeader title={t('mdf.payout.settings')} />
      <section className="card">
        <p>{t('mdf.payout.explain')}</p>
        <Form method="post" className="stack">
          <div className={`field${err ? ' field-invalid' : ''}`}>
            <label htmlFor="stripeAccountId">{t('mdf.payout.accountLabel')}</label>
            <input id="stripeAccountId" name="stripeAccountId" defaultValue={d.account ?? ''} placeholder="acct_1AbCdEfGhIjKlMnO" autoComplete="off" spellCheck={false} aria-describedby="acct-hint" />
            <p className="hint" id="acct-hint">
              {t('mdf.payout.accountHint')}
            </p>
            {err ? (
              <p className="field-error" role="alert">
                {tl(err)}
              </p>
            ) : null}
          </div>
          <div className="form-actions">
            <SubmitButton>{t('actions.save')}</SubmitButton>
            <Link to="/mdf" className="btn">
              {t('actions.cancel')}
            </Link>
          </div>
        </Form>
      </section>
    </>
  )
}
