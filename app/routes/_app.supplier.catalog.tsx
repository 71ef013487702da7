import { json, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { DataTable, Pagination } from '../components/list-page'
import { EmptyState, PageHeader, SubmitButton } from '../components/ui'
import { listParams } from '../kit/paginate'
import { scopeOf } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { CATALOG_COLUMNS } from '../modules/suppliers/suppliers.csv'
import { CatalogStatusBadge } from '../modules/suppliers/supplier-ui'
import { CATALOG_MODES } from '../modules/suppliers/suppliers.machine'
import { listCatalogVersions, submitCatalogUpload } from '../modules/suppliers/suppliers.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { checkUpload } from '../utils/upload.server'
import { useT } from '../utils/use-t'

const MAX_CATALOG_UPLOAD = 25 * 1024 * 1024

/** The supplier's catalog desk; vendor staff are sent to the review list, partners home. */
async function supplierOnly(request: Request) {
  const actor = await requireActor(request)
  if (scopeOf(actor, 'submit:catalog') !== 'own_org') throw redirect(scopeOf(actor, 'read:catalog') === 'any' ? '/suppliers/catalogs' : '/')
  return actor
}

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await supplierOnly(request)
  const { page } = listParams(new URL(request.url), ['age'], 'age', 'desc')
  return json({ versions: await listCatalogVersions(actor, { page, sort: 'age', dir: 'desc' }), orgId: actor.orgId, canKeys: scopeOf(actor, 'manage:api_key') === 'own_org' })
})

export const action = handle(async ({ request }: ActionFunctionArgs) => {
  const actor = await supplierOnly(request)
  let form: FormData
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CATALOG_UPLOAD }))
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return json({ error: 'errors.uploadTooLarge', params: { max: '25 MB' } }, { status: 400 })
    throw error
  }
  const file = form.get('file')
  const mode = form.get('mode') === 'incremental' ? 'incremental' : 'full'
  if (!(file instanceof Blob) || file.size === 0) return json({ error: 'suppliers.csv.failure.empty', params: {} }, { status: 400 })
  const checked = await checkUpload(file, { maxBytes: MAX_CATALOG_UPLOAD, allow: ['csv'] })
  if (!checked.ok) return json({ error: checked.messageKey, params: checked.params ?? {} }, { status: 400 })
  const { versionId } = await submitCatalogUpload(actor, { bytes: checked.bytes, fileName: checked.safeName, mode })
  return redirectWithToast(`/suppliers/catalogs/${versionId}`, { key: 'suppliers.catalog.started' })
})

export default function SupplierCatalog() {
  const d = useLoaderData<typeof loader>()
  const err = useActionData<typeof action>() as { error?: string; params?: Record<string, string | number> } | undefined
  const { t, tl, dateTime, number } = useT()
  return (
    <>
      <PageHeader
        title={t('suppliers.catalog.title')}
        actions={
          <>
            <Link to={`/suppliers/${d.orgId}/catalog`} className="btn">{t('suppliers.catalog.browse')}</Link>
            {d.canKeys ? <Link to="/supplier/api-keys" className="btn">{t('nav.apiKeys')}</Link> : null}
          </>
        }
      />
      <section className="card stack">
        <h2>{t('suppliers.catalog.upload')}</h2>
        <p className="hint">{t('suppliers.catalog.uploadHint', { columns: CATALOG_COLUMNS.join(',') })}</p>
        <Form method="post" encType="multipart/form-data" className="stack">
          <div className={`field${err?.error ? ' field-invalid' : ''}`}>
            <label htmlFor="file">{t('suppliers.catalog.file')}</label>
            <input id="file" name="file" type="file" accept=".csv,text/csv" required aria-describedby={err?.error ? 'file-error' : undefined} />
            {err?.error ? <p className="field-error" id="file-error" role="alert">{tl(err.error, err.params)}</p> : null}
          </div>
          <fieldset>
            <legend>{t('suppliers.catalog.mode')}</legend>
            {CATALOG_MODES.map((m) => (
              <label key={m} className="checkbox">
                <input type="radio" name="mode" value={m} defaultChecked={m === 'full'} /> {t(`suppliers.catalog.mode.${m}`)}
              </label>
            ))}
          </fieldset>
          <div className="form-actions">
            <SubmitButton>{t('suppliers.catalog.send')}</SubmitButton>
          </div>
        </Form>
      </section>
      <h2>{t('suppliers.catalog.versionsTitle')}</h2>
      {d.versions.total === 0 ? (
        <EmptyState message={t('suppliers.catalog.empty')} />
      ) : (
        <>
          <DataTable
            caption={t('suppliers.catalog.versionsTitle')}
            rows={d.versions.rows}
            columns={[
              { label: t('suppliers.catalog.fields.number'), cell: (r) => <Link to={`/suppliers/catalogs/${r.id}`}>{t('suppliers.catalog.version', { number: r.number })}</Link> },
              { label: t('fields.status'), cell: (r) => <CatalogStatusBadge status={r.status} /> },
              { label: t('suppliers.catalog.mode'), cell: (r) => t(`suppliers.catalog.modeShort.${r.mode}`) },
              { label: t('suppliers.catalog.fields.rows'), numeric: true, cell: (r) => number(r.rowsRead) },
              { label: t('suppliers.catalog.fields.invalid'), numeric: true, cell: (r) => number(r.invalidRows) },
              { label: t('fields.created'), cell: (r) => dateTime(r.createdAt) },
            ]}
          />
          <Pagination page={d.versions.page} total={d.versions.total} pageSize={d.versions.pageSize} />
        </>
      )}
    </>
  )
}
