import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { Badge, ConfirmButton, PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { examPage, startExam, submitExam } from '../modules/training/training.server'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const resultId = new URL(request.url).searchParams.get('result')
  return json(await examPage(actor, params.certificationId!, { resultId }))
})

/** Start draws the questions; submit sends the chosen option keys (`q.<questionId>`) to be graded on the server. */
export const action = handle(async ({ request, params }: ActionFunctionArgs) => {
  const actor = await requireActor(request)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const base = `/training/exams/${params.certificationId}`
  if (intent === 'start') {
    await startExam(actor, params.certificationId!)
    return redirectWithToast(base, { key: 'training.exam.started' })
  }
  if (intent === 'submit') {
    const answers: Record<string, string[]> = {}
    for (const [name, value] of form) {
      if (!name.startsWith('q.') || typeof value !== 'string' || Object.keys(answers).length > 100) continue
      ;(answers[name.slice(2)] ??= []).push(value.slice(0, 16))
    }
    const r = await submitExam(actor, String(form.get('attemptId') ?? ''), answers)
    return redirectWithToast(`${base}?result=${r.attemptId}`, r.passed ? { key: 'training.exam.passed', params: { score: r.scorePct } } : { key: 'training.exam.resultFailed', params: { score: r.scorePct }, type: 'error' })
  }
  return json({ message: 'errors.generic' }, { status: 400 })
})

export default function ExamPage() {
  const d = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>() as { message?: string } | undefined
  const { t, tl, date, dateTime } = useT()
  const s = d.state
  return (
    <>
      <PageHeader title={t('training.exam.title', { title: d.title })} subtitle={d.summary} actions={<Link to="/training" className="btn">{t('training.backToCatalogue')}</Link>} />
      {data?.message ? (
        <div className="form-error" role="alert">
          {tl(data.message)}
        </div>
      ) : null}
      {d.attempt ? (
        <Form method="post" className="card stack exam-form">
          <input type="hidden" name="attemptId" value={d.attempt.id} />
          <p className="notice">{t('training.exam.deadline', { time: dateTime(d.attempt.deadlineAt) })}</p>
          {d.attempt.questions.map((q, i) => (
            <fieldset key={q.id} className="question">
              <legend>
                <span className="hint">{t('training.exam.question', { n: i + 1, total: d.attempt!.questions.length })}</span>
                <br />
                {q.text}
              </legend>
              <p className="hint">{q.type === 'single' ? t('training.exam.chooseOne') : t('training.exam.chooseAll')}</p>
              {q.options.map((o) => (
                <label key={o.key} className="checkbox">
                  <input type={q.type === 'single' ? 'radio' : 'checkbox'} name={`q.${q.id}`} value={o.key} /> {o.label}
                </label>
              ))}
            </fieldset>
          ))}
          <div className="form-actions">
            <ConfirmButton intent="submit" message="training.exam.submitConfirm" className="btn btn-primary">
              {t('training.exam.submit')}
            </ConfirmButton>
          </div>
        </Form>
      ) : null}

      {d.result ? (
        <section className="card" aria-labelledby="result-title">
          <h2 id="result-title">
            {t('training.exam.resultTitle')}: {d.result.passed ? <Badge tone="green">{t('training.exam.resultPassed', { score: d.result.scorePct })}</Badge> : <Badge tone="red">{t('training.exam.resultFailed', { score: d.result.scorePct })}</Badge>}
          </h2>
          <p className="hint">{dateTime(d.result.at)}</p>
          {d.result.late ? <p className="notice notice-warning">{t('training.exam.late')}</p> : null}
          {!d.result.passed ? <p>{t('training.exam.failed', { score: d.result.scorePct, passMark: d.rules.passMark })}</p> : null}
          <ol className="result-list">
            {d.result.items.map((item) => (
              <li key={item.id}>
                <p>
                  <Badge tone={item.right ? 'green' : 'red'}>{item.right ? t('training.exam.right') : t('training.exam.wrong')}</Badge> {item.text}
                </p>
                <p className="hint">{item.chosen.length ? t('training.exam.yourAnswer', { answer: item.chosen.join('; ') }) : t('training.exam.noAnswer')}</p>
              </li>
            ))}
          </ol>
          {!d.result.passed ? <p className="hint">{t('training.exam.keyHidden')}</p> : null}
        </section>
      ) : null}

      {!d.attempt ? (
        <section className="card stack">
          <h2>{t('training.exam.rules')}</h2>
          <p>{t('training.exam.rulesText', { count: d.rules.questionCount, minutes: d.rules.timeLimitMinutes, passMark: d.rules.passMark, attempts: d.rules.maxAttempts, hours: d.rules.cooldownHours, months: d.rules.validityMonths })}</p>
          {!d.learner ? <p className="hint">{t('training.exam.managerNote')}</p> : null}
          {s?.certificate ? (
            <p>
              <Badge tone="green">{t('training.heldUntil', { date: date(s.certificate.expiresAt) })}</Badge>{' '}
              <Link to={`/training/certificates/${s.certificate.id}`}>{t('training.exam.viewCertificate')}</Link>
            </p>
          ) : null}
          {s ? (
            <>
              <p className="hint">{t('training.exam.attemptsLeft', { count: s.attemptsLeft })}</p>
              {s.block ? (
                <p className="notice">{s.block === 'coolingDown' ? t('training.block.coolingDown', { date: dateTime(s.coolingUntil) }) : t(`training.block.${s.block}`)}</p>
              ) : (
                <Form method="post">
                  <ConfirmButton intent="start" message="training.exam.startConfirm" className="btn btn-primary">
                    {t('training.exam.start')}
                  </ConfirmButton>
                </Form>
              )}
            </>
          ) : null}
        </section>
      ) : null}
    </>
  )
}
