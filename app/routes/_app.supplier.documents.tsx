import { json, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { DataTable } from '../components/list-page'
import { PageHeader, SubmitButton } from '../components/ui'
import { scopeOf } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { DocumentStatusBadge } from '../modules/suppliers/supplier-ui'
import { DOCUMENT_KINDS, getSupplierProfile, holdNames, MAX_DOCUMENT_BYTES, supplierDocumentsOf, uploadSupplierDocument } from '../modules/suppliers/suppliers.server'
import { ValidationFailed } from '../utils/errors'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { checkUpload } from '../utils/upload.server'
import { useT } from '../utils/use-t'

async function uploader(request: Request) {
  const actor = await requireActor(request)
  if (scopeOf(actor, 'upload:supplier_document') !== 'own_org') throw redirect(scopeOf(actor, 'approve:supplier_document') === 'any' ? '/suppliers/documents' : '/')
  return actor
}

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await uploader(request)
  const profile = await getSupplierProfile(actor, actor.orgId)
  return json({ docs: await supplierDocumentsOf(actor, actor.orgId), hold: profile.profile.holdReason ? holdNames(profile.profile.holdReason, actor.locale) : null })
})

type Answer = { typeId: string; field: string; error: string; params?: Record<string, string | number> }

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await uploader(request)
  let form: FormData
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_DOCUMENT_BYTES }))
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return json<Answer>({ typeId: '', field: 'file', error: 'errors.uploadTooLarge', params: { max: '10 MB' } }, { status: 400 })
    throw error
  }
  const typeId = String(form.get('typeId') ?? '')
  const expiresOn = String(form.get('expiresOn') ?? '').trim() || null
  const file = form.get('file')
  if (!(file instanceof Blob) || file.size === 0) return json<Answer>({ typeId, field: 'file', error: 'errors.uploadEmpty' }, { status: 400 })
  if (expiresOn && !/^\d{4}-\d{2}-\d{2}$/.test(expiresOn)) return json<Answer>({ typeId, field: 'expiresOn', error: 'errors.date' }, { status: 400 })
  const checked = await checkUpload(file, { maxBytes: MAX_DOCUMENT_BYTES, allow: DOCUMENT_KINDS })
  if (!checked.ok) return json<Answer>({ typeId, field: 'file', error: checked.messageKey, params: checked.params }, { status: 400 })
  try {
    await uploadSupplierDocument(actor, { typeId, file: checked, expiresOn })
  } catch (error) {
    if (error instanceof ValidationFailed) return json<Answer>({ typeId, field: error.field, error: error.messageKey, params: error.params }, { status: 400 })
    throw error
  }
  return redirectWithToast('/supplier/documents', { key: 'suppliers.docs.uploaded' })
})

export default function SupplierDocuments() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>() as Answer | undefined
  const { t, tl, calendarDate } = useT()
  return (
    <>
      <PageHeader title={t('suppliers.docs.title')} />
      {d.hold ? <div className="notice notice-warning" role="status">{t('suppliers.holdReason', { reasons: d.hold })}</div> : null}
      <DataTable
        caption={t('suppliers.docs.title')}
        rows={d.docs.rows.map((r) => ({ ...r, id: r.typeId }))}
        columns={[
          { label: t('suppliers.docs.type'), cell: (r) => r.name },
          { label: t('fields.status'), cell: (r) => <DocumentStatusBadge status={r.standing} /> },
          { label: t('suppliers.docs.expiresOn'), cell: (r) => (r.validUntil ? calendarDate(r.validUntil) : '—') },
          {
            label: t('suppliers.docs.download'),
            cell: (r) =>
              r.documents.length ? (
                <>
                  {r.documents.slice(0, 2).map((doc) => (
                    <div key={doc.id}>
                      <a href={`/suppliers/documents/${doc.id}/file`}>{doc.fileName}</a> <DocumentStatusBadge status={doc.status} />
                      {doc.rejectionReason ? <> — {doc.rejectionReason}</> : null}
                    </div>
                  ))}
                </>
              ) : '—',
          },
        ]}
      />
      {d.docs.canUpload
        ? d.docs.rows.map((r) => {
            const err = a && a.typeId === r.typeId ? a : null
            const fileId = `file-${r.typeId}`
            return (
              <section key={r.typeId} className="card">
                <h2>{r.name}</h2>
                <Form method="post" encType="multipart/form-data" className="stack" aria-label={r.name}>
                  <input type="hidden" name="typeId" value={r.typeId} />
                  <div className={`field${err?.field === 'file' ? ' field-invalid' : ''}`}>
                    <label htmlFor={fileId}>{t('suppliers.docs.file')}</label>
                    <input id={fileId} name="file" type="file" accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" required />
                    {err?.field === 'file' ? <p className="field-error" role="alert">{tl(err.error, err.params)}</p> : null}
                  </div>
                  {r.hasExpiry ? (
                    <div className={`field${err?.field === 'expiresOn' ? ' field-invalid' : ''}`}>
                      <label htmlFor={`exp-${r.typeId}`}>{t('suppliers.docs.expiresOn')}</label>
                      <input id={`exp-${r.typeId}`} name="expiresOn" type="date" required />
                      {err?.field === 'expiresOn' ? <p className="field-error" role="alert">{tl(err.error, err.params)}</p> : null}
                    </div>
                  ) : null}
                  <div className="form-actions">
                    <SubmitButton>{t('suppliers.docs.upload')}</SubmitButton>
                  </div>
                </Form>
              </section>
            )
          })
        : null}
      <Link to="/">{t('nav.backHome')}</Link>
    </>
  )
}
