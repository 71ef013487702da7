import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { json, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { AuditTrail } from '../components/audit-trail'
import { ConfirmButton, FormError, IntentTextForm, PageHeader, SubmitButton, TextAreaField, TextField } from '../components/ui'
import { intentAction, verb } from '../kit/form-action.server'
import { historyFor } from '../modules/audit/audit.history.server'
import { requireActor } from '../modules/auth/require-actor.server'
import { ClaimStatusBadge, RequestStatusBadge } from '../modules/mdf/mdf-ui'
import { ApproveSchema, ClaimSchema, EmptySchema, ReasonSchema, ReferenceSchema } from '../modules/mdf/mdf.schema'
import { CLAIM_FILE_KINDS, decideClaim, decideRequest, fileClaim, getRequest, MAX_CLAIM_FILES, maxClaimFileBytes, payManually, payWithStripe, resubmitClaim, submitRequest, withdrawRequest } from '../modules/mdf/mdf.server'
import type { MessageKey } from '../utils/i18n'
import { parseAmountToMinor } from '../utils/money'
import { backTo } from '../utils/redirect'
import { handle } from '../utils/route.server'
import { redirectWithToast } from '../utils/toast.server'
import { checkUpload, type UploadAccepted } from '../utils/upload.server'
import { useT } from '../utils/use-t'
import { ValidationFailed } from '../utils/errors'

export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const d = await getRequest(actor, params.requestId!)
  const history = [...(await historyFor(actor, 'mdf_request', d.request.id, 50)), ...(d.claim ? await historyFor(actor, 'mdf_claim', d.claim.id, 50) : [])].sort((a, b) => b.at - a.at)
  return json({ ...d, history })
})

const id = (args: ActionFunctionArgs) => args.params.requestId!
const back = (key: MessageKey) => (_: unknown, args: ActionFunctionArgs) => ({ to: backTo(args.request, `/mdf/requests/${id(args)}`), toast: { key } })
const guard = (actor: Parameters<typeof getRequest>[0], args: ActionFunctionArgs) => getRequest(actor, id(args))
/** A typed partial amount, in the request's currency; empty: the whole amount. */
function partial(text: string, currency: string, locale: 'id' | 'en'): number | null {
  if (!text.trim()) return null
  const minor = parseAmountToMinor(text, currency, locale)
  if (minor === null) throw new ValidationFailed('amount', 'errors.amount')
  return minor
}
async function claimIdOf(actor: Parameters<typeof getRequest>[0], args: ActionFunctionArgs) {
  const d = await getRequest(actor, id(args))
  if (!d.claim) throw new ValidationFailed('', 'mdf.errors.noClaim')
  return { claimId: d.claim.id, currency: d.request.currency }
}

const decisions = intentAction({
  submit: verb({ guard, schema: EmptySchema, run: (actor, _i, args) => submitRequest(actor, id(args)), done: back('mdf.toast.submitted') }),
  withdraw: verb({ guard, schema: EmptySchema, run: (actor, _i, args) => withdrawRequest(actor, id(args)), done: back('mdf.toast.withdrawn') }),
  approve: verb({
    guard,
    schema: ApproveSchema,
    run: async (actor, input, args) => {
      const d = await getRequest(actor, id(args))
      return decideRequest(actor, id(args), { event: 'approve', amountMinor: partial(input.amount, d.request.currency, actor.locale) })
    },
    done: back('mdf.toast.approved'),
  }),
  reject: verb({ guard, schema: ReasonSchema, run: (actor, input, args) => decideRequest(actor, id(args), { event: 'reject', reason: input.reason }), done: back('mdf.toast.rejected') }),
  return: verb({ guard, schema: ReasonSchema, run: (actor, input, args) => decideRequest(actor, id(args), { event: 'return', reason: input.reason }), done: back('mdf.toast.returned') }),
  approveClaim: verb({
    guard,
    schema: ApproveSchema,
    run: async (actor, input, args) => {
      const c = await claimIdOf(actor, args)
      return decideClaim(actor, c.claimId, { event: 'approve', amountMinor: partial(input.amount, c.currency, actor.locale) })
    },
    done: back('mdf.toast.claimApproved'),
  }),
  rejectClaim: verb({ guard, schema: ReasonSchema, run: async (actor, input, args) => decideClaim(actor, (await claimIdOf(actor, args)).claimId, { event: 'reject', reason: input.reason }), done: back('mdf.toast.claimRejected') }),
  returnClaim: verb({ guard, schema: ReasonSchema, run: async (actor, input, args) => decideClaim(actor, (await claimIdOf(actor, args)).claimId, { event: 'return', reason: input.reason }), done: back('mdf.toast.claimReturned') }),
  payManual: verb({ guard, schema: ReferenceSchema, run: async (actor, input, args) => payManually(actor, (await claimIdOf(actor, args)).claimId, input.reference), done: back('mdf.toast.paid') }),
  payStripe: verb({ guard, schema: EmptySchema, run: async (actor, _i, args) => payWithStripe(actor, (await claimIdOf(actor, args)).claimId), done: back('mdf.toast.paid') }),
})

type ClaimAnswer = { status: 'error'; initialValue: Record<string, string>; error: Record<string, string[]> }

/** The claim form: proof-of-performance files (checked by content, size-capped) and the figures. */
const claimAction = handle(async (args: ActionFunctionArgs) => {
  const actor = await requireActor(args.request)
  const d = await getRequest(actor, id(args))
  let form: FormData
  try {
    form = await unstable_parseMultipartFormData(args.request, unstable_createMemoryUploadHandler({ maxPartSize: maxClaimFileBytes() }))
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return json<ClaimAnswer>({ status: 'error', initialValue: {}, error: { files: [`errors.uploadTooLarge`] } }, { status: 400 })
    throw error
  }
  const fields: Record<string, string> = {}
  for (const [k, v] of form) if (typeof v === 'string') fields[k] = v
  const submission = parseWithZod(form, { schema: ClaimSchema })
  if (submission.status !== 'success') return json<ClaimAnswer>({ status: 'error', initialValue: fields, error: (submission.error ?? {}) as Record<string, string[]> }, { status: 400 })
  const blobs = form.getAll('files').filter((f): f is File => f instanceof Blob && f.size > 0)
  if (blobs.length > MAX_CLAIM_FILES) return json<ClaimAnswer>({ status: 'error', initialValue: fields, error: { files: ['mdf.errors.tooManyFiles'] } }, { status: 400 })
  const files: UploadAccepted[] = []
  for (const blob of blobs) {
    const checked = await checkUpload(blob, { maxBytes: maxClaimFileBytes(), allow: CLAIM_FILE_KINDS })
    if (!checked.ok) return json<ClaimAnswer>({ status: 'error', initialValue: fields, error: { files: [checked.messageKey] } }, { status: 400 })
    files.push(checked)
  }
  if (form.get('intent') === 'resubmitClaim' && d.claim) await resubmitClaim(actor, d.claim.id, submission.value, files)
  else await fileClaim(actor, id(args), submission.value, files)
  return redirectWithToast(`/mdf/requests/${id(args)}`, { key: 'mdf.toast.claimFiled' })
})

export const action = async (args: ActionFunctionArgs) => ((args.request.headers.get('content-type') ?? '').startsWith('multipart/form-data') ? claimAction(args) : decisions(args))

export default function MdfRequestPage() {
  const d = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>() as { message?: string; intent?: string; status?: string; error?: Record<string, string[]> } | undefined
  const { t, tl, money, calendarDate, dateTime, number } = useT()
  const r = d.request
  const c = d.claim
  const can = (e: string) => (d.actions as string[]).includes(e)
  const canClaim = (e: string) => ((c?.actions ?? []) as string[]).includes(e)
  return (
    <>
      <PageHeader
        title={`${r.numberText} · ${r.title}`}
        subtitle={
          <>
            <RequestStatusBadge status={r.status} /> · {r.orgName} · {t(`mdf.activity.${r.activityType}`)}
          </>
        }
        actions={
          <>
            {d.canEdit ? <Link to={`/mdf/requests/${r.id}/edit`} className="btn">{t('mdf.actions.edit')}</Link> : null}
            {can('submit') ? (
              <Form method="post">
                <SubmitButton intent="submit">{t('mdf.actions.submit')}</SubmitButton>
              </Form>
            ) : null}
            {can('withdraw') ? (
              <Form method="post">
                <ConfirmButton intent="withdraw" message="mdf.confirm.withdraw" className="btn">
                  {t('mdf.actions.withdraw')}
                </ConfirmButton>
              </Form>
            ) : null}
          </>
        }
      />
      {answer?.message ? (
        <div className="form-error" role="alert">
          {tl(answer.message)}
        </div>
      ) : null}
      {r.status === 'returned' && r.question ? (
        <div className="notice notice-warning" role="status">
          {t('mdf.returnedQuestion', { question: r.question })}
        </div>
      ) : null}
      {r.status === 'rejected' && r.decisionReason ? (
        <div className="notice notice-warning" role="status">
          {t('mdf.rejectedReason', { reason: r.decisionReason })}
        </div>
      ) : null}
      <section className="card">
        <h2>{t('mdf.request.details')}</h2>
        <dl className="key-values">
          <dt>{t('mdf.fields.fund')}</dt>
          <dd>{d.fund.name}</dd>
          <dt>{t('mdf.fields.activityDates')}</dt>
          <dd>
            {calendarDate(r.startsOn)} – {calendarDate(r.endsOn)}
          </dd>
          <dt>{t('mdf.fields.description')}</dt>
          <dd className="prewrap">{r.description}</dd>
          <dt>{t('mdf.fields.costShort')}</dt>
          <dd>{money(r.costMinor, r.currency)}</dd>
          <dt>{t('mdf.fields.requestedShort')}</dt>
          <dd>
            {money(r.requestedMinor, r.currency)} <span className="hint">{t('mdf.request.shareNote', { pct: d.fund.maxSharePct, max: money(r.shareCapMinor, r.currency) })}</span>
          </dd>
          {r.approvedMinor !== null ? (
            <>
              <dt>{t('mdf.fields.approved')}</dt>
              <dd>{money(r.approvedMinor, r.currency)}</dd>
            </>
          ) : null}
          <dt>{t('mdf.fields.expected')}</dt>
          <dd>{t('mdf.request.expectedText', { leads: number(r.expectedLeads), pipeline: money(r.expectedPipelineMinor, r.currency) })}</dd>
          {r.claimDueOn && r.status === 'approved' ? (
            <>
              <dt>{t('mdf.claim.deadline')}</dt>
              <dd>{calendarDate(r.claimDueOn)}</dd>
            </>
          ) : null}
          <dt>{t('mdf.request.by')}</dt>
          <dd>
            {r.createdByName}
            {r.submittedAt ? ` · ${dateTime(r.submittedAt)}` : ''}
          </dd>
          {r.decidedByName && r.decidedAt ? (
            <>
              <dt>{t('mdf.request.decidedBy')}</dt>
              <dd>
                {r.decidedByName} · {dateTime(r.decidedAt)}
              </dd>
            </>
          ) : null}
        </dl>
        <p className="hint">{t('mdf.request.balanceNow', { available: money(d.balances.available, r.currency), allocated: money(d.balances.allocated, r.currency) })}</p>
      </section>

      {can('approve') ? (
        <section className="card">
          <h2>{t('mdf.decide.title')}</h2>
          <Decision id="approve-amount" on="" amount={r.requestedMinor} currency={r.currency} />
        </section>
      ) : null}

      {d.claimOpensOn ? <p className="notice">{t('mdf.claim.opensOn', { date: calendarDate(d.claimOpensOn) })}</p> : null}
      {d.canClaim ? <ClaimForm intent="claim" maxMb={d.maxUploadMb} currency={r.currency} answer={answer} defaults={{}} /> : null}

      {c ? (
        <section className="card">
          <h2>
            {t('mdf.claim.title')} <ClaimStatusBadge status={c.status} />
          </h2>
          {c.status === 'returned' && c.question ? (
            <div className="notice notice-warning" role="status">
              {t('mdf.returnedQuestion', { question: c.question })}
            </div>
          ) : null}
          {c.status === 'rejected' && c.decisionReason ? <div className="notice notice-warning">{t('mdf.rejectedReason', { reason: c.decisionReason })}</div> : null}
          {c.payoutFailed && c.status === 'approved' ? <div className="notice notice-warning">{c.payoutError ? t('mdf.payout.failedNote', { reason: c.payoutError }) : t('mdf.payout.failedPartner')}</div> : null}
          <dl className="key-values">
            <dt>{t('mdf.fields.actualCost')}</dt>
            <dd>{money(c.actualCostMinor, c.currency)}</dd>
            <dt>{t('mdf.fields.claimed')}</dt>
            <dd>
              {money(c.claimedMinor, c.currency)} <span className="hint">{t('mdf.claim.maxNote', { max: money(c.maxClaimMinor, c.currency) })}</span>
            </dd>
            {c.approvedMinor !== null ? (
              <>
                <dt>{t('mdf.fields.approved')}</dt>
                <dd>{money(c.approvedMinor, c.currency)}</dd>
              </>
            ) : null}
            <dt>{t('mdf.fields.results')}</dt>
            <dd>{t('mdf.claim.resultsText', { leads: number(c.leads), attendees: number(c.attendees), pipeline: money(c.pipelineMinor, c.currency) })}</dd>
            {c.notes ? (
              <>
                <dt>{t('mdf.fields.notes')}</dt>
                <dd className="prewrap">{c.notes}</dd>
              </>
            ) : null}
            <dt>{t('mdf.claim.proof')}</dt>
            <dd>
              <ul className="file-list">
                {c.files.map((f) => (
                  <li key={f.id}>
                    <a href={`/mdf/claims/${c.id}/files/${f.id}`} download>{f.fileName}</a> <span className="hint">({Math.max(1, Math.round(f.size / 1024))} KB)</span>
                  </li>
                ))}
              </ul>
            </dd>
            {c.status === 'paid' && c.paidAt ? (
              <>
                <dt>{t('mdf.payout.paidOn')}</dt>
                <dd>
                  {dateTime(c.paidAt)} · {t(`mdf.payout.method.${c.payoutMethod ?? 'manual'}`)} · <a href={`/mdf/claims/${c.id}/remittance`} download>{t('mdf.payout.remittancePdf')}</a>
                </dd>
              </>
            ) : null}
          </dl>
          {canClaim('approve') ? (
            <Decision id="claim-amount" on="Claim" amount={c.claimedMinor} currency={c.currency} />
          ) : null}
          {c.payout.canPay ? (
            <div className="stack">
              <h3>{t('mdf.payout.title')}</h3>
              {c.payout.stripeEnabled ? (
                c.payout.account ? (
                  <Form method="post">
                    <p className="hint">{t('mdf.payout.stripeTo', { account: c.payout.account })}</p>
                    <ConfirmButton intent="payStripe" message="mdf.confirm.payStripe" className="btn btn-primary">
                      {c.status === 'paying' ? t('mdf.payout.retryStripe') : t('mdf.payout.payStripe')}
                    </ConfirmButton>
                  </Form>
                ) : (
                  <p className="hint">{t('mdf.payout.noAccount')}</p>
                )
              ) : null}
              {c.status === 'approved' ? <IntentTextForm intent="payManual" name="reference" label={t('mdf.payout.reference')} button={t('mdf.payout.recordManual')} rows={1} /> : null}
            </div>
          ) : null}
          {c.canResubmit ? <ClaimForm intent="resubmitClaim" maxMb={d.maxUploadMb} currency={c.currency} answer={answer} defaults={{ actualCost: String(c.actualCostMinor), claimed: String(c.claimedMinor), leads: String(c.leads), attendees: String(c.attendees), notes: c.notes ?? '' }} /> : null}
        </section>
      ) : null}
      <section className="card">
        <h2>{t('audit.history')}</h2>
        <AuditTrail entries={d.history} />
      </section>
      <Link to="/mdf">{t('mdf.backToMdf')}</Link>
    </>
  )
}

/** Approve (in full, or in part with an amount), return with a question, or reject with a reason: a request's or a claim's. */
function Decision({ id, on, amount, currency }: { id: string; on: '' | 'Claim'; amount: number; currency: string }) {
  const { t, money } = useT()
  return (
    <>
      <Form method="post" className="stack">
        <label htmlFor={id}>{t('mdf.decide.partialLabel', { currency })}</label>
        <input id={id} name="amount" inputMode="decimal" aria-describedby={`${id}-hint`} />
        <p className="hint" id={`${id}-hint`}>
          {t('mdf.decide.partialHint', { amount: money(amount, currency) })}
        </p>
        <ConfirmButton intent={`approve${on}`} message={on ? 'mdf.confirm.approveClaim' : 'mdf.confirm.approve'} className="btn btn-primary">
          {on ? t('mdf.actions.approveClaim') : t('mdf.actions.approve')}
        </ConfirmButton>
      </Form>
      <IntentTextForm intent={`return${on}`} name="reason" label={t('mdf.decide.question')} button={t('mdf.actions.return')} />
      <IntentTextForm intent={`reject${on}`} name="reason" label={t('mdf.decide.reason')} button={t('mdf.actions.reject')} className="btn btn-danger" />
    </>
  )
}

function ClaimForm({ intent, maxMb, currency, answer, defaults }: { intent: 'claim' | 'resubmitClaim'; maxMb: number; currency: string; answer: unknown; defaults: Record<string, string> }) {
  const { t, tl } = useT()
  const last = answer as { status?: string; error?: Record<string, string[]>; initialValue?: Record<string, string> } | undefined
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const [form, f] = useForm({ lastResult: last?.status === 'error' ? (last as any) : undefined, defaultValue: defaults, onValidate: ({ formData }) => parseWithZod(formData, { schema: ClaimSchema }), shouldValidate: 'onBlur', shouldRevalidate: 'onInput' })
  const fileError = last?.error?.files?.[0]
  return (
    <section className="card">
      <h2>{intent === 'claim' ? t('mdf.claim.file') : t('mdf.claim.resubmit')}</h2>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="stack form-grid">
        <FormError errors={form.errors} />
        <input type="hidden" name="intent" value={intent} />
        <TextField meta={f.actualCost} label={t('mdf.fields.actualCostCurrency', { currency })} inputMode="decimal" required />
        <TextField meta={f.claimed} label={t('mdf.fields.claimedCurrency', { currency })} inputMode="decimal" required />
        <TextField meta={f.leads} label={t('mdf.fields.leads')} type="number" min={0} />
        <TextField meta={f.attendees} label={t('mdf.fields.attendees')} type="number" min={0} />
        <TextField meta={f.pipeline} label={t('mdf.fields.pipelineCurrency', { currency })} inputMode="decimal" />
        <TextAreaField meta={f.notes} label={t('mdf.fields.notes')} rows={3} />
        <div className={`field${fileError ? ' field-invalid' : ''}`}>
          <label htmlFor={`files-${intent}`}>{t('mdf.claim.proof')}</label>
          <input id={`files-${intent}`} name="files" type="file" multiple accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" required={intent === 'claim'} aria-describedby={`files-${intent}-hint`} />
          <p className="hint" id={`files-${intent}-hint`}>
            {t('mdf.claim.proofHint', { max: maxMb })}
          </p>
          {fileError ? (
            <p className="field-error" role="alert">
              {tl(fileError, { max: `${maxMb} MB` })}
            </p>
          ) : null}
        </div>
        <div className="form-actions">
          <SubmitButton>{intent === 'claim' ? t('mdf.claim.submit') : t('mdf.claim.resubmit')}</SubmitButton>
        </div>
      </Form>
    </section>
  )
}
