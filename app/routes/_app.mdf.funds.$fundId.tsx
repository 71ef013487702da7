import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { DataTable } from '../components/list-page'
import { ConfirmButton, PageHeader, SubmitButton } from '../components/ui'
import { intentAction, verb } from '../kit/form-action.server'
import { requireActor } from '../modules/auth/require-actor.server'
import { BalanceTiles, BurnDownChart } from '../modules/mdf/mdf-ui'
import { AllocateSchema, EmptySchema } from '../modules/mdf/mdf.schema'
import { allocate, applyTierRule, burnDown, getFund, partnerChoices, runAccrual } from '../modules/mdf/mdf.server'
import { ValidationFailed } from '../utils/errors'
import { parseAmountToMinor } from '../utils/money'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const d = await getFund(actor, params.fundId!)
  return json({ ...d, burn: burnDown(d.fund.id), partners: d.canManage ? partnerChoices() : [] })
})

const fundId = (args: ActionFunctionArgs) => args.params.fundId!
const back = (key: 'mdf.toast.allocated' | 'mdf.toast.tierApplied' | 'mdf.toast.accrued') => (_: unknown, args: ActionFunctionArgs) => ({ to: `/mdf/funds/${fundId(args)}`, toast: { key } })
const guard = (actor: Parameters<typeof getFund>[0], args: ActionFunctionArgs) => getFund(actor, fundId(args))

export const action = intentAction({
  allocate: verb({
    guard,
    schema: AllocateSchema,
    run: async (actor, input, args) => {
      const { fund } = await getFund(actor, fundId(args))
      const minor = parseAmountToMinor(input.amount, fund.currency, actor.locale)
      if (minor === null) throw new ValidationFailed('amount', 'errors.amount')
      return allocate(actor, fund.id, input.orgId, minor)
    },
    done: back('mdf.toast.allocated'),
  }),
  tierRule: verb({ guard, schema: EmptySchema, run: (actor, _i, args) => applyTierRule(actor, fundId(args)), done: back('mdf.toast.tierApplied') }),
  accrue: verb({ guard, schema: EmptySchema, run: (actor, _i, args) => runAccrual(actor, fundId(args)), done: back('mdf.toast.accrued') }),
})

export default function FundPage() {
  const d = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>() as { message?: string; error?: Record<string, string[]> } | undefined
  const { t, tl, money, calendarDate } = useT()
  const f = d.fund
  const unallocated = f.budgetMinor - d.total.allocated
  return (
    <>
      <PageHeader title={f.name} subtitle={`${calendarDate(f.periodStart)} – ${calendarDate(f.periodEnd)} · ${f.currency}${f.expiredAt ? ` · ${t('mdf.fund.expired')}` : ''}`} />
      {answer?.message ? (
        <div className="form-error" role="alert">
          {tl(answer.message)}
        </div>
      ) : null}
      <BalanceTiles balances={d.total} currency={f.currency} />
      <p className="hint">
        {t('mdf.fund.summary', { budget: money(f.budgetMinor, f.currency), unallocated: money(unallocated, f.currency), pct: f.maxSharePct, days: f.claimDeadlineDays })}
        {f.accrualBps ? ` ${t('mdf.fund.accrualRule', { pct: f.accrualBps / 100 })}` : ''}
      </p>
      <section className="card">
        <h2>{t('mdf.fund.burnDown')}</h2>
        <BurnDownChart points={d.burn} currency={f.currency} budget={f.budgetMinor} />
      </section>
      <section className="card">
        <h2>{t('mdf.fund.allocations')}</h2>
        {d.allocations.length ? (
          <DataTable
            caption={t('mdf.fund.allocations')}
            rows={d.allocations}
            columns={[
              { label: t('mdf.fields.partner'), cell: (r) => <Link to={`/partners/${r.orgId}`}>{r.orgName}</Link> },
              { label: t('mdf.fund.basis'), cell: (r) => t(`mdf.basis.${r.basis}`) },
              { label: t('mdf.balances.allocated'), numeric: true, cell: (r) => money(r.balances.allocated, f.currency) },
              { label: t('mdf.balances.committed'), numeric: true, cell: (r) => money(r.balances.committed, f.currency) },
              { label: t('mdf.balances.claimed'), numeric: true, cell: (r) => money(r.balances.claimed, f.currency) },
              { label: t('mdf.balances.paid'), numeric: true, cell: (r) => money(r.balances.paid, f.currency) },
              { label: t('mdf.balances.available'), numeric: true, cell: (r) => money(r.balances.available, f.currency) },
              { label: t('mdf.statement'), cell: (r) => <a href={`/mdf/statement/${f.id}?org=${r.orgId}`} download>{t('mdf.statementPdf')}</a> },
            ]}
          />
        ) : (
          <p className="hint">{t('mdf.fund.noAllocations')}</p>
        )}
      </section>
      {d.canManage ? (
        <section className="card">
          <h2>{t('mdf.fund.allocate')}</h2>
          <Form method="post" className="stack form-grid">
            <div className={`field${answer?.error?.orgId ? ' field-invalid' : ''}`}>
              <label htmlFor="alloc-org">{t('mdf.fields.partner')}</label>
              <select id="alloc-org" name="orgId" required>
                {d.partners.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({t(`tiers.${p.tier}` as 'tiers.gold')})
                  </option>
                ))}
              </select>
            </div>
            <div className={`field${answer?.error?.amount ? ' field-invalid' : ''}`}>
              <label htmlFor="alloc-amount">{t('mdf.fund.allocationAmount', { currency: f.currency })}</label>
              <input id="alloc-amount" name="amount" inputMode="decimal" required aria-describedby="alloc-hint" />
              <p className="hint" id="alloc-hint">
                {t('mdf.fund.allocateHint')}
              </p>
              {answer?.error?.amount ? (
                <p className="field-error" role="alert">
                  {tl(answer.error.amount[0])}
                </p>
              ) : null}
            </div>
            <div className="form-actions">
              <SubmitButton intent="allocate">{t('mdf.fund.allocate')}</SubmitButton>
            </div>
          </Form>
          <div className="form-actions">
            {f.tierAmounts ? (
              <Form method="post">
                <ConfirmButton intent="tierRule" message="mdf.confirm.tierRule" className="btn">
                  {t('mdf.fund.applyTierRule')}
                </ConfirmButton>
              </Form>
            ) : null}
            {f.accrualBps ? (
              <Form method="post">
                <SubmitButton intent="accrue" className="btn">
                  {t('mdf.fund.runAccrual')}
                </SubmitButton>
              </Form>
            ) : null}
          </div>
        </section>
      ) : null}
      <Link to="/mdf">{t('mdf.backToMdf')}</Link>
    </>
  )
}
