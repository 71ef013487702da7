import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { intentAction, verb } from '../kit/form-action.server'
import { historyFor } from '../modules/audit/audit.history.server'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { AuditTrail } from '../components/audit-trail'
import { Badge, ConfirmButton, EmptyState, IntentTextForm, PageHeader } from '../components/ui'
import { requireActor } from '../modules/auth/require-actor.server'
import { listPipelines } from '../modules/crm/crm.server'
import { DealStatusBadge, TimeLeft } from '../modules/deals/deal-status'
import { AnswerSchema, ConvertSchema, ExtensionDecisionSchema, ExtensionRequestSchema, RejectSchema, ReturnSchema } from '../modules/deals/deals.schema'
import { answerAndResubmit, approveDeal, convertDeal, decideExtension, decidePendingExtension, getDeal, rejectDeal, requestExtension, returnDeal, submitDraft, withdrawDeal } from '../modules/deals/deals.server'
import { describeReason, type MatchReason } from '../modules/matching/company-match'
import { formatNpwp } from '../modules/orgs/orgs.schema'
import { backTo } from '../utils/redirect'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'
import type { MessageKey } from '../utils/i18n'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const deal = await getDeal(actor, params.dealId!)
  const pipelines = deal.permissions.convert ? (await listPipelines(actor)).map((p) => ({ id: p.id, name: p.name })) : []
  return json({
    ...deal,
    conflicts: deal.conflicts.map((c) => ({ ...c, reasonsText: (c.reasons as MatchReason[]).map((r) => describeReason(r, actor.locale)) })),
    history: await historyFor(actor, 'deal_registration', params.dealId!),
    pipelines,
    now: Date.now(),
  })
})

const NoInput = z.object({})
const dealId = (args: ActionFunctionArgs) => args.params.dealId!
// the approval queue posts its buttons here with ?returnTo=/approvals…, and gets its list back
const back = (key: MessageKey) => (_: unknown, args: ActionFunctionArgs) => ({ to: backTo(args.request, `/deals/${dealId(args)}`), toast: { key } })

/** Each button of the page is one verb: its schema, the service call, and the message after it. */
export const action = intentAction({
  submit: verb({ schema: z.object({ acceptRules: z.string().optional() }), run: (actor, input, args) => submitDraft(actor, dealId(args), input.acceptRules === 'on'), done: back('deals.submitted') }),
  withdraw: verb({ schema: NoInput, run: (actor, _input, args) => withdrawDeal(actor, dealId(args)), done: back('deals.withdrawn') }),
  approve: verb({ schema: NoInput, run: (actor, _input, args) => approveDeal(actor, dealId(args)), done: back('deals.approved') }),
  reject: verb({ schema: RejectSchema, run: (actor, input, args) => rejectDeal(actor, dealId(args), input.reason), done: back('deals.rejected') }),
  return: verb({ schema: ReturnSchema, run: (actor, input, args) => returnDeal(actor, dealId(args), input.question), done: back('deals.returned') }),
  answer: verb({ schema: AnswerSchema, run: (actor, input, args) => answerAndResubmit(actor, dealId(args), input.answer), done: back('deals.answered') }),
  'request-extension': verb({ schema: ExtensionRequestSchema, run: (actor, input, args) => requestExtension(actor, dealId(args), input.justification), done: back('deals.extensionRequested') }),
  // the approval queue's buttons for the registration's pending extension
  'approve-extension': verb({ schema: NoInput, run: (actor, _input, args) => decidePendingExtension(actor, dealId(args), 'approve', null), done: back('deals.extensionDecided') }),
  'decline-extension': verb({ schema: RejectSchema, run: (actor, input, args) => decidePendingExtension(actor, dealId(args), 'decline', input.reason), done: back('deals.extensionDecided') }),
  'decide-extension': verb({ schema: ExtensionDecisionSchema, run: (actor, input, args) => decideExtension(actor, dealId(args), input.extensionId, input.decision, input.reason), done: back('deals.extensionDecided') }),
  convert: verb({ schema: ConvertSchema, run: (actor, input, args) => convertDeal(actor, dealId(args), input), done: back('deals.converted') }),
})

export default function DealPage() {
  const d = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>() as { message?: string } | undefined
  const { t, tl, money, date, dateTime, calendarDate } = useT()
  const r = d.registration
  const p = d.permissions
  const accountTargets = d.conflicts.filter((c) => c.matchType === 'account')
  return (
    <>
      <PageHeader
        title={r.customerName}
        subtitle={
          <>
            <DealStatusBadge status={r.status} /> · {d.partnerName}
            {r.status === 'approved' ? <> · <TimeLeft protectedUntil={r.protectedUntil} now={d.now} /></> : null}
          </>
        }
        actions={
          <>
            {p.edit ? <Link to={`/deals/${r.id}/edit`} className="btn">{t('actions.edit')}</Link> : null}
            {p.withdraw ? (
              <Form method="post">
                <ConfirmButton intent="withdraw" message="deals.confirmWithdraw">{t('deals.withdraw')}</ConfirmButton>
              </Form>
            ) : null}
          </>
        }
      />
      {data?.message ? <div className="form-error" role="alert">{tl(data.message)}</div> : null}
      {p.answer ? (
        // the manager's question is what the partner must act on: first on the page, with the answer form
        <section className="card callout" id="answer" aria-labelledby="answer-title">
          <h2 id="answer-title">{t('deals.questionForYou')}</h2>
          {d.messages.filter((m) => m.kind === 'question').slice(-1).map((m) => (
            <blockquote className="question" key={m.id}>
              {m.body}
              <footer className="hint">{m.authorName} · {dateTime(m.createdAt)}</footer>
            </blockquote>
          ))}
          <IntentTextForm intent="answer" name="answer" label={t('deals.answer')} button={t('deals.answerAndResubmit')} rows={3} className="btn btn-primary" />
        </section>
      ) : null}
      {d.underReview && !d.conflicts.length ? (
        <div className="notice notice-warning" role="status"><strong>{t('deals.conflictUnderReview')}</strong></div>
      ) : null}
      {d.alreadyRegistered.length ? (
        <div className="notice" role="status">
          {t('deals.alreadyRegistered')}{' '}
          {d.alreadyRegistered.map((x, i) => (
            <span key={x.id}>{i ? ', ' : ''}<Link to={`/deals/${x.id}`}>{x.customerName}</Link> (<DealStatusBadge status={x.status} />)</span>
          ))}
        </div>
      ) : null}
      {r.rejectionReason ? <div className="notice" role="status">{t('deals.rejectedBecause', { reason: r.rejectionReason })}</div> : null}

      <dl className="facts">
        <div><dt>{t('deals.fields.customerWebsite')}</dt><dd>{r.customerWebsite ?? '—'}</dd></div>
        <div><dt>{t('deals.fields.customerNpwp')}</dt><dd>{r.customerNpwp ? formatNpwp(r.customerNpwp) : '—'}</dd></div>
        <div><dt>{t('deals.cityProvince')}</dt><dd>{[r.customerCity, r.customerRegion].filter(Boolean).join(', ') || '—'}</dd></div>
        <div><dt>{t('deals.contact')}</dt><dd>{r.contactName} · {r.contactEmail}{r.contactPhone ? ` · ${r.contactPhone}` : ''}</dd></div>
        <div><dt>{t('deals.fields.products')}</dt><dd>{r.products}</dd></div>
        <div><dt>{t('deals.fields.value')}</dt><dd>{money(r.valueMinor, r.currency)}</dd></div>
        <div><dt>{t('deals.fields.expectedClose')}</dt><dd>{calendarDate(r.expectedCloseDate)}</dd></div>
        <div><dt>{t('deals.fields.competitors')}</dt><dd>{r.competitors ?? '—'}</dd></div>
        <div><dt>{t('deals.fields.submittedBy')}</dt><dd>{d.submitterName ?? '—'} · {date(r.submittedAt ?? r.createdAt)}</dd></div>
        <div><dt>{t('deals.fields.protectedUntil')}</dt><dd>{r.protectedUntil ? dateTime(r.protectedUntil) : '—'}</dd></div>
        {r.notes ? <div><dt>{t('deals.fields.notes')}</dt><dd>{r.notes}</dd></div> : null}
      </dl>

      {d.opportunity ? (
        <section className="card">
          <h2>{t('deals.opportunity')}</h2>
          <p>
            {d.opportunity.name} · {t('deals.opportunityStage', { stage: d.opportunity.stageName })} ·{' '}
            <Badge tone={d.opportunity.outcome === 'won' ? 'green' : d.opportunity.outcome === 'lost' ? 'red' : 'blue'}>{t(`deals.outcome.${d.opportunity.outcome}`)}</Badge>
          </p>
        </section>
      ) : null}

      {p.submit ? (
        <section className="card">
          <Form method="post" className="stack">
            <label className="checkbox"><input type="checkbox" name="acceptRules" /> {t('deals.fields.acceptRules')}</label>
            <button type="submit" name="intent" value="submit" className="btn btn-primary">{t('deals.submitDraft')}</button>
          </Form>
        </section>
      ) : null}

      {p.decide ? (
        <section className="card">
          <h2>{t('deals.approve')} / {t('deals.reject')}</h2>
          <div className="decision-grid">
            <Form method="post"><ConfirmButton intent="approve" message="deals.confirmApprove" className="btn btn-primary">{t('deals.approve')}</ConfirmButton></Form>
            <IntentTextForm intent="reject" name="reason" label={t('deals.rejectReason')} button={t('deals.reject')} className="btn btn-danger" />
            <IntentTextForm intent="return" name="question" label={t('deals.returnQuestion')} button={t('deals.return')} />
          </div>
        </section>
      ) : null}

      {p.convert ? (
        <section className="card">
          <h2>{t('deals.convert')}</h2>
          <Form method="post" className="stack form-grid">
            <div className="field">
              <label htmlFor="target">{t('deals.convertTarget')}</label>
              <select id="target" name="target" defaultValue={accountTargets[0]?.matchId ?? 'new'}>
                {accountTargets.map((c) => <option key={c.matchId} value={c.matchId}>{c.matchLabel} ({c.score})</option>)}
                <option value="new">{t('deals.convertNewAccount')}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="pipelineId">{t('deals.convertPipeline')}</label>
              <select id="pipelineId" name="pipelineId" defaultValue={d.pipelines.find((x) => /partner|channel/i.test(x.name))?.id ?? d.pipelines[0]?.id}>
                {d.pipelines.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
              </select>
            </div>
            <div className="form-actions"><button type="submit" name="intent" value="convert" className="btn btn-primary">{t('deals.convert')}</button></div>
          </Form>
        </section>
      ) : null}

      {d.conflicts.length ? (
        <section className="card">
          <h2>{t('deals.conflicts')} ({d.conflicts.length}){r.flaggedConflict ? <> · <Badge tone="red">{t('deals.conflictFlagged')}</Badge></> : null}</h2>
          <div className="table-wrap">
            <table className="conflicts">
              <thead><tr><th scope="col">{t('fields.kind')}</th><th scope="col">{t('fields.name')}</th><th scope="col">{t('fields.score')}</th><th scope="col">{t('deals.conflicts')}</th></tr></thead>
              <tbody>
                {d.conflicts.map((c) => (
                  <tr key={c.id}>
                    <td data-label={t('fields.kind')}>{t(`deals.conflictType.${c.matchType}`)}</td>
                    <td data-label={t('fields.name')}>
                      {c.matchType === 'account' ? <Link to={`/accounts/${c.matchId}`}>{c.matchLabel}</Link> : c.matchType === 'opportunity' ? <Link to={`/opportunities/${c.matchId}`}>{c.matchLabel}</Link> : <Link to={`/deals/${c.matchId}`}>{c.matchLabel}</Link>}
                      <div className="hint">{r.customerName}</div>
                    </td>
                    <td data-label={t('fields.score')}>{c.score}</td>
                    <td data-label={t('deals.conflicts')}><ul className="reasons">{c.reasonsText.map((x, i) => <li key={i}>{x}</li>)}</ul></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : d.permissions.decide ? <p className="hint">{t('deals.noConflicts')}</p> : null}

      <div className="grid-2">
        <section className="card">
          <h2>{t('deals.thread')}</h2>
          {d.messages.length === 0 ? <EmptyState message={t('deals.threadEmpty')} /> : (
            <ol className="timeline">
              {d.messages.map((m) => (
                <li key={m.id}>
                  <Badge tone={m.kind === 'question' ? 'amber' : 'blue'}>{t(`deals.message.${m.kind}`)}</Badge> <span className="hint">{m.authorName} · {dateTime(m.createdAt)}</span>
                  <p>{m.body}</p>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="card">
          <h2>{t('deals.extensions')}</h2>
          <p className="hint">{t('deals.extensionsUsed', { used: r.extensionsUsed, max: d.rules.maxExtensions, days: d.rules.extensionDays })}</p>
          <ul className="record-list">
            {d.extensions.map((e) => (
              <li key={e.id}>
                <Badge tone={e.status === 'approved' ? 'green' : e.status === 'declined' ? 'red' : 'amber'}>{t(`deals.extension.status.${e.status}`)}</Badge> {e.justification}
                {e.declineReason ? <div className="hint">{e.declineReason}</div> : null}
                {p.decideExtension && e.status === 'pending' ? (
                  <Form method="post" className="stack">
                    <input type="hidden" name="extensionId" value={e.id} />
                    <label htmlFor={`reason-${e.id}`}>{t('deals.extensionDeclineReason')}</label>
                    <input id={`reason-${e.id}`} name="reason" />
                    <div className="form-actions">
                      <button type="submit" name="decision" value="approve" className="btn btn-primary">{t('deals.extensionApprove')}</button>
                      <button type="submit" name="decision" value="decline" className="btn btn-danger">{t('deals.extensionDecline')}</button>
                    </div>
                    <input type="hidden" name="intent" value="decide-extension" />
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          {p.requestExtension ? (
            <IntentTextForm intent="request-extension" name="justification" label={t('deals.justification')} button={t('deals.requestExtension')} />
          ) : r.status === 'approved' && d.extensions.some((e) => e.status === 'pending') ? <p className="hint">{t('deals.extensionPending')}</p> : null}
        </section>
      </div>

      <section className="card">
        <h2>{t('deals.timeline')}</h2>
        <AuditTrail entries={d.history} />
      </section>
    </>
  )
}
