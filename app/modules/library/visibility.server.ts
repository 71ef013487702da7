import { sql, type SQL } from 'drizzle-orm'
import { libraryItems } from '../../../db/schema/library'
import { scopeOf, type Actor } from '../auth/actor'
import { audienceOf } from '../orgs/orgs.server'

/** Who is looking, in the terms an item's audience is written in. `all`: vendor staff see every item. */
export type Viewer = { all: true; orgId: string } | { all: false; orgId: string; kind: 'partner' | 'supplier' | 'vendor'; tier: string; region: string }

export function viewerOf(actor: Actor): Viewer {
  if (scopeOf(actor, 'read:library') === 'any') return { all: true, orgId: actor.orgId }
  const org = audienceOf(actor.orgId)
  return { all: false, orgId: actor.orgId, kind: org?.kind ?? 'partner', tier: org?.tier ?? '', region: org?.region ?? '' }
}

// Correlated on purpose: one probe of library_targets' primary key per matched item of a targeted
// audience. An uncorrelated `id IN (SELECT item_id …)` list was tried (bench/results/2026-12-03-
// library-search.md): it builds the viewer's whole list (~16k items for a Gold partner at 100k) in
// every statement, ~10× slower for a rare word and no faster for a common one.
const target = (kind: 'tier' | 'region' | 'org', value: string) =>
  sql`EXISTS (SELECT 1 FROM library_targets t WHERE t.item_id = ${libraryItems.id} AND t.kind = ${kind} AND t.value = ${value})`

/**
 * The visibility rule as one SQL condition on library_items, so it sits inside every query —
 * lists, search, counts, facets — and a page of results is never short of rows a filter removed.
 * undefined: no condition (vendor staff).
 */
export function visibleTo(v: Viewer): SQL | undefined {
  if (v.all) return undefined
  // `+audience`: never an index on audience for this OR (SQLite's multi-index OR then reads every
  // visible item's row for the tag facet: 390 ms at 100k); the scan stays on a covering index.
  const audience = sql`+${libraryItems.audience}`
  if (v.kind === 'partner') {
    return sql`(${audience} = 'all_partners' OR (${audience} = 'tiers' AND ${target('tier', v.tier)}) OR (${audience} = 'regions' AND ${target('region', v.region)}) OR (${audience} = 'orgs' AND ${target('org', v.orgId)}))`
  }
  if (v.kind === 'supplier') return sql`(${audience} = 'suppliers' OR (${audience} = 'orgs' AND ${target('org', v.orgId)}))`
  return sql`0`
}

/** The same rule for one item already read (direct URLs, downloads). */
export function itemVisibleTo(v: Viewer, item: { audience: string }, targets: { kind: string; value: string }[]): boolean {
  if (v.all) return true
  const has = (kind: string, value: string) => targets.some((t) => t.kind === kind && t.value === value)
  if (v.kind === 'partner') return item.audience === 'all_partners' || (item.audience === 'tiers' && has('tier', v.tier)) || (item.audience === 'regions' && has('region', v.region)) || (item.audience === 'orgs' && has('org', v.orgId))
  if (v.kind === 'supplier') return item.audience === 'suppliers' || (item.audience === 'orgs' && has('org', v.orgId))
  return false
}
