import { defineHistory, type Sentence } from '../../kit/history.server'
import { db } from '../../utils/db.server'
import { findPlanFor } from './plan.server'

type Payload = Record<string, unknown> | null
const str = (v: unknown) => (typeof v === 'string' ? v : '')
const num = (v: unknown) => (typeof v === 'number' ? v : 0)

/** A plan's history in words. Both sides write the plan together, so both read all of it. */
export const planHistory = defineHistory({
  async subject(actor, id) {
    const plan = findPlanFor(db, actor, id)
    return { ownerOrgId: plan.partnerOrgId }
  },
  sentence(entry): Sentence | null {
    const before = entry.before as Payload
    const after = entry.after as Payload
    switch (entry.action) {
      case 'created':
        return { key: 'history.plan.created' }
      case 'details_changed':
        return { key: 'history.plan.detailsChanged' }
      case 'objective_added':
        return { key: 'history.plan.objectiveAdded', params: { title: str(after?.title) } }
      case 'objective_changed':
        return { key: 'history.plan.objectiveChanged', params: { title: str(after?.title) } }
      case 'objective_removed':
        return { key: 'history.plan.objectiveRemoved', params: { title: str(before?.title) } }
      case 'initiative_added':
        return { key: 'history.plan.initiativeAdded', params: { title: str(after?.title) } }
      case 'initiative_removed':
        return { key: 'history.plan.initiativeRemoved', params: { title: str(before?.title) } }
      case 'signed_one_side':
        return { key: 'history.plan.signedOneSide', params: { version: num(after?.version) } }
      case 'signed':
        return { key: 'history.plan.signed', params: { version: num(after?.version) } }
      case 'revised':
        return { key: 'history.plan.revised', params: { version: num(after?.version) } }
      case 'signature_cleared':
        return { key: 'history.plan.signatureCleared' }
      case 'commented':
        return { key: 'history.plan.commented' }
      case 'review_recorded':
        return { key: 'history.plan.reviewRecorded', params: { quarter: num(after?.quarter) } }
      default:
        return null
    }
  },
})
