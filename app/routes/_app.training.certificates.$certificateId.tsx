import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { AuditTrail } from '../components/audit-trail'
import { Badge, ConfirmButton, FormError, PageHeader, TextAreaField } from '../components/ui'
import { formAction } from '../kit/form-action.server'
import { historyFor } from '../modules/audit/audit.history.server'
import { requireActor } from '../modules/auth/require-actor.server'
import { ReasonSchema } from '../modules/training/training.schema'
import { getCertificate, revokeCertificate } from '../modules/training/training.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const certificate = await getCertificate(actor, params.certificateId!)
  return json({ ...certificate, history: await historyFor(actor, 'certificate', certificate.id) })
})

export const action = formAction({
  guard: (actor, args) => getCertificate(actor, args.params.certificateId!),
  schema: ReasonSchema,
  run: (actor, input, args) => revokeCertificate(actor, args.params.certificateId!, input.reason),
  done: (_r, args) => ({ to: `/training/certificates/${args.params.certificateId}`, toast: { key: 'training.revoked' } }),
})

export default function CertificatePage() {
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t, tl, date } = useT()
  const [form, f] = useForm({ lastResult: lastResult as never, onValidate: ({ formData }) => parseWithZod(formData, { schema: ReasonSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  const message = (lastResult as { message?: string } | undefined)?.message
  return (
    <>
      <PageHeader
        title={t('training.certificateOf', { certification: d.certification, holder: d.holderName })}
        subtitle={<Badge tone={d.status === 'valid' ? 'green' : d.status === 'revoked' ? 'red' : 'amber'}>{t(`training.status.${d.status}`)}</Badge>}
        actions={
          <a href={`/training/certificates/${d.id}/pdf`} className="btn btn-primary" download>
            {t('training.downloadPdf')}
          </a>
        }
      />
      <section className="card">
        <dl className="facts">
          <div><dt>{t('training.fields.holder')}</dt><dd>{d.holderName}</dd></div>
          <div><dt>{t('training.fields.certification')}</dt><dd><Link to={`/training/exams/${d.certificationId}`}>{d.certification}</Link></dd></div>
          <div><dt>{t('training.fields.organisation')}</dt><dd>{d.orgName}</dd></div>
          <div><dt>{t('training.fields.issuedAt')}</dt><dd>{date(d.issuedAt)}</dd></div>
          <div><dt>{t('training.fields.expiresAt')}</dt><dd>{date(d.expiresAt)}</dd></div>
          <div><dt>{t('training.fields.source')}</dt><dd>{t(`training.source.${d.source}`)}</dd></div>
          <div><dt>{t('training.fields.code')}</dt><dd><code>{d.code}</code></dd></div>
          {d.reason ? <div><dt>{t('training.fields.reason')}</dt><dd>{d.reason}</dd></div> : null}
        </dl>
        <p>
          <Link to={d.verifyPath}>{t('training.verifyLink')}</Link>
        </p>
      </section>
      {d.canRevoke ? (
        <section className="card">
          <h2>{t('training.revoke')}</h2>
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormError errors={form.errors} />
            {message ? <div className="form-error" role="alert">{tl(message)}</div> : null}
            <TextAreaField meta={f.reason} label={t('training.fields.reason')} rows={2} />
            <ConfirmButton intent="revoke" message="training.revokeConfirm">{t('training.revoke')}</ConfirmButton>
          </Form>
        </section>
      ) : null}
      <section className="card">
        <h2>{t('training.history')}</h2>
        <AuditTrail entries={d.history} />
      </section>
    </>
  )
}
