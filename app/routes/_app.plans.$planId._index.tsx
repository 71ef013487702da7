import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form } from '../components/navigation'
import type { ReactNode } from 'react'
import { z } from 'zod'
import { AuditTrail } from '../components/audit-trail'
import { DataTable } from '../components/list-page'
import { ConfirmButton, EmptyState, PageHeader } from '../components/ui'
import { intentAction, verb } from '../kit/form-action.server'
import { historyFor } from '../modules/audit/audit.history.server'
import { requireActor } from '../modules/auth/require-actor.server'
import { PlanStatusBadge, ProgressBadge } from '../modules/plans/plan-status'
import { MEASURES, QUARTERS } from '../modules/plans/plans.machine'
import { CommentSchema, InitiativeSchema, ObjectiveEditSchema, ObjectiveSchema, PlanDetailsSchema, RemoveSchema, ReviewSchema } from '../modules/plans/plans.schema'
import { addComment, addInitiative, addObjective, addReview, getPlan, removeInitiative, removeObjective, signPlan, updateObjective, updatePlanDetails } from '../modules/plans/plans.server'
import type { MessageKey } from '../utils/i18n'
import { handle } from '../utils/route.server'
import { minorToInput } from '../utils/money'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const plan = await getPlan(actor, params.planId!)
  return json({ ...plan, history: await historyFor(actor, 'business_plan', params.planId!) })
})

const planId = (args: ActionFunctionArgs) => args.params.planId!
const back = (key: MessageKey) => (_: unknown, args: ActionFunctionArgs) => ({ to: `/plans/${planId(args)}`, toast: { key } })

/** Each form of the page is one verb. */
export const action = intentAction({
  details: verb({ schema: PlanDetailsSchema, run: (actor, input, args) => updatePlanDetails(actor, planId(args), input), done: back('plans.saved') }),
  'add-objective': verb({ schema: ObjectiveSchema, run: (actor, input, args) => addObjective(actor, planId(args), input), done: back('plans.objectiveAdded') }),
  'edit-objective': verb({ schema: ObjectiveEditSchema, run: (actor, input, args) => updateObjective(actor, planId(args), input.itemId, input), done: back('plans.objectiveChangedToast') }),
  'remove-objective': verb({ schema: RemoveSchema, run: (actor, input, args) => removeObjective(actor, planId(args), input.itemId), done: back('plans.objectiveRemoved') }),
  'add-initiative': verb({ schema: InitiativeSchema, run: (actor, input, args) => addInitiative(actor, planId(args), input), done: back('plans.initiativeAdded') }),
  'remove-initiative': verb({ schema: RemoveSchema, run: (actor, input, args) => removeInitiative(actor, planId(args), input.itemId), done: back('plans.initiativeRemoved') }),
  sign: verb({ schema: z.object({}), run: (actor, _input, args) => signPlan(actor, planId(args)), done: back('plans.signedToast') }),
  comment: verb({ schema: CommentSchema, run: (actor, input, args) => addComment(actor, planId(args), input.body), done: back('plans.commented') }),
  review: verb({ schema: ReviewSchema, run: (actor, input, args) => addReview(actor, planId(args), input), done: back('plans.reviewRecorded') }),
})

type Failed = { intent?: string; message?: string; initialValue?: Record<string, string>; error?: Record<string, string[] | null> }

/** A labelled input that keeps what the user typed and shows its error when its form came back refused. */
function Input({ form, name, label, failed, type = 'text', required, hint, textarea, defaultValue, children }: { form: string; name: string; label: string; failed: Failed | null; type?: string; required?: boolean; hint?: string; textarea?: boolean; defaultValue?: string; children?: ReactNode }) {
  const { tl } = useT()
  const id = `${form}-${name}`
  const error = failed?.error?.[name]?.[0]
  const value = failed?.initialValue?.[name] ?? defaultValue
  const common = { id, name, required, defaultValue: value, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined }
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children ? <select {...common}>{children}</select> : textarea ? <textarea {...common} rows={3} /> : <input {...common} type={type} />}
      {hint ? <p className="hint">{hint}</p> : null}
      {error ? <p className="field-error" id={`${id}-error`} role="alert">{tl(error)}</p> : null}
    </div>
  )
}

export default function PlanPage() {
  const d = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>() as Failed | undefined
  const { t, tl, money, number, date, dateTime, calendarDate } = useT()
  const failedIntent = data ? (data.intent ?? data.initialValue?.intent) : undefined
  const failed = (intent: string) => (data && failedIntent === intent ? data : null)
  const p = d.plan
  const perm = d.permissions
  const value = (isMoney: boolean, n: number | null) => (n === null ? t('plans.progress.unavailable') : isMoney ? money(n, p.currency) : number(n))
  const signature = (who: string | null, at: number | null) => (who && at ? t('plans.signedBy', { who, date: dateTime(at) }) : t('plans.notSigned'))
  return (
    <>
      <PageHeader
        title={p.title}
        subtitle={
          <>
            {d.partnerName} · {p.year} · <PlanStatusBadge status={p.status} /> · {t('plans.version', { version: p.version })}
          </>
        }
        actions={
          <>
            <a className="btn" href={`/plans/${p.id}/pdf?lang=id`} download>{t('plans.downloadPdf')} ({t('plans.indonesian')})</a>
            <a className="btn" href={`/plans/${p.id}/pdf?lang=en`} download>{t('plans.downloadPdf')} ({t('plans.english')})</a>
          </>
        }
      />
      {data?.message ? <div className="form-error" role="alert">{tl(data.message)}</div> : null}

      <section className="card" aria-labelledby="signatures">
        <h2 id="signatures">{t('plans.signatures')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('plans.vendorSide')}</dt>
            <dd>{signature(d.vendorSignedByName, p.vendorSignedAt)}</dd>
          </div>
          <div>
            <dt>{t('plans.partnerSide')}</dt>
            <dd>{signature(d.partnerSignedByName, p.partnerSignedAt)}</dd>
          </div>
        </dl>
        {perm.sign ? (
          <Form method="post">
            <ConfirmButton intent="sign" message="plans.confirmSign" className="btn btn-primary">{t('plans.sign')}</ConfirmButton>
          </Form>
        ) : null}
        {perm.edit && p.status === 'signed' ? <p className="hint">{t('plans.editWarning', { version: p.version + 1 })}</p> : null}
        {perm.edit && (p.status === 'signed_by_vendor' || p.status === 'signed_by_partner') ? <p className="hint">{t('plans.oneSignedWarning')}</p> : null}
        {d.changesSinceSigned.length ? (
          <div className="notice notice-warning" role="status">
            <strong>{t('plans.changesSince', { version: d.lastSignedVersion ?? 0 })}</strong>
            <ul>
              {d.changesSinceSigned.map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="objectives">
        <h2 id="objectives">{t('plans.objectives')}</h2>
        {d.objectives.length === 0 ? (
          <EmptyState message={t('plans.objectivesEmpty')} />
        ) : (
          <DataTable
            caption={t('plans.objectivesCaption')}
            rows={d.objectives}
            columns={[
              {
                label: t('plans.fields.objective'),
                cell: (o) => (
                  <>
                    <strong>{o.title}</strong>
                    <br />
                    <span className="hint">{t(`plans.measure.${o.measure}`)}</span>
                    {!o.available && o.measure !== 'free_text' ? <p className="hint">{t('plans.notAvailable')}</p> : null}
                  </>
                ),
              },
              ...QUARTERS.map((q) => ({
                label: t('plans.quarter', { quarter: q }),
                cell: (o: (typeof d.objectives)[number]) => {
                  const x = o.quarters[q - 1]
                  if (o.measure === 'free_text') return '—'
                  return (
                    <>
                      <span>{t('plans.targetActual', { actual: value(o.money, x.actual), target: value(o.money, x.target) })}</span>
                      <br />
                      <ProgressBadge progress={x.progress} />
                    </>
                  )
                },
              })),
              ...(perm.edit
                ? [
                    {
                      label: t('plans.fields.actions'),
                      cell: (o: (typeof d.objectives)[number]) => {
                        const kept = failed('edit-objective')?.initialValue?.itemId === o.id ? failed('edit-objective') : null
                        return (
                          <>
                            <details open={kept ? true : undefined}>
                              <summary>{t('plans.editTargets')}</summary>
                              <Form method="post" className="stack">
                                <input type="hidden" name="itemId" value={o.id} />
                                <Input form={`edit-${o.id}`} name="title" label={t('plans.fields.objective')} failed={kept} defaultValue={o.title} required />
                                {o.measure !== 'free_text'
                                  ? QUARTERS.map((q) => <Input key={q} form={`edit-${o.id}`} name={`q${q}`} label={t(`plans.fields.q${q}`)} failed={kept} defaultValue={o.money ? minorToInput(o[`q${q}`], p.currency) : String(o[`q${q}`])} />)
                                  : null}
                                <button type="submit" name="intent" value="edit-objective" className="btn btn-small">{t('plans.saveTargets')}</button>
                              </Form>
                            </details>
                            <Form method="post">
                              <input type="hidden" name="itemId" value={o.id} />
                              <ConfirmButton intent="remove-objective" message="plans.confirmRemove" className="btn btn-small">{t('plans.remove')}</ConfirmButton>
                            </Form>
                          </>
                        )
                      },
                    },
                  ]
                : []),
            ]}
          />
        )}
        {perm.edit ? (
          // keyed by the count, so a saved form comes back empty for the next one
          <Form key={d.objectives.length} method="post" className="stack form-grid" aria-label={t('plans.addObjective')}>
            <h3>{t('plans.addObjective')}</h3>
            <Input form="objective" name="measure" label={t('plans.fields.measure')} failed={failed('add-objective')} required>
              {MEASURES.map((m) => (
                <option key={m} value={m}>{t(`plans.measure.${m}`)}</option>
              ))}
            </Input>
            <Input form="objective" name="title" label={t('plans.fields.objective')} failed={failed('add-objective')} required />
            {QUARTERS.map((q) => (
              <Input key={q} form="objective" name={`q${q}`} label={t(`plans.fields.q${q}`)} failed={failed('add-objective')} hint={q === 1 ? t('plans.hints.targets') : undefined} />
            ))}
            <div className="form-actions"><button type="submit" name="intent" value="add-objective" className="btn btn-primary">{t('plans.addObjective')}</button></div>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="initiatives">
        <h2 id="initiatives">{t('plans.initiatives')}</h2>
        {d.initiatives.length === 0 ? (
          <EmptyState message={t('plans.initiativesEmpty')} />
        ) : (
          <DataTable
            caption={t('plans.initiatives')}
            rows={d.initiatives}
            columns={[
              { label: t('plans.fields.title'), cell: (i) => i.title },
              { label: t('plans.fields.owner'), cell: (i) => i.owner },
              { label: t('plans.fields.startDate'), cell: (i) => calendarDate(i.startDate) },
              { label: t('plans.fields.endDate'), cell: (i) => calendarDate(i.endDate) },
              { label: t('plans.fields.budget'), numeric: true, cell: (i) => money(i.budgetMinor, p.currency) },
              ...(perm.edit
                ? [
                    {
                      label: t('plans.fields.actions'),
                      cell: (i: (typeof d.initiatives)[number]) => (
                        <Form method="post">
                          <input type="hidden" name="itemId" value={i.id} />
                          <ConfirmButton intent="remove-initiative" message="plans.confirmRemove" className="btn btn-small">{t('plans.remove')}</ConfirmButton>
                        </Form>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
        {perm.edit ? (
          <Form key={d.initiatives.length} method="post" className="stack form-grid" aria-label={t('plans.addInitiative')}>
            <h3>{t('plans.addInitiative')}</h3>
            <Input form="initiative" name="title" label={t('plans.fields.title')} failed={failed('add-initiative')} required />
            <Input form="initiative" name="owner" label={t('plans.fields.owner')} failed={failed('add-initiative')} required />
            <Input form="initiative" name="startDate" type="date" label={t('plans.fields.startDate')} failed={failed('add-initiative')} required />
            <Input form="initiative" name="endDate" type="date" label={t('plans.fields.endDate')} failed={failed('add-initiative')} required />
            <Input form="initiative" name="budget" label={t('plans.fields.budget')} failed={failed('add-initiative')} />
            <div className="form-actions"><button type="submit" name="intent" value="add-initiative" className="btn btn-primary">{t('plans.addInitiative')}</button></div>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="swot">
        <h2 id="swot">{t('plans.swot')}</h2>
        {perm.edit ? (
          <Form method="post" className="stack form-grid">
            <Input form="details" name="title" label={t('plans.fields.title')} failed={failed('details')} defaultValue={p.title} required />
            {(['strengths', 'weaknesses', 'opportunities', 'threats', 'notes'] as const).map((f) => (
              <Input key={f} form="details" name={f} label={t(`plans.fields.${f}`)} failed={failed('details')} defaultValue={p[f]} textarea />
            ))}
            <div className="form-actions"><button type="submit" name="intent" value="details" className="btn btn-primary">{t('plans.saveDetails')}</button></div>
          </Form>
        ) : (
          <dl className="facts">
            {(['strengths', 'weaknesses', 'opportunities', 'threats', 'notes'] as const).map((f) => (
              <div key={f}>
                <dt>{t(`plans.fields.${f}`)}</dt>
                <dd className="prewrap">{p[f] || '—'}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      <div className="grid-2">
        <section className="card" aria-labelledby="comments">
          <h2 id="comments">{t('plans.comments')}</h2>
          {d.comments.length === 0 ? <p className="hint">{t('plans.commentsEmpty')}</p> : (
            <ol className="thread">
              {d.comments.map((c) => (
                <li key={c.id}>
                  <strong>{c.authorName}</strong> <time className="hint" dateTime={new Date(c.createdAt).toISOString()}>{dateTime(c.createdAt)}</time>
                  <p className="prewrap">{c.body}</p>
                </li>
              ))}
            </ol>
          )}
          {perm.comment ? (
            <Form key={d.comments.length} method="post" className="stack">
              <Input form="comment" name="body" label={t('plans.fields.comment')} failed={failed('comment')} textarea required />
              <button type="submit" name="intent" value="comment" className="btn">{t('plans.postComment')}</button>
            </Form>
          ) : null}
        </section>

        <section className="card" aria-labelledby="reviews">
          <h2 id="reviews">{t('plans.reviews')}</h2>
          {d.reviews.length === 0 ? <p className="hint">{t('plans.reviewsEmpty')}</p> : (
            <ol className="thread">
              {d.reviews.map((r) => (
                <li key={r.id}>
                  <strong>{t('plans.quarterYear', { quarter: r.quarter, year: p.year })}</strong> · {calendarDate(r.heldOn)} · <span className="hint">{r.authorName}</span>
                  <p><strong>{t('plans.fields.discussed')}:</strong> <span className="prewrap">{r.discussed}</span></p>
                  <p><strong>{t('plans.fields.decisions')}:</strong> <span className="prewrap">{r.decisions}</span></p>
                </li>
              ))}
            </ol>
          )}
          {perm.review ? (
            <Form key={d.reviews.length} method="post" className="stack">
              <Input form="review" name="quarter" label={t('plans.fields.quarter')} failed={failed('review')} required>
                {QUARTERS.map((q) => (
                  <option key={q} value={q}>{t('plans.quarter', { quarter: q })}</option>
                ))}
              </Input>
              <Input form="review" name="heldOn" type="date" label={t('plans.fields.heldOn')} failed={failed('review')} required />
              <Input form="review" name="discussed" label={t('plans.fields.discussed')} failed={failed('review')} textarea required />
              <Input form="review" name="decisions" label={t('plans.fields.decisions')} failed={failed('review')} textarea required />
              <button type="submit" name="intent" value="review" className="btn">{t('plans.addReview')}</button>
            </Form>
          ) : null}
        </section>
      </div>

      <section className="card" aria-labelledby="versions">
        <h2 id="versions">{t('plans.versions')}</h2>
        {d.versions.length === 0 ? <p className="hint">{t('plans.versionsEmpty')}</p> : (
          <ul className="record-list">
            {d.versions.map((v) => (
              <li key={v.id}>{t('plans.versionSigned', { version: v.version, date: date(v.signedAt), vendor: v.vendorSignedByName ?? '—', partner: v.partnerSignedByName ?? '—' })}</li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="history">
        <h2 id="history">{t('audit.history')}</h2>
        <AuditTrail entries={d.history} />
      </section>
    </>
  )
}
