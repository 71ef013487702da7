import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form } from '../components/navigation'
import { PublicLayout } from '../components/public-layout'
import { SubmitButton } from '../components/ui'
import { AnswerSchema } from '../modules/suppliers/suppliers.schema'
import { answerApplicantQuestion, openQuestion } from '../modules/suppliers/suppliers.server'
import { useT } from '../utils/use-t'

// Public: the emailed secret link is the credential (single use: it ends with the answer).
export async function loader({ params }: LoaderFunctionArgs) {
  return json({ question: await openQuestion(params.token ?? '') })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const found = await openQuestion(params.token ?? '')
  if (!found) return json({ error: 'suppliers.apply.linkInvalid' }, { status: 404 })
  const parsed = AnswerSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return json({ error: 'errors.required' }, { status: 400 })
  await answerApplicantQuestion(params.token!, parsed.data.answer)
  return json({ error: null, answered: true })
}

export default function AnswerQuestion() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>() as { error: string | null; answered?: boolean } | undefined
  const { t, tl } = useT()
  return (
    <PublicLayout title={t('suppliers.apply.answerTitle')}>
      {a?.answered ? (
        <p className="notice" role="status">{t('suppliers.apply.answered')}</p>
      ) : !d.question ? (
        <p className="notice" role="status">{t('suppliers.apply.linkInvalid')}</p>
      ) : (
        <Form method="post" className="stack">
          <p><strong>{d.question.legalName}</strong></p>
          <blockquote>{d.question.question}</blockquote>
          <div className={`field${a?.error ? ' field-invalid' : ''}`}>
            <label htmlFor="answer">{t('suppliers.apply.answer')}</label>
            <textarea id="answer" name="answer" rows={5} required maxLength={4000} />
            {a?.error ? <p className="field-error" role="alert">{tl(a.error)}</p> : null}
          </div>
          <SubmitButton>{t('suppliers.apply.sendAnswer')}</SubmitButton>
        </Form>
      )}
    </PublicLayout>
  )
}
