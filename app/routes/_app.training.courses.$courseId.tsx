import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { z } from 'zod'
import { PageHeader, SubmitButton } from '../components/ui'
import { intentAction, verb } from '../kit/form-action.server'
import { requireActor } from '../modules/auth/require-actor.server'
import { ProgressBar } from '../modules/training/progress-bar'
import { completeModule, coursePage, enrolInCourse } from '../modules/training/training.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const moduleId = new URL(request.url).searchParams.get('module')
  return json(await coursePage(actor, params.courseId!, moduleId))
})

const courseId = (args: ActionFunctionArgs) => args.params.courseId!

export const action = intentAction({
  enrol: verb({ schema: z.object({}), run: (actor, _input, args) => enrolInCourse(actor, courseId(args)), done: (_r, args) => ({ to: `/training/courses/${courseId(args)}`, toast: { key: 'training.enrolled' } }) }),
  complete: verb({
    schema: z.object({ moduleId: z.string().min(1).max(64) }),
    run: async (actor, input, args) => ({ ...(await completeModule(actor, courseId(args), input.moduleId)), moduleId: input.moduleId }),
    // on to the next unread module; the last one stays in view with the way to the exam
    done: (r, args) => ({ to: `/training/courses/${courseId(args)}?module=${r.next ?? r.moduleId}`, toast: { key: r.finished ? 'training.courseFinished' : 'training.moduleSaved' } }),
  }),
})

export default function CoursePage() {
  const d = useLoaderData<typeof loader>()
  const { t } = useT()
  const isLast = d.modules.filter((m) => !m.done && m.id !== d.current.id).length === 0
  return (
    <>
      <PageHeader title={d.title} subtitle={d.summary} actions={<Link to="/training" className="btn">{t('training.backToCatalogue')}</Link>} />
      <div className="course-layout">
        <nav className="card course-modules" aria-label={t('training.modules')}>
          <h2>{t('training.modules')}</h2>
          {d.learner ? <ProgressBar label={t('training.modulesDone', { done: d.progress.completed, total: d.progress.total })} value={d.progress.completed} max={d.progress.total} met={d.progress.finished} /> : null}
          <ol>
            {d.modules.map((m) => (
              <li key={m.id}>
                <Link to={`?module=${m.id}`} aria-current={m.id === d.current.id ? 'page' : undefined}>
                  {m.title}
                </Link>
                {m.done ? <span className="hint"> ✓ {t('training.moduleDone')}</span> : null}
              </li>
            ))}
          </ol>
          {d.certifications.length ? (
            <p className="hint">
              {t('training.leadsTo')}:{' '}
              {d.certifications.map((c, i) => (
                <span key={c.id}>
                  {i > 0 ? ', ' : ''}
                  <Link to={`/training/exams/${c.id}`}>{c.title}</Link>
                </span>
              ))}
            </p>
          ) : null}
        </nav>
        <article className="card">
          <h2>{d.current.title}</h2>
          {/* rendered from the course file by micromark with raw HTML escaped (course-files.server.ts) */}
          <div className="prose" dangerouslySetInnerHTML={{ __html: d.current.html }} />
          {d.learner ? (
            d.current.done ? (
              d.current.next ? (
                <Link to={`?module=${d.current.next}`} className="btn">
                  {t('training.nextModule')}
                </Link>
              ) : d.progress.finished ? (
                <p className="notice">{t('training.courseFinished')}</p>
              ) : null
            ) : (
              <Form method="post">
                <input type="hidden" name="moduleId" value={d.current.id} />
                <SubmitButton intent="complete">{isLast ? t('training.markDoneLast') : t('training.markDone')}</SubmitButton>
              </Form>
            )
          ) : null}
          {d.learner && d.progress.finished && d.certifications.length ? (
            <p>
              {d.certifications.map((c) => (
                <Link key={c.id} to={`/training/exams/${c.id}`} className="btn btn-primary">
                  {t('training.takeExam')}: {c.title}
                </Link>
              ))}
            </p>
          ) : null}
        </article>
      </div>
    </>
  )
}
