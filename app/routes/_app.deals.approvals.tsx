import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { intentAction, verb } from '../kit/form-action.server'
import type { MessageKey } from '../utils/i18n'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { Badge, ConfirmButton, EmptyState, PageHeader } from '../components/ui'
import { Pagination } from '../components/list-page'
import { requireActor } from '../modules/auth/require-actor.server'
import { RejectSchema } from '../modules/deals/deals.schema'
import { approvalQueue, approveDeal, rejectDeal } from '../modules/deals/deals.server'
import { describeReason, type MatchReason } from '../modules/matching/company-match'
import { listParams } from '../kit/paginate'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const { page } = listParams(new URL(request.url), ['age'], 'age')
  const queue = await approvalQueue(actor, { page })
  return json({
    ...queue,
    rows: queue.rows.map((r) => ({ ...r, conflicts: r.conflicts.map((c) => ({ ...c, reasonsText: (c.reasons as MatchReason[]).map((x) => describeReason(x, actor.locale)) })) })),
    now: Date.now(),
  })
})

const Decision = z.object({ id: z.string().min(1).max(64) })
const queue = (key: MessageKey) => () => ({ to: '/deals/approvals', toast: { key } })

/** One-click decisions from the queue; a rejection needs its reason. */
export const action = intentAction({
  approve: verb({ schema: Decision, run: (actor, input) => approveDeal(actor, input.id), done: queue('deals.approved') }),
  reject: verb({ schema: Decision.and(RejectSchema), run: (actor, input) => rejectDeal(actor, input.id, input.reason), done: queue('deals.rejected') }),
})

export default function Approvals() {
  const d = useLoaderData<typeof loader>()
  const { t, tl, money, dateTime } = useT()
  const failed = useActionData<typeof action>() as { message?: string } | undefined
  return (
    <>
      <PageHeader title={t('deals.approvals')} actions={<Link to="/deals" className="btn">{t('deals.viewAll')}</Link>} />
      {failed?.message ? <div className="form-error" role="alert">{tl(failed.message)}</div> : null}
      {d.rows.length === 0 ? <EmptyState message={t('deals.approvalsEmpty')} /> : (
        <ul className="queue">
          {d.rows.map((r) => (
            <li key={r.id} className="card">
              <div className="queue-head">
                <h2><Link to={`/deals/${r.id}`}>{r.customerName}</Link></h2>
                <span className="hint">
                  {r.partnerName} · {money(r.valueMinor, r.currency)} · {dateTime(r.submittedAt)} · {t('deals.daysWaiting', { days: Math.floor((d.now - (r.submittedAt ?? r.createdAt)) / 86_400_000) })}
                </span>
                {r.flaggedConflict ? <Badge tone="red">{t('deals.conflictFlagged')}</Badge> : null}
              </div>
              {r.conflicts.length ? (
                <ul className="conflict-list">
                  {r.conflicts.map((c) => (
                    <li key={c.id}>
                      <Badge tone={c.score >= 90 ? 'red' : 'amber'}>{t(`deals.conflictType.${c.matchType}`)} · {c.score}</Badge> <strong>{c.matchLabel}</strong>
                      <span className="hint"> — {c.reasonsText.join('; ')}</span>
                    </li>
                  ))}
                </ul>
              ) : <p className="hint">{t('deals.noConflicts')}</p>}
              <div className="queue-actions">
                <Form method="post">
                  <input type="hidden" name="id" value={r.id} />
                  <ConfirmButton intent="approve" message="deals.confirmApprove" className="btn btn-primary">{t('deals.approve')}</ConfirmButton>
                </Form>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={r.id} />
                  <label className="sr-only" htmlFor={`reason-${r.id}`}>{t('deals.rejectReason')}</label>
                  <input id={`reason-${r.id}`} name="reason" required placeholder={t('deals.rejectReason')} />
                  <button type="submit" name="intent" value="reject" className="btn btn-danger">{t('deals.reject')}</button>
                </Form>
                <Link to={`/deals/${r.id}`} className="btn">{t('deals.return')}</Link>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={d.page} total={d.total} pageSize={d.pageSize} />
      {d.pendingExtensions.length ? (
        <section className="card">
          <h2>{t('deals.pendingExtensions')}</h2>
          <ul className="record-list">
            {d.pendingExtensions.map((e) => (
              <li key={e.id}>
                <Link to={`/deals/${e.registrationId}`}>{e.customerName}</Link> · {e.partnerName} — {e.justification}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
