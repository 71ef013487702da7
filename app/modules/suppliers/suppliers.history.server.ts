import { defineHistory, type Sentence } from '../../kit/history.server'
import { translateLoose } from '../../utils/i18n'
import { scopeOf } from '../auth/actor'
import { getCatalogVersion } from './catalogs.server'
import { applicationForHistory } from './applications.server'

type Payload = Record<string, unknown> | null
const str = (v: unknown) => (typeof v === 'string' ? v : '')
const num = (v: unknown) => (typeof v === 'number' ? v : 0)

/** A catalog version's history. Suppliers read every step of their own version; nothing here is internal. */
export const catalogVersionHistory = defineHistory({
  async subject(actor, id) {
    const v = await getCatalogVersion(actor, id)
    return { ownerOrgId: v.version.orgId }
  },
  sentence(entry, reader): Sentence | null {
    const after = entry.after as Payload
    switch (entry.action) {
      case 'import_started':
        return { key: 'history.catalog.importStarted', params: { mode: translateLoose(reader.locale, `suppliers.catalog.modeShort.${str(after?.mode)}`) } }
      case 'submitted':
        return { key: 'history.catalog.submitted', params: { rows: num(after?.rows), new: num(after?.new), up: num(after?.price_up), down: num(after?.price_down), deactivated: num(after?.deactivated) } }
      case 'staged_with_errors':
        return { key: 'history.catalog.stagedWithErrors', params: { rows: num(after?.rows), invalid: num(after?.invalid) } }
      case 'import_failed':
        return { key: 'history.catalog.failed' }
      case 'import_interrupted':
        return { key: 'history.catalog.interrupted' }
      case 'superseded':
        return { key: 'history.catalog.superseded', params: { number: num(after?.by) } }
      case 'approved':
        return { key: 'history.catalog.approved' }
      case 'rejected':
        return { key: 'history.catalog.rejected', params: { reason: str(after?.reason) } }
      case 'line_rejected':
        return { key: 'history.catalog.lineRejected', params: { sku: str(after?.sku), comment: str(after?.comment) || '—' } }
      case 'line_restored':
        return { key: 'history.catalog.lineRestored', params: { sku: str(after?.sku) } }
      default:
        return null
    }
  },
})

/** An application's history, for procurement only (the applicant has no account yet). */
export const supplierApplicationHistory = defineHistory({
  async subject(actor, id) {
    await applicationForHistory(actor, id)
    return { ownerOrgId: null }
  },
  sentence(entry, reader): Sentence | null {
    if (scopeOf(reader, 'approve:supplier_application') !== 'any') return null
    const after = entry.after as Payload
    switch (entry.action) {
      case 'submitted':
        return { key: 'history.application.submitted' }
      case 'info_requested':
        return { key: 'history.application.infoRequested', params: { question: str(after?.question) } }
      case 'answered':
        return { key: 'history.application.answered' }
      case 'approved':
        return { key: 'history.application.approved' }
      case 'rejected':
        return { key: 'history.application.rejected', params: { reason: str(after?.reason) } }
      default:
        return null
    }
  },
})
