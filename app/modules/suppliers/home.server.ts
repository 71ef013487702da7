import { DAY_MS } from '../../utils/dates'
import { scopeOf, type Actor } from '../auth/actor'
import { supplierOrganisation } from '../orgs/orgs.server'
import { jakartaToday } from './catalog-import.server'
import { listCatalogVersions } from './catalogs.server'
import { documentStanding, holdNames } from './documents.server'
import { getSupplierProfile, reviewCounts } from './profiles.server'

/**
 * The supplier portal's part of the home page: a supplier's status, documents due and catalog
 * versions; procurement's counts of what waits for review. Null for everyone else.
 */
export async function supplierHomeFor(actor: Actor) {
  if (scopeOf(actor, 'approve:catalog') === 'any') return { kind: 'procurement' as const, counts: await reviewCounts(actor) }
  if (scopeOf(actor, 'read:supplier') !== 'own_org' || !supplierOrganisation(actor.orgId)) return null
  const profile = await getSupplierProfile(actor, actor.orgId)
  const soon = jakartaToday(Date.now() + 30 * DAY_MS)
  const due = documentStanding(actor.orgId)
    .filter((r) => r.type.required && (r.standing !== 'accepted' || (r.valid?.expiresOn && r.valid.expiresOn <= soon)))
    .map((r) => ({ typeId: r.type.id, name: actor.locale === 'id' ? r.type.nameId : r.type.nameEn, standing: r.standing, expiresOn: r.valid?.expiresOn ?? null }))
  const versions = await listCatalogVersions(actor, { pageSize: 5, sort: 'age', dir: 'desc' })
  return {
    kind: 'supplier' as const,
    status: profile.org.status,
    hold: profile.profile.holdReason ? holdNames(profile.profile.holdReason, actor.locale) : null,
    due,
    versions: versions.rows.map((v) => ({ id: v.id, number: v.number, status: v.status, createdAt: v.createdAt, invalid: v.invalidRows })),
  }
}
