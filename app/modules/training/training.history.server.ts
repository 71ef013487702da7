import { defineHistory, type Sentence } from '../../kit/history.server'
import { db } from '../../utils/db.server'
import { scopeOf } from '../auth/actor'
import { findCertificateFor } from './internal.server'

type Payload = Record<string, unknown> | null
const str = (v: unknown) => (typeof v === 'string' ? v : '')

/**
 * A certificate's history in words. Redaction, decided here: the reason a vendor manager gave for a
 * grant or a revocation is the vendor's note; the holder and their organisation read that it happened.
 */
export const certificateHistory = defineHistory({
  async subject(actor, id) {
    const c = findCertificateFor(db, actor, id)
    return { ownerOrgId: c.orgId }
  },
  sentence(entry, reader): Sentence | null {
    const after = entry.after as Payload
    const vendor = scopeOf(reader, 'read:certificate') === 'any'
    const reason = vendor ? str(after?.reason) : ''
    switch (entry.action) {
      case 'issued':
        return { key: 'history.certificate.issued' }
      case 'granted':
        return reason ? { key: 'history.certificate.grantedReason', params: { reason } } : { key: 'history.certificate.granted' }
      case 'revoked':
        return reason ? { key: 'history.certificate.revokedReason', params: { reason } } : { key: 'history.certificate.revoked' }
      case 'expired':
        return { key: 'history.certificate.expired' }
      case 'superseded':
        return { key: 'history.certificate.superseded' }
      case 'reminder_sent':
        return { key: 'history.certificate.reminder', params: { days: typeof after?.daysLeft === 'number' ? after.daysLeft : 0 } }
      default:
        return null
    }
  },
})
