import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { z } from 'zod'
import { AuditTrail } from '../components/audit-trail'
import { Badge, ConfirmButton, FormError, PageHeader, SelectField, SubmitButton, TextField } from '../components/ui'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { ROLES_BY_ORG_KIND } from '../modules/auth/roles'
import { historyFor } from '../modules/audit/audit.history.server'
import { formatNpwp, InviteUserSchema } from '../modules/orgs/orgs.schema'
import { getOrganisation, inviteUser, listUsersOf, setUserActive } from '../modules/orgs/orgs.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const org = await getOrganisation(actor, params.orgId!)
  return json({
    org,
    users: await listUsersOf(actor, org.id),
    roles: ROLES_BY_ORG_KIND[org.kind],
    canManageUsers: can(actor, 'manage:user', { orgId: org.id }),
    canEdit: can(actor, 'manage:organisation'),
    history: can(actor, 'manage:organisation') ? await historyFor(actor, 'organisation', org.id) : [],
    selfId: actor.userId,
  })
})

const UserActionSchema = z.object({ intent: z.enum(['deactivate', 'reactivate']), userId: z.string().min(1) })

export const action = handle(async ({ request, params }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  const org = await getOrganisation(actor, params.orgId!)
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'deactivate' || intent === 'reactivate') {
    const parsed = UserActionSchema.safeParse(Object.fromEntries(formData))
    if (!parsed.success) return json({ status: 'error' as const, error: { '': ['errors.generic'] } }, { status: 400 })
    await setUserActive(actor, parsed.data.userId, parsed.data.intent === 'reactivate')
    return redirectWithToast(`/organisations/${org.id}`, { key: intent === 'deactivate' ? 'users.deactivated' : 'users.reactivated' })
  }
  const submission = parseWithZod(formData, { schema: InviteUserSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  await inviteUser(actor, org.id, submission.value)
  return redirectWithToast(`/organisations/${org.id}`, { key: 'users.invited', params: { email: submission.value.email } })
})

export default function OrganisationPage() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t, date, locale } = useT()
  // the first person invited into an organisation is its administrator; later ones default to a user.
  // The form's id follows the head count, so it starts empty again after each invitation is sent.
  const firstInvite = d.users.length === 0
  const [form, f] = useForm({ id: `invite-${d.users.length}`, lastResult, defaultValue: { name: '', email: '', locale, role: firstInvite ? d.roles[0] : d.roles[d.roles.length - 1] }, onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteUserSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  const o = d.org
  return (
    <>
      <PageHeader
        title={o.name}
        subtitle={<>{t(`orgs.kind.${o.kind}`)}{o.tier ? ` · ${t(`tiers.${o.tier}`)}` : ''} · <Badge tone={o.status === 'active' ? 'green' : 'amber'}>{t(`orgs.status.${o.status}`)}</Badge></>}
        actions={d.canEdit ? <Link to={`/organisations/${o.id}/edit`} className="btn">{t('actions.edit')}</Link> : null}
      />
      <dl className="facts">
        <div><dt>{t('fields.legalName')}</dt><dd>{o.legalName ?? '—'}</dd></div>
        <div><dt>{t('fields.npwp')}</dt><dd>{o.npwp ? formatNpwp(o.npwp) : '—'}</dd></div>
        <div><dt>{t('fields.city')}</dt><dd>{[o.city, o.region, o.country].filter(Boolean).join(', ')}</dd></div>
        <div><dt>{t('fields.website')}</dt><dd>{o.website ?? '—'}</dd></div>
      </dl>
      <section className="card">
        <h2>{t('users.title')} ({d.users.length})</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('fields.name')}</th>
                <th scope="col">{t('fields.email')}</th>
                <th scope="col">{t('fields.role')}</th>
                <th scope="col">{t('fields.status')}</th>
                <th scope="col">{t('fields.created')}</th>
                {d.canManageUsers ? <th scope="col"><span className="sr-only">{t('list.actions')}</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {d.users.map((u) => (
                <tr key={u.id}>
                  <td data-label={t('fields.name')}>{u.name}</td>
                  <td data-label={t('fields.email')}>{u.email}</td>
                  <td data-label={t('fields.role')}>{t(`roles.${u.role}`)}</td>
                  <td data-label={t('fields.status')}><Badge tone={u.status === 'active' ? 'green' : u.status === 'invited' ? 'blue' : 'grey'}>{t(`users.status.${u.status}`)}</Badge></td>
                  <td data-label={t('fields.created')}>{date(u.createdAt)}</td>
                  {d.canManageUsers ? (
                    <td>
                      {u.id !== d.selfId && u.status !== 'invited' ? (
                        <Form method="post">
                          <input type="hidden" name="userId" value={u.id} />
                          {u.status === 'active' ? (
                            <ConfirmButton intent="deactivate" message="users.confirmDeactivate" className="btn btn-small btn-danger">{t('users.deactivate')}</ConfirmButton>
                          ) : (
                            <button type="submit" name="intent" value="reactivate" className="btn btn-small">{t('users.reactivate')}</button>
                          )}
                        </Form>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {d.canManageUsers ? (
        <section className="card">
          <h2>{t('users.invite')}</h2>
          <Form method="post" {...getFormProps(form)} key={form.id} className="stack form-grid">
            <FormError errors={form.errors} />
            <TextField meta={f.name} label={t('fields.name')} required />
            <TextField meta={f.email} label={t('fields.email')} type="email" required />
            <SelectField meta={f.role} label={t('fields.role')} options={d.roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
            <SelectField meta={f.locale} label={t('users.invitationLanguage')} options={[{ value: 'id', label: 'Bahasa Indonesia' }, { value: 'en', label: 'English' }]} />
            <div className="form-actions"><SubmitButton intent="invite">{t('users.sendInvitation')}</SubmitButton></div>
          </Form>
        </section>
      ) : null}
      {d.history.length ? (
        <section className="card">
          <h2>{t('audit.history')}</h2>
          <AuditTrail entries={d.history} />
        </section>
      ) : null}
    </>
  )
}
