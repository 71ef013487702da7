import { defineHistory, type Sentence } from '../../kit/history.server'
import { formatLongDate } from '../../utils/dates'
import { db } from '../../utils/db.server'
import { formatMoney } from '../../utils/money'
import { findRegistrationFor, isVendorReader } from './internal.server'

type Payload = Record<string, unknown> | null
const str = (v: unknown) => (typeof v === 'string' ? v : '')
const num = (v: unknown) => (typeof v === 'number' ? v : null)

/**
 * A registration's history in words. Redaction, decided here: a partner never learns the number of
 * conflicts, whether the check flagged one, the CRM opportunity's name, or vendor-only reminders of
 * other partners; vendor staff read all of it.
 */
export const dealHistory = defineHistory({
  async subject(actor, id) {
    const reg = findRegistrationFor(db, actor, id)
    return { ownerOrgId: reg.partnerOrgId, currency: reg.currency }
  },
  sentence(entry, reader, subject): Sentence | null {
    const after = entry.after as Payload
    const vendor = isVendorReader(reader)
    const date = (ms: unknown) => (num(ms) ? formatLongDate(num(ms)!, reader.locale, reader.timeZone) : '')
    switch (entry.action) {
      case 'created':
        return { key: 'history.deal.created' }
      case 'updated': {
        const before = entry.before as Payload
        const details: Sentence['details'] = []
        if (before && after && before.customerName !== after.customerName) details.push({ key: 'history.deal.changedCustomer', params: { from: str(before.customerName), to: str(after.customerName) } })
        if (before && after && (before.valueMinor !== after.valueMinor || before.currency !== after.currency) && num(after.valueMinor) !== null) {
          details.push({ key: 'history.deal.changedValue', params: { from: num(before.valueMinor) !== null ? formatMoney(num(before.valueMinor)!, str(before.currency) || subject.currency, reader.locale) : '—', to: formatMoney(num(after.valueMinor)!, str(after.currency) || subject.currency, reader.locale) } })
        }
        return { key: 'history.deal.updated', details }
      }
      case 'submitted':
      case 'resubmitted': {
        const key = entry.action === 'submitted' ? 'history.deal.submitted' : 'history.deal.resubmitted'
        if (!vendor) return { key }
        const count = num(after?.conflictCount) ?? 0
        const details: Sentence['details'] = []
        if (count > 0) details.push({ key: after?.flaggedConflict ? 'history.deal.conflictsFlagged' : 'history.deal.conflicts', params: { count } })
        return { key, details }
      }
      case 'approved':
        return { key: 'history.deal.approved', params: { date: date(after?.protectedUntil) } }
      case 'rejected':
        return { key: 'history.deal.rejected', params: { reason: str(after?.reason) } }
      case 'returned':
        return { key: 'history.deal.returned', params: { question: str(after?.question) } }
      case 'withdrawn':
        return { key: 'history.deal.withdrawn' }
      case 'converted':
        return vendor && str(after?.opportunityName) ? { key: 'history.deal.convertedNamed', params: { opportunity: str(after?.opportunityName) } } : { key: 'history.deal.converted' }
      case 'expired':
        return { key: 'history.deal.expired' }
      case 'reminder_sent':
        return { key: 'history.deal.reminder', params: { days: num(after?.daysLeft) ?? 0 } }
      case 'extension_requested':
        return { key: 'history.deal.extensionRequested', params: { justification: str(after?.justification) } }
      case 'extension_approved':
        return { key: 'history.deal.extensionApproved', params: { date: date(after?.protectedUntil) } }
      case 'extension_declined':
        return { key: 'history.deal.extensionDeclined', params: { reason: str(after?.reason) } }
      default:
        return null
    }
  },
})
