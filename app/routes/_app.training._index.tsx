import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Link } from '../components/navigation'
import { DataTable } from '../components/list-page'
import { Badge, EmptyState, PageHeader } from '../components/ui'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { ProgressBar } from '../modules/training/progress-bar'
import { certificationsOf, trainingCatalogue } from '../modules/training/training.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const catalogue = await trainingCatalogue(actor)
  return json({
    ...catalogue,
    mine: catalogue.learner ? (await certificationsOf(actor, actor.orgId, { pageSize: 50 })).rows : [],
    canManage: can(actor, 'grant:certificate'),
  })
})

export default function TrainingCatalogue() {
  const d = useLoaderData<typeof loader>()
  const { t, date } = useT()
  return (
    <>
      <PageHeader title={t('training.title')} subtitle={t('training.subtitle')} actions={d.canManage ? <Link to="/training/manage" className="btn">{t('nav.trainingManage')}</Link> : null} />
      <section className="card">
        <h2>{t('training.courses')}</h2>
        {d.courses.length === 0 ? (
          <EmptyState message={t('training.noCourses')} />
        ) : (
          <ul className="record-list course-list">
            {d.courses.map((c) => (
              <li key={c.id}>
                <h3>
                  <Link to={`/training/courses/${c.id}`}>{c.title}</Link> {c.finished ? <Badge tone="green">{t('training.finished')}</Badge> : null}
                </h3>
                <p>{c.summary}</p>
                {d.learner ? <ProgressBar label={t('training.modulesDone', { done: c.completed, total: c.total })} value={c.completed} max={c.total} met={c.finished} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <h2>{t('training.certifications')}</h2>
        <ul className="record-list">
          {d.certifications.map((c) => (
            <li key={c.id}>
              <h3>
                <Link to={`/training/exams/${c.id}`}>{c.title}</Link>{' '}
                {c.certificate ? <Badge tone="green">{t('training.heldUntil', { date: date(c.certificate.expiresAt) })}</Badge> : d.learner ? <Badge tone={c.ready ? 'blue' : 'grey'}>{c.ready ? t('training.ready') : t('training.notReady')}</Badge> : null}
              </h3>
              <p>{c.summary}</p>
              <p className="hint">
                {t('training.requires')}:{' '}
                {c.requires.map((r, i) => (
                  <span key={r.id}>
                    {i > 0 ? ', ' : ''}
                    <Link to={`/training/courses/${r.id}`}>{r.title}</Link>
                    {d.learner && r.finished ? ' ✓' : ''}
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ul>
      </section>
      {d.learner ? (
        <section className="card">
          <h2>{t('training.myCertificates')}</h2>
          {d.mine.length === 0 ? (
            <EmptyState message={t('training.noCertificates')} />
          ) : (
            <DataTable
              caption={t('training.myCertificates')}
              rows={d.mine}
              columns={[
                { label: t('training.fields.certification'), cell: (r) => <Link to={`/training/certificates/${r.id}`}>{r.certification}</Link> },
                { label: t('training.fields.holder'), cell: (r) => r.holderName },
                { label: t('training.fields.status'), cell: (r) => <Badge tone={r.status === 'valid' ? 'green' : r.status === 'revoked' ? 'red' : 'amber'}>{t(`training.status.${r.status}`)}</Badge> },
                { label: t('training.fields.expiresAt'), cell: (r) => date(r.expiresAt) },
              ]}
            />
          )}
        </section>
      ) : null}
    </>
  )
}
