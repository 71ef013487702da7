import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form } from '../components/navigation'
import { parseWithZod } from '@conform-to/zod/v4'
import { DataTable } from '../components/list-page'
import { ConfirmButton, EmptyState, PageHeader, SubmitButton } from '../components/ui'
import { scopeOf } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { ApiKeySchema, RevokeKeySchema } from '../modules/suppliers/suppliers.schema'
import { createApiKey, listApiKeys, revokeApiKey } from '../modules/suppliers/suppliers.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

/** The supplier admin's API keys; everyone else is sent home. */
async function keyManager(request: Request) {
  const actor = await requireActor(request)
  if (scopeOf(actor, 'manage:api_key') !== 'own_org') throw redirect('/')
  return actor
}

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await keyManager(request)
  return json({ keys: await listApiKeys(actor) })
})

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await keyManager(request)
  const form = await request.formData()
  if (form.get('intent') === 'revoke') {
    const s = parseWithZod(form, { schema: RevokeKeySchema })
    if (s.status !== 'success') return json({ key: null, error: 'errors.checkForm' }, { status: 400 })
    await revokeApiKey(actor, s.value.keyId)
    return redirectWithToast('/supplier/api-keys', { key: 'suppliers.keys.revoked' })
  }
  const s = parseWithZod(form, { schema: ApiKeySchema })
  if (s.status !== 'success') return json({ key: null, error: 'errors.required' }, { status: 400 })
  const created = await createApiKey(actor, s.value.name)
  // shown once, in this answer only: never stored, never in a redirect URL
  return json({ key: created.key, error: null })
})

export default function ApiKeys() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const { t, tl, dateTime } = useT()
  return (
    <>
      <PageHeader title={t('suppliers.keys.title')} />
      <p className="hint">{t('suppliers.keys.hint')}</p>
      {a?.key ? (
        <div className="notice" role="status">
          <p>{t('suppliers.keys.created')}</p>
          <code data-testid="new-api-key">{a.key}</code>
        </div>
      ) : null}
      <section className="card">
        <Form method="post" className="stack">
          <div className={`field${a?.error ? ' field-invalid' : ''}`}>
            <label htmlFor="name">{t('suppliers.keys.name')}</label>
            <input id="name" name="name" required maxLength={100} />
            {a?.error ? <p className="field-error" role="alert">{tl(a.error)}</p> : null}
          </div>
          <div className="form-actions">
            <SubmitButton intent="create">{t('suppliers.keys.create')}</SubmitButton>
          </div>
        </Form>
      </section>
      {d.keys.length === 0 ? (
        <EmptyState message={t('suppliers.keys.empty')} />
      ) : (
        <DataTable
          caption={t('suppliers.keys.title')}
          rows={d.keys}
          columns={[
            { label: t('suppliers.keys.name'), cell: (k) => k.name },
            { label: t('suppliers.keys.prefix'), cell: (k) => <code>mitra_{k.prefix}…</code> },
            { label: t('fields.created'), cell: (k) => dateTime(k.createdAt) },
            { label: t('suppliers.keys.lastUsed'), cell: (k) => (k.lastUsedAt ? dateTime(k.lastUsedAt) : t('suppliers.keys.never')) },
            {
              label: t('fields.status'),
              cell: (k) =>
                k.revokedAt ? (
                  `${t('suppliers.keys.revokedAt')} ${dateTime(k.revokedAt)}`
                ) : (
                  <Form method="post">
                    <input type="hidden" name="keyId" value={k.id} />
                    <ConfirmButton intent="revoke" message="suppliers.keys.confirmRevoke">{t('suppliers.keys.revoke')}</ConfirmButton>
                  </Form>
                ),
            },
          ]}
        />
      )}
    </>
  )
}
