import { scopeOf, type Actor } from '../auth/actor'
import { activeCertifications, pick } from './internal.server'
import { tierProgressFor } from './tiers.server'

/** What a partner's home shows of training: their tier and the way to the next one. */
export async function trainingHome(actor: Actor) {
  if (scopeOf(actor, 'read:tier') !== 'own_org') return null
  return tierProgressFor(actor, actor.orgId)
}

/** The certifications to choose from (grant form, tier settings), in the reader's language. */
export async function certificationOptions(actor: Actor) {
  return activeCertifications().map((c) => ({ value: c.id, label: pick(c.definition.title, actor.locale) }))
}
