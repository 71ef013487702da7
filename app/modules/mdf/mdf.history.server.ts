import { defineHistory, type Sentence } from '../../kit/history.server'
import { formatCalendarDate } from '../../utils/dates'
import { formatMoney } from '../../utils/money'
import { findClaim } from './claims.server'
import { findRequest } from './requests.server'

type Payload = Record<string, unknown> | null
const str = (v: unknown) => (typeof v === 'string' ? v : '')
const num = (v: unknown) => (typeof v === 'number' ? v : 0)

/**
 * An MDF request's history in words. Both sides read every step: the partner sees who decided and
 * why; no payload field is shown raw (money is formatted, dates written out).
 */
export const mdfRequestHistory = defineHistory({
  async subject(actor, id) {
    const r = findRequest(actor, id)
    return { ownerOrgId: r.orgId, currency: r.currency }
  },
  sentence(entry, reader, subject): Sentence | null {
    const after = entry.after as Payload
    const money = (v: unknown) => formatMoney(num(v), subject.currency, reader.locale)
    switch (entry.action) {
      case 'created':
        return { key: 'history.mdf.created', params: { amount: money(after?.requestedMinor) } }
      case 'edited':
        return { key: 'history.mdf.edited', params: { amount: money(after?.requestedMinor) } }
      case 'submitted':
        return { key: 'history.mdf.submitted', params: { amount: money(after?.requestedMinor) } }
      case 'resubmitted':
        return { key: 'history.mdf.resubmitted', params: { amount: money(after?.requestedMinor) } }
      case 'withdrawn':
        return { key: 'history.mdf.withdrawn' }
      case 'approved':
        return num(after?.approvedMinor) < num(after?.requestedMinor)
          ? { key: 'history.mdf.approvedPartly', params: { amount: money(after?.approvedMinor), requested: money(after?.requestedMinor), due: formatCalendarDate(str(after?.claimDueOn), reader.locale) } }
          : { key: 'history.mdf.approved', params: { amount: money(after?.approvedMinor), due: formatCalendarDate(str(after?.claimDueOn), reader.locale) } }
      case 'rejected':
        return { key: 'history.mdf.rejected', params: { reason: str(after?.reason) } }
      case 'returned':
        return { key: 'history.mdf.returned', params: { question: str(after?.question) } }
      case 'lapsed':
        return { key: 'history.mdf.lapsed', params: { amount: money(after?.releasedMinor) } }
      default:
        return null
    }
  },
})

export const mdfClaimHistory = defineHistory({
  async subject(actor, id) {
    const c = findClaim(actor, id)
    return { ownerOrgId: c.orgId, currency: c.currency }
  },
  sentence(entry, reader, subject): Sentence | null {
    const after = entry.after as Payload
    const money = (v: unknown) => formatMoney(num(v), subject.currency, reader.locale)
    switch (entry.action) {
      case 'submitted':
        return { key: 'history.mdfClaim.submitted', params: { amount: money(after?.claimedMinor), files: num(after?.files) } }
      case 'resubmitted':
        return { key: 'history.mdfClaim.resubmitted', params: { amount: money(after?.claimedMinor), files: num(after?.files) } }
      case 'approved':
        return { key: 'history.mdfClaim.approved', params: { amount: money(after?.approvedMinor) } }
      case 'rejected':
        return { key: 'history.mdfClaim.rejected', params: { reason: str(after?.reason) } }
      case 'returned':
        return { key: 'history.mdfClaim.returned', params: { question: str(after?.question) } }
      case 'payout_started':
        return { key: 'history.mdfClaim.payoutStarted' }
      case 'payout_failed':
        return { key: 'history.mdfClaim.payoutFailed' }
      case 'payout_reversed':
        return { key: 'history.mdfClaim.payoutReversed' }
      case 'paid':
        return after?.method === 'manual' ? { key: 'history.mdfClaim.paidManual', params: { amount: money(after?.amountMinor), reference: str(after?.reference) } } : { key: 'history.mdfClaim.paidStripe', params: { amount: money(after?.amountMinor) } }
      default:
        return null
    }
  },
})
