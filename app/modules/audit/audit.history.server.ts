import { renderSentence, type HistoryEvent, type HistoryRenderer } from '../../kit/history.server'
import { assertCan, type Actor } from '../auth/actor'
import { accountHistory, contactHistory, leadHistory, opportunityHistory } from '../crm/crm.history.server'
import { dealHistory } from '../deals/deals.history.server'
import { libraryItemHistory } from '../library/library.history.server'
import { eventHistory } from '../schedules/schedules.history.server'
import { organisationHistory } from '../orgs/orgs.history.server'
import { catalogVersionHistory, supplierApplicationHistory } from '../suppliers/suppliers.history.server'
import { planHistory } from '../plans/plans.history.server'
import { certificateHistory } from '../training/training.history.server'
import { mdfClaimHistory, mdfRequestHistory } from '../mdf/mdf.history.server'
import { userNames } from '../orgs/orgs.server'
import { auditRowsOf } from './audit.server'

// Every kind of record with a history, and the module that tells it.
const RENDERERS = {
  deal_registration: dealHistory,
  account: accountHistory,
  contact: contactHistory,
  lead: leadHistory,
  opportunity: opportunityHistory,
  organisation: organisationHistory,
  catalog_version: catalogVersionHistory,
  supplier_application: supplierApplicationHistory,
  business_plan: planHistory,
  library_item: libraryItemHistory,
  schedule_event: eventHistory,
  certificate: certificateHistory,
  mdf_request: mdfRequestHistory,
  mdf_claim: mdfClaimHistory,
} as const

export type HistoryEntity = keyof typeof RENDERERS

/**
 * A record's history for this reader, newest first: one sentence per event in the reader's
 * language, with dates, money and linked records formatted, and only what this reader may see.
 * The record itself is authorised first (404 for another organisation's), then read:audit.
 */
export async function historyFor(actor: Actor, entity: HistoryEntity, id: string, limit = 50): Promise<HistoryEvent[]> {
  const renderer = RENDERERS[entity] as HistoryRenderer<unknown>
  const subject = await renderer.subject(actor, id)
  assertCan(actor, 'read:audit', { orgId: subject.ownerOrgId })
  const rows = auditRowsOf(entity, id, limit)
  const names = userNames(rows.map((r) => r.actorId))
  const out: HistoryEvent[] = []
  for (const row of rows) {
    const actorName = row.actorId ? (names.get(row.actorId) ?? null) : null
    const sentence = renderer.sentence({ ...row, actorName }, actor, subject)
    if (sentence) out.push({ id: row.id, at: row.at, actorName, ...renderSentence(actor, actorName, sentence) })
  }
  return out
}
