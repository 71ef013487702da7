import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData, useLocation } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { z } from 'zod'
import { FilterSelect, Pagination } from '../components/list-page'
import { Badge, ConfirmButton, EmptyState, PageHeader } from '../components/ui'
import type { ApprovalAction } from '../kit/approvals'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { AGE_FILTERS } from '../modules/reports/reports.schema'
import { approvalQueueFor } from '../modules/reports/reports.server'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const Filters = z.object({
  kind: z.string().max(64).optional().catch(undefined),
  org: z.string().max(64).optional().catch(undefined),
  age: z.enum(AGE_FILTERS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
})

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const url = new URL(request.url)
  const f = Filters.parse({ kind: url.searchParams.get('kind') || undefined, org: url.searchParams.get('org') || undefined, age: url.searchParams.get('age') || undefined, page: url.searchParams.get('page') ?? 1 })
  const queue = await approvalQueueFor(actor, { kind: f.kind, orgId: f.org, age: f.age, page: f.page })
  // The decisions offered are the same for every row of a kind (at most a few sets a page): sent once each, and
  // each row names its set, instead of 50 copies of the same labels in the page's data.
  const decisions: ApprovalAction[][] = []
  const setOf = new Map<string, number>()
  const rows = queue.rows.map(({ actions, ...row }) => {
    const key = JSON.stringify(actions)
    let set = setOf.get(key)
    if (set === undefined) setOf.set(key, (set = decisions.push(actions) - 1))
    return { ...row, decisions: set }
  })
  return json({ ...queue, rows, decisions, canSettings: can(actor, 'manage:settings') })
})

const toneClass = (tone: 'primary' | 'danger' | 'default') => `btn${tone === 'primary' ? ' btn-primary' : tone === 'danger' ? ' btn-danger' : ''}`

/**
 * A row's decisions, in one form: the decisions without a reason first, then one reason field for those that need
 * one (returning with a question, rejecting). The field is required for those buttons only: the others skip the
 * browser's check (`formNoValidate`), and the record's own action checks the reason again.
 */
function QueueDecisions({ row, actions, action }: { row: { kind: string; id: string; href: string }; actions: ApprovalAction[]; action: string }) {
  const { t, tl } = useT()
  const button = (a: ApprovalAction) =>
    a.confirm ? (
      <ConfirmButton key={a.intent} intent={a.intent} message={a.confirm} className={toneClass(a.tone)} formNoValidate={!a.needsReason}>
        {tl(a.label)}
      </ConfirmButton>
    ) : (
      <button key={a.intent} type="submit" name="intent" value={a.intent} className={toneClass(a.tone)} formNoValidate={!a.needsReason}>
        {tl(a.label)}
      </button>
    )
  const withReason = actions.filter((a) => a.needsReason)
  const reasonId = `reason-${row.kind}-${row.id}`
  return (
    <Form method="post" action={action} className="queue-actions">
      {actions.filter((a) => !a.needsReason).map(button)}
      {withReason.length ? (
        <span className="inline-form">
          <label className="sr-only" htmlFor={reasonId}>
            {t('reports.approvals.reason')}
          </label>
          <input id={reasonId} name="reason" required maxLength={1000} placeholder={t('reports.approvals.reason')} />
          {withReason.map(button)}
        </span>
      ) : null}
      <Link to={row.href} className="btn">
        {t('reports.approvals.open')}
      </Link>
    </Form>
  )
}

/**
 * The one approval queue. Each row's buttons post `intent` (and `reason`) to the record's own page,
 * which decides and sends the manager back here with the same filters.
 */
export default function ApprovalQueue() {
  const d = useLoaderData<typeof loader>()
  const { t, tl, money, number, dateTime } = useT()
  const location = useLocation()
  const returnTo = encodeURIComponent(`/approvals${location.search}`)
  const withReturn = (url: string) => `${url}${url.includes('?') ? '&' : '?'}returnTo=${returnTo}`
  const waited = (since: number) => {
    const hours = Math.max(0, Math.floor((d.now - since) / 3_600_000))
    return t('reports.approvals.waited', { days: Math.floor(hours / 24), hours: hours % 24 })
  }
  return (
    <>
      <PageHeader
        title={t('reports.approvals.title')}
        subtitle={t('reports.approvals.summary', { waiting: number(d.waiting), overdue: number(d.overdue) })}
        actions={d.canSettings ? <Link to="/settings/approval-slas" className="btn">{t('reports.approvals.settings')}</Link> : null}
      />
      <Form method="get" className="filters" role="search" aria-label={t('reports.approvals.filter')}>
        <FilterSelect name="kind" label={t('reports.approvals.kind')} allLabel={t('reports.approvals.allKinds')} options={d.kinds.map((k) => ({ value: k.kind, label: tl(k.label) }))} />
        {d.orgs.length ? <FilterSelect name="org" label={t('reports.approvals.organisation')} allLabel={t('reports.approvals.allPartners')} options={d.orgs.map((o) => ({ value: o.id, label: o.name }))} /> : null}
        <FilterSelect name="age" label={t('reports.approvals.age')} allLabel={t('reports.approvals.anyAge')} options={AGE_FILTERS.map((a) => ({ value: a, label: t(`reports.approvals.age.${a}`) }))} />
        <button type="submit" className="btn">{t('reports.approvals.filter')}</button>
      </Form>
      {d.rows.length === 0 && d.total === 0 ? (
        <EmptyState message={t('reports.approvals.empty')} />
      ) : (
        <>
        <ul className="queue">
          {d.rows.map((r) => (
            <li key={`${r.kind}-${r.id}`} className={`card${r.overdue ? ' overdue' : ''}`}>
              <div className="queue-head">
                <h2>
                  <Link to={r.href}>{r.title}</Link>
                </h2>
                <span className="hint">
                  {tl(r.kindLabel)} · {r.orgName}
                  {r.amount ? ` · ${money(r.amount.minor, r.amount.currency)}` : ''} · {waited(r.waitingSince)}
                </span>
                {r.overdue ? <Badge tone="red">{t('reports.approvals.overdue')}</Badge> : null}
              </div>
              <ul className="hint record-list">
                {r.facts.map((fact, i) => (
                  <li key={i}>{fact}</li>
                ))}
                <li>{t('reports.approvals.due', { date: dateTime(r.dueAt), hours: r.slaHours })}</li>
                {r.escalatedAt ? <li>{t('reports.approvals.escalated', { date: dateTime(r.escalatedAt) })}</li> : null}
              </ul>
              <QueueDecisions row={r} actions={d.decisions[r.decisions]!} action={withReturn(r.actionUrl ?? r.href)} />
            </li>
          ))}
        </ul>
        <Pagination page={d.page} total={d.total} pageSize={d.pageSize} totalIsCapped={d.totalIsCapped} />
        </>
      )}
    </>
  )
}
