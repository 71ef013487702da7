import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { AuditTrail } from '../components/audit-trail'
import { Badge, PageHeader, SubmitButton } from '../components/ui'
import { historyFor } from '../modules/audit/audit.history.server'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { VersionFormSchema } from '../modules/library/library.schema'
import { addLibraryVersion, getLibraryItem, readLibraryUploadForm, toggleFavourite } from '../modules/library/library.server'
import { ValidationFailed } from '../utils/errors'
import { translate } from '../utils/i18n'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const data = await getLibraryItem(actor, params.itemId!)
  return json({ ...data, history: can(actor, 'manage:library') ? await historyFor(actor, 'library_item', params.itemId!, 30) : [] })
})

export const action = handle(async ({ request, params }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  const id = params.itemId!
  await getLibraryItem(actor, id, { recordView: false }) // 404 before anything else
  const multipart = (request.headers.get('content-type') ?? '').startsWith('multipart/form-data')
  const { form, file } = multipart ? await readLibraryUploadForm(request) : { form: await request.formData(), file: null }
  const intent = String(form.get('intent') ?? '')
  if (intent === 'favourite') {
    const { favourite } = await toggleFavourite(actor, id)
    return redirectWithToast(`/library/${id}`, { key: favourite ? 'library.favouriteAdded' : 'library.favouriteRemoved' })
  }
  if (intent === 'version') {
    const note = VersionFormSchema.safeParse({ note: form.get('note') ?? '' })
    const errors: Record<string, string> = {}
    if (!file) errors.file = translate(actor.locale, 'library.errors.fileRequired')
    else if (!file.ok) errors.file = translate(actor.locale, file.messageKey, file.params)
    if (!note.success) errors.note = translate(actor.locale, 'errors.required')
    if (Object.keys(errors).length || !file?.ok || !note.success) return json({ errors, note: String(form.get('note') ?? '') }, { status: 400 })
    try {
      const v = await addLibraryVersion(actor, id, file, note.data.note)
      return redirectWithToast(`/library/${id}`, { key: 'library.versionAdded', params: { number: v.number } })
    } catch (error) {
      if (error instanceof ValidationFailed) return json({ errors: { file: translate(actor.locale, error.messageKey as 'errors.generic') } as Record<string, string>, note: note.data.note }, { status: 400 })
      throw error
    }
  }
  return json({ errors: { file: translate(actor.locale, 'errors.generic') } as Record<string, string>, note: '' }, { status: 400 })
})

function sizeText(bytes: number, number: (n: number) => string) {
  return bytes >= 1024 * 1024 ? `${number(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB` : `${number(Math.max(1, Math.round(bytes / 1024)))} KB`
}

export default function LibraryItemPage() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, date, dateTime, number, locale } = useT()
  const title = locale === 'id' ? d.item.titleId : d.item.titleEn
  const description = locale === 'id' ? d.item.descriptionId : d.item.descriptionEn
  const current = d.versions.find((v) => v.id === d.item.currentVersionId) ?? null
  const fileUrl = (versionId: string) => `/library/${d.item.id}/files/${versionId}`
  return (
    <>
      <PageHeader
        title={title}
        subtitle={`${t(`library.kind.${d.item.kind}`)} · ${t(`library.category.${d.item.category}`)} · ${t(`library.language.${d.item.language}`)}`}
        actions={
          <>
            <Form method="post">
              <button type="submit" name="intent" value="favourite" className="btn" aria-pressed={d.favourite}>
                {d.favourite ? `★ ${t('library.unfavourite')}` : `☆ ${t('library.favourite')}`}
              </button>
            </Form>
            {d.canSeeAnalytics ? <Link to={`/library/${d.item.id}/usage`} className="btn">{t('library.analytics')}</Link> : null}
            {d.canManage ? <Link to={`/library/${d.item.id}/edit`} className="btn">{t('actions.edit')}</Link> : null}
          </>
        }
      />
      <section className="card stack">
        {description ? <p>{description}</p> : null}
        {d.item.product ? <p className="hint">{t('library.fields.product')}: {d.item.product}</p> : null}
        {d.item.tags.length ? (
          <p className="tags">
            {d.item.tags.map((tag) => (
              <Link key={tag} to={`/library?tag=${encodeURIComponent(tag)}`} className="chip">
                #{tag}
              </Link>
            ))}
          </p>
        ) : null}
        {d.item.kind === 'image' && current ? <img className="library-preview" src={fileUrl(current.id)} alt={t('library.preview', { title })} /> : null}
        {current ? (
          <p>
            <a className="btn btn-primary" href={fileUrl(current.id)} download={current.fileName}>
              {t('library.downloadCurrent', { size: sizeText(current.size, number) })}
            </a>
          </p>
        ) : null}
        {d.item.kind === 'video' && d.item.videoUrl ? (
          <p>
            <a className="btn btn-primary" href={d.item.videoUrl} target="_blank" rel="noopener noreferrer">
              {t('library.watch')}
            </a>
          </p>
        ) : null}
        {d.item.audience ? (
          <p className="hint">
            {t('library.sharedWith')}: {t(`library.audience.${d.item.audience}`)}
            {d.targets.length ? ` — ${d.targets.map((x) => (x.kind === 'tier' ? t(`tiers.${x.value as 'gold'}`) : x.label)).join(', ')}` : ''}
          </p>
        ) : null}
      </section>

      {d.item.kind === 'kit' ? (
        <section className="card">
          <h2>{t('library.kitContents')}</h2>
          {d.kitItems.length ? (
            <ul>
              {d.kitItems.map((k) => (
                <li key={k.id}>
                  <Link to={`/library/${k.id}`}>{locale === 'id' ? k.titleId : k.titleEn}</Link> <span className="hint">({t(`library.kind.${k.kind}`)})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">{t('library.kitEmpty')}</p>
          )}
        </section>
      ) : null}

      {d.item.kind === 'document' || d.item.kind === 'image' ? (
        <section className="card">
          <h2>{t('library.versionHistory')}</h2>
          {d.versions.length ? (
            <ol className="timeline" reversed>
              {d.versions.map((v) => (
                <li key={v.id}>
                  <strong>{t('library.versionNumber', { number: v.number })}</strong>
                  {v.id === d.item.currentVersionId ? <> <Badge tone="green">{t('library.versionCurrent')}</Badge></> : null} · <time dateTime={new Date(v.createdAt).toISOString()}>{date(v.createdAt)}</time>
                  {v.author ? ` · ${v.author}` : ''}
                  {v.note ? <p>{v.note}</p> : null}
                  <a href={fileUrl(v.id)} download={v.fileName}>
                    {t('library.download')} {v.fileName}
                  </a>{' '}
                  <span className="hint">({sizeText(v.size, number)})</span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="hint">{t('library.noVersions')}</p>
          )}
          {d.canManage ? (
            <Form method="post" encType="multipart/form-data" className="stack version-form">
              <h3>{t('library.uploadVersion')}</h3>
              <div className={`field${actionData?.errors.file ? ' field-invalid' : ''}`}>
                <label htmlFor="version-file">{t('library.fields.file')}</label>
                <input id="version-file" type="file" name="file" required aria-describedby={actionData?.errors.file ? 'version-file-error' : undefined} />
                {actionData?.errors.file ? (
                  <p className="field-error" id="version-file-error" role="alert">
                    {actionData.errors.file}
                  </p>
                ) : null}
              </div>
              <div className={`field${actionData?.errors.note ? ' field-invalid' : ''}`}>
                <label htmlFor="version-note">{t('library.fields.note')}</label>
                <input id="version-note" name="note" required maxLength={500} defaultValue={actionData?.note ?? ''} aria-describedby="version-note-hint" />
                <p className="hint" id="version-note-hint">
                  {t('library.hints.note')}
                </p>
                {actionData?.errors.note ? (
                  <p className="field-error" role="alert">
                    {actionData.errors.note}
                  </p>
                ) : null}
              </div>
              <SubmitButton intent="version">{t('library.upload')}</SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}

      {d.history.length ? (
        <section className="card">
          <h2>{t('library.history')}</h2>
          <AuditTrail entries={d.history} />
        </section>
      ) : null}
      <p className="hint">
        {t('library.fields.updated')} {dateTime(d.item.updatedAt)}
      </p>
    </>
  )
}
