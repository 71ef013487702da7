import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { z } from 'zod'
import { DataTable } from '../components/list-page'
import { PageHeader, SubmitButton } from '../components/ui'
import { intentAction, verb } from '../kit/form-action.server'
import { requireActor } from '../modules/auth/require-actor.server'
import { formatNpwp } from '../modules/orgs/orgs.schema'
import { DocumentStatusBadge, SupplierStatusBadge } from '../modules/suppliers/supplier-ui'
import { getSupplierProfile, holdNames, setVendorCode, supplierDocumentsOf } from '../modules/suppliers/suppliers.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

/** A supplier's page: procurement sees every supplier's, a supplier its own. */
export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const p = await getSupplierProfile(actor, params.orgId!)
  return json({ ...p, documents: await supplierDocumentsOf(actor, params.orgId!), hold: p.profile.holdReason ? holdNames(p.profile.holdReason, actor.locale) : null })
})

const orgId = (args: ActionFunctionArgs) => args.params.orgId!
export const action = intentAction({
  'vendor-code': verb({
    guard: (actor, args) => getSupplierProfile(actor, orgId(args)),
    schema: z.object({ vendorCode: z.string().trim().max(40, { message: 'errors.tooLong' }).optional() }),
    run: (actor, input, args) => setVendorCode(actor, orgId(args), input.vendorCode || null),
    done: (_r, args) => ({ to: `/suppliers/${orgId(args)}`, toast: { key: 'suppliers.vendorCodeSaved' } }),
  }),
})

export default function SupplierPage() {
  const d = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>() as { message?: string } | undefined
  const { t, tl, calendarDate, dateTime } = useT()
  return (
    <>
      <PageHeader
        title={d.org.name}
        subtitle={<><SupplierStatusBadge status={d.org.status} />{d.org.city ? ` · ${d.org.city}` : ''}</>}
        actions={
          <>
            <Link to={`/suppliers/${d.org.id}/catalog`} className="btn">{t('suppliers.catalog.browse')}</Link>
            {d.permissions.edit ? <Link to="/supplier/profile" className="btn">{t('suppliers.profile.edit')}</Link> : null}
          </>
        }
      />
      {data?.message ? <div className="form-error" role="alert">{tl(data.message)}</div> : null}
      {d.hold ? <div className="notice notice-warning" role="status">{t('suppliers.holdReason', { reasons: d.hold })}</div> : null}
      {d.pendingChanges.length ? (
        <div className="notice" role="status">
          {d.pendingChanges.map((c) => (
            <p key={c.id}>
              {t('suppliers.profile.pendingChange', { fields: c.fields.map((f) => tl(`suppliers.change.field.${f}`)).join(', ') })}
              {d.permissions.decideChanges ? <> · <Link to={`/suppliers/changes/${c.id}`}>{t('suppliers.changes.title')}</Link></> : null}
            </p>
          ))}
        </div>
      ) : null}
      <section className="card">
        <h2>{t('suppliers.profile.view')}</h2>
        <dl className="key-values">
          <dt>{t('fields.legalName')}</dt><dd>{d.org.legalName ?? '—'}</dd>
          <dt>{t('fields.npwp')}</dt><dd>{d.org.npwp ? formatNpwp(d.org.npwp) : '—'}</dd>
          <dt>{t('fields.address')}</dt><dd>{d.profile.address ?? '—'}</dd>
          <dt>{t('suppliers.fields.categories')}</dt><dd>{d.profile.categories.join(', ') || '—'}</dd>
          <dt>{t('suppliers.fields.contact')}</dt><dd>{[d.profile.contactName, d.profile.contactEmail, d.profile.contactPhone].filter(Boolean).join(' · ') || '—'}</dd>
          <dt>{t('suppliers.fields.bank')}</dt><dd>{d.profile.bankAccountMasked ? `${d.profile.bankName ?? ''} ${d.profile.bankAccountMasked} (${d.profile.bankHolder ?? ''})` : '—'}</dd>
          <dt>{t('suppliers.fields.vendorCode')}</dt><dd>{d.profile.vendorCode ?? '—'}</dd>
        </dl>
        {d.permissions.vendorCode ? (
          <Form method="post" className="inline-form">
            <label htmlFor="vendorCode">{t('suppliers.fields.vendorCode')}</label>
            <input id="vendorCode" name="vendorCode" defaultValue={d.profile.vendorCode ?? ''} maxLength={40} />
            <SubmitButton intent="vendor-code" className="btn">{t('suppliers.saveVendorCode')}</SubmitButton>
          </Form>
        ) : null}
      </section>
      <section>
        <h2>{t('suppliers.docs.title')}</h2>
        <DataTable
          caption={t('suppliers.docs.title')}
          rows={d.documents.rows.map((r) => ({ ...r, id: r.typeId }))}
          columns={[
            { label: t('suppliers.docs.type'), cell: (r) => r.name },
            { label: t('fields.status'), cell: (r) => <DocumentStatusBadge status={r.standing} /> },
            { label: t('suppliers.docs.expiresOn'), cell: (r) => (r.validUntil ? calendarDate(r.validUntil) : '—') },
            {
              label: t('suppliers.docs.download'),
              cell: (r) =>
                r.documents.length
                  ? r.documents.slice(0, 2).map((doc) => (
                      <div key={doc.id}>
                        <Link to={`/suppliers/documents/${doc.id}`}>{doc.fileName}</Link> · <DocumentStatusBadge status={doc.status} /> · {dateTime(doc.createdAt)}
                      </div>
                    ))
                  : '—',
            },
          ]}
        />
      </section>
    </>
  )
}
