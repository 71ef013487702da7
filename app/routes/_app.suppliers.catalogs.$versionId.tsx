import { Fragment } from 'react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { z } from 'zod'
import { AuditTrail } from '../components/audit-trail'
import { DataTable, Pagination } from '../components/list-page'
import { ConfirmButton, EmptyState, IntentTextForm, PageHeader } from '../components/ui'
import { intentAction, verb } from '../kit/form-action.server'
import { historyFor } from '../modules/audit/audit.history.server'
import { requireActor } from '../modules/auth/require-actor.server'
import { CatalogStatusBadge, ChangeBadge } from '../modules/suppliers/supplier-ui'
import { LINE_CHANGES, type LineChange } from '../modules/suppliers/suppliers.machine'
import { LineDecisionSchema, RejectSchema } from '../modules/suppliers/suppliers.schema'
import { approveCatalogVersion, getCatalogVersion, rejectCatalogVersion, setCatalogLineRejected, versionErrors, versionLines } from '../modules/suppliers/suppliers.server'
import type { MessageKey } from '../utils/i18n'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const Query = z.object({ change: z.enum(LINE_CHANGES).optional().catch(undefined), page: z.coerce.number().int().min(1).max(100_000).catch(1) })

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const url = new URL(request.url)
  const q = Query.parse({ change: url.searchParams.get('change') || undefined, page: url.searchParams.get('page') ?? 1 })
  const v = await getCatalogVersion(actor, params.versionId!)
  const errors = v.version.status === 'invalid' || v.version.status === 'superseded' ? await versionErrors(actor, params.versionId!, { page: q.page, pageSize: 50 }) : null
  const lines = v.version.status === 'invalid' ? null : await versionLines(actor, params.versionId!, { change: q.change, page: q.page, pageSize: 50 })
  return json({ ...v, errors, lines, history: await historyFor(actor, 'catalog_version', params.versionId!) })
})

export const meta: MetaFunction<typeof loader> = ({ data }) => (data?.version.status === 'importing' ? [{ title: 'Mitra' }, { httpEquiv: 'refresh', content: '2' }] : [{ title: 'Mitra' }])

const id = (args: ActionFunctionArgs) => args.params.versionId!
const back = (key: MessageKey) => (_: unknown, args: ActionFunctionArgs) => ({ to: `/suppliers/catalogs/${id(args)}`, toast: { key } })

export const action = intentAction({
  approve: verb({ schema: z.object({}), run: (actor, _i, args) => approveCatalogVersion(actor, id(args)), done: back('suppliers.catalog.approved') }),
  reject: verb({ schema: RejectSchema, run: (actor, input, args) => rejectCatalogVersion(actor, id(args), input.reason), done: back('suppliers.catalog.rejected') }),
  'reject-line': verb({ schema: LineDecisionSchema, run: (actor, input, args) => setCatalogLineRejected(actor, id(args), input.sku, true, input.comment ?? null), done: back('suppliers.catalog.lineUpdated') }),
  'restore-line': verb({ schema: LineDecisionSchema, run: (actor, input, args) => setCatalogLineRejected(actor, id(args), input.sku, false, null), done: back('suppliers.catalog.lineUpdated') }),
})

export default function CatalogVersionPage() {
  const d = useLoaderData<typeof loader>()
  const data = useActionData<typeof action>() as { message?: string } | undefined
  const { t, tl, money, dateTime, calendarDate, number } = useT()
  const [params] = useSearchParams()
  const v = d.version
  const change = params.get('change') as LineChange | null
  const counts: [LineChange, number][] = [
    ['new', v.newCount],
    ['price_up', v.priceUpCount],
    ['price_down', v.priceDownCount],
    ['changed', v.changedCount],
    ['deactivated', v.deactivatedCount],
  ]
  return (
    <>
      <PageHeader
        title={t('suppliers.catalog.versionOf', { number: v.number, supplier: d.supplierName })}
        subtitle={
          <>
            <CatalogStatusBadge status={v.status} /> · {t(`suppliers.catalog.modeShort.${v.mode}`)} · {t(`suppliers.catalog.source.${v.source}`)}
            {d.submittedByName ? <> · {t('suppliers.catalog.fields.submittedBy')}: {d.submittedByName}</> : null} · {dateTime(v.createdAt)}
          </>
        }
        actions={d.permissions.approve ? (
          <Form method="post">
            <ConfirmButton intent="approve" message="suppliers.catalog.confirmApprove" className="btn btn-primary">{t('suppliers.catalog.approve')}</ConfirmButton>
          </Form>
        ) : null}
      />
      {data?.message ? <div className="form-error" role="alert">{tl(data.message)}</div> : null}
      {v.status === 'importing' ? (
        <div className="notice" role="status">
          <strong>{t('suppliers.catalog.progress', { rows: number(v.rowsRead) })}</strong> <span className="hint">{t('suppliers.catalog.progressHint')}</span>
          <progress aria-label={t('suppliers.catalog.status.importing')} />
        </div>
      ) : null}
      {v.failure ? <div className="notice notice-warning" role="alert">{tl(v.failure.key, v.failure.params ?? {})}</div> : null}
      {v.decidedAt && d.decidedByName ? <p>{t('suppliers.catalog.decidedBy', { name: d.decidedByName, date: dateTime(v.decidedAt) })}</p> : null}
      {v.rejectionReason ? <p>{t('suppliers.catalog.rejectionReason', { reason: v.rejectionReason })}</p> : null}

      {v.status !== 'importing' && v.status !== 'failed' ? (
        <section className="card">
          <h2>{t('suppliers.catalog.summary')}</h2>
          <dl className="key-values">
            <dt>{t('suppliers.catalog.fields.rows')}</dt><dd>{number(v.rowsRead)}</dd>
            <dt>{t('suppliers.catalog.fields.valid')}</dt><dd>{number(v.validRows)}</dd>
            <dt>{t('suppliers.catalog.fields.invalid')}</dt><dd>{number(v.invalidRows)}</dd>
            {counts.map(([c, n]) => (
              <Fragment key={c}>
                <dt>{t(`suppliers.catalog.change.${c}`)}</dt>
                <dd><Link to={`?change=${c}`}>{number(n)}</Link></dd>
              </Fragment>
            ))}
          </dl>
          {d.rejectedLines ? <p>{t('suppliers.catalog.rejectedLines', { count: d.rejectedLines })}</p> : null}
        </section>
      ) : null}

      {d.errors && d.errors.total > 0 ? (
        <section>
          <h2>{t('suppliers.catalog.errorsTitle')}</h2>
          <p className="hint">{t('suppliers.catalog.errorsHint')}</p>
          <DataTable
            caption={t('suppliers.catalog.errorsTitle')}
            rows={d.errors.rows}
            columns={[
              { label: t('suppliers.catalog.row'), numeric: true, cell: (e) => number(e.rowNo) },
              { label: t('suppliers.catalog.column'), cell: (e) => e.column ?? t('suppliers.catalog.wholeRow') },
              { label: t('suppliers.catalog.message'), cell: (e) => tl(e.messageKey, e.params ?? {}) },
            ]}
          />
          <Pagination page={d.errors.page} total={d.errors.total} pageSize={d.errors.pageSize} />
        </section>
      ) : null}

      {d.lines ? (
        <section>
          <h2>{t('suppliers.catalog.lines')}</h2>
          <Form method="get" className="filters">
            <label htmlFor="change">{t('suppliers.catalog.fields.change')}</label>
            <select id="change" name="change" defaultValue={change ?? ''}>
              <option value="">{t('suppliers.catalog.allChanges')}</option>
              {LINE_CHANGES.map((c) => <option key={c} value={c}>{t(`suppliers.catalog.change.${c}`)}</option>)}
            </select>
            <button type="submit" className="btn">{t('list.search')}</button>
          </Form>
          {d.lines.total === 0 ? (
            <EmptyState message={t('suppliers.catalog.noLines')} />
          ) : (
            <>
              <DataTable
                caption={t('suppliers.catalog.lines')}
                rows={d.lines.rows}
                columns={[
                  { label: t('suppliers.catalog.row'), numeric: true, cell: (l) => (l.rowNo ? number(l.rowNo) : t('suppliers.catalog.notInFile')) },
                  { label: t('suppliers.catalog.fields.sku'), cell: (l) => l.sku },
                  { label: t('suppliers.catalog.fields.name'), cell: (l) => l.name },
                  { label: t('suppliers.catalog.fields.change'), cell: (l) => (l.change ? <ChangeBadge change={l.change} /> : null) },
                  { label: t('suppliers.catalog.fields.oldPrice'), numeric: true, cell: (l) => (l.oldPriceMinor !== null ? money(l.oldPriceMinor, l.currency) : '—') },
                  { label: t('suppliers.catalog.fields.newPrice'), numeric: true, cell: (l) => money(l.priceMinor, l.currency) },
                  { label: '%', numeric: true, cell: (l) => (l.percent !== null ? t('suppliers.catalog.percent', { percent: (l.percent > 0 ? '+' : '') + number(l.percent) }) : '—') },
                  { label: t('suppliers.catalog.fields.effectiveFrom'), cell: (l) => (l.rowNo ? calendarDate(l.effectiveFrom) : '—') },
                  {
                    label: t('suppliers.catalog.rejectLine'),
                    cell: (l) =>
                      l.rejected ? (
                        <>
                          <span>{t('suppliers.catalog.lineRejected', { comment: l.comment ?? '' })}</span>
                          {d.permissions.rejectLines ? (
                            <Form method="post">
                              <input type="hidden" name="sku" value={l.sku} />
                              <button type="submit" name="intent" value="restore-line" className="btn">{t('suppliers.catalog.restoreLine')}</button>
                            </Form>
                          ) : null}
                        </>
                      ) : d.permissions.rejectLines ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="sku" value={l.sku} />
                          <label className="sr-only" htmlFor={`comment-${l.sku}`}>{t('suppliers.catalog.lineComment')}</label>
                          <input id={`comment-${l.sku}`} name="comment" placeholder={t('suppliers.catalog.lineComment')} maxLength={500} />
                          <button type="submit" name="intent" value="reject-line" className="btn">{t('suppliers.catalog.rejectLine')}</button>
                        </Form>
                      ) : '—',
                  },
                ]}
              />
              <Pagination page={d.lines.page} total={d.lines.total} pageSize={d.lines.pageSize} />
            </>
          )}
        </section>
      ) : null}

      {d.permissions.reject ? (
        <section className="card">
          <IntentTextForm intent="reject" name="reason" label={t('suppliers.catalog.rejectReason')} button={t('suppliers.catalog.reject')} className="btn btn-danger" />
        </section>
      ) : null}
      <AuditTrail entries={d.history} />
    </>
  )
}
