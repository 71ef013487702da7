import fs from 'node:fs'
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { libraryEvents, libraryFavourites, libraryItems, libraryKitItems, libraryTargets, libraryVersions, libraryVisits } from '../../../db/schema/library'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { paginate } from '../../kit/paginate'
import { DAY_MS } from '../../utils/dates'
import { db } from '../../utils/db.server'
import { NotFound, ValidationFailed } from '../../utils/errors'
import { newId } from '../../utils/ids'
import { checkUpload, downloadHeaders, storeUpload, uploadPath, type UploadAccepted, type UploadCheck, type UploadKind, type UploadRules } from '../../utils/upload.server'
import { changedFields } from '../audit/audit.server'
import { assertCan, can, type Actor } from '../auth/actor'
import { audienceChoices, organisationNames, userNames } from '../orgs/orgs.server'
import type { ItemFormInput, LibraryAudience, LibraryCategory, LibraryKind, LibraryLanguage } from './library.schema'
import { LIBRARY_CATEGORIES, LIBRARY_KINDS, LIBRARY_LANGUAGES, parseTags } from './library.schema'
import { matchQuery, searchSource, tagsOf } from './search-index.server'
import { extractPdfText } from './text-extract.server'
import { itemVisibleTo, viewerOf, visibleTo, type Viewer } from './visibility.server'

export { MARK_END, MARK_START } from './search-index.server'

export type LibraryItem = typeof libraryItems.$inferSelect

/** What each kind of item may carry as a file, and how large. */
export const UPLOAD_RULES: Record<Exclude<LibraryKind, 'video' | 'kit'>, UploadRules> = {
  document: { maxBytes: 25 * 1024 * 1024, allow: ['pdf', 'xlsx', 'docx', 'zip'] satisfies UploadKind[] },
  image: { maxBytes: 10 * 1024 * 1024, allow: ['png', 'jpeg'] satisfies UploadKind[] },
}
/** The widest rule, for reading a form before its kind is known. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024
/** A visit after this long a pause starts a new one: "new since your last visit" moves on. */
const VISIT_GAP_MS = 30 * 60_000

// ---- reading -----------------------------------------------------------------------------------

type Filters = { kind?: LibraryKind; category?: LibraryCategory; language?: LibraryLanguage; tag?: string }
export type LibraryListOptions = Filters & { q?: string; favourites?: boolean; newOnly?: boolean; sort?: 'updated' | 'title' | 'relevance'; page?: number; pageSize?: number }

type RawRow = { id: string; kind: LibraryKind; titleEn: string; titleId: string; descriptionEn: string; descriptionId: string; category: LibraryCategory; language: LibraryLanguage; tags: string; audience: LibraryAudience; updatedAt: number; versionCount: number; snippet: string }

/**
 * The library as this actor may see it: a page of items (searched when `q` has words), the total,
 * and facet counts — all with the visibility rule inside the SQL, so counts and pages agree with
 * what the actor can open. Snippets carry MARK_START/MARK_END around the matched words.
 */
export async function listLibrary(actor: Actor, opts: LibraryListOptions = {}) {
  assertCan(actor, 'read:library')
  const viewer = viewerOf(actor)
  const match = matchQuery(opts.q ?? '')
  const src = searchSource(match)
  const since = previousVisitOf(actor.userId)
  // Filters every query shares (the search, who may see it, favourites, new), then the four that
  // are also facets: each facet counts with every filter but its own.
  const base = and(
    src.condition,
    visibleTo(viewer),
    opts.favourites ? sql`EXISTS (SELECT 1 FROM library_favourites f WHERE f.item_id = ${libraryItems.id} AND f.user_id = ${actor.userId})` : undefined,
    opts.newOnly ? (since ? sql`${libraryItems.updatedAt} > ${since}` : sql`0`) : undefined,
  )
  const hasTag = (tag: string) => sql`EXISTS (SELECT 1 FROM json_each(${libraryItems.tags}) WHERE value = ${tag})`
  const conditions = (skip?: keyof Filters): SQL | undefined =>
    and(
      base,
      opts.kind && skip !== 'kind' ? eq(libraryItems.kind, opts.kind) : undefined,
      opts.category && skip !== 'category' ? eq(libraryItems.category, opts.category) : undefined,
      opts.language && skip !== 'language' ? eq(libraryItems.language, opts.language) : undefined,
      opts.tag && skip !== 'tag' ? hasTag(opts.tag) : undefined,
    )
  const whereOf = (c: SQL | undefined) => (c ? sql` WHERE ${c}` : sql``)
  const where = whereOf(conditions())
  const sort = opts.sort ?? (match ? 'relevance' : 'updated')
  const title = actor.locale === 'id' ? libraryItems.titleId : libraryItems.titleEn
  const order = sort === 'relevance' && match ? sql`${src.rank}, ${libraryItems.updatedAt} DESC` : sort === 'title' ? sql`${title} COLLATE NOCASE ASC` : sql`${libraryItems.updatedAt} DESC`
  const columns = sql`library_items.id AS id, library_items.kind AS kind, library_items.title_en AS titleEn, library_items.title_id AS titleId, library_items.description_en AS descriptionEn, library_items.description_id AS descriptionId, library_items.category AS category, library_items.language AS language, library_items.tags AS tags, library_items.audience AS audience, library_items.updated_at AS updatedAt, library_items.version_count AS versionCount, ${src.snippet} AS snippet`
  const pageRows = (limit: number, offset: number): RawRow[] => {
    if (!match) return db.all<RawRow>(sql`SELECT ${columns} FROM ${src.from}${where} ORDER BY ${order}, library_items.id LIMIT ${limit} OFFSET ${offset}`)
    // A search ranks every match but reads the columns and makes the snippet (the costly part: it
    // re-reads the indexed text) for the page only. `+rowid`: one pass over the matches checking
    // the page's keys, not one full-text query per key (90 ms for a common prefix).
    const keys = db.all<{ key: number }>(sql`SELECT library_items.search_key AS key FROM ${src.from}${where} ORDER BY ${order}, library_items.id LIMIT ${limit} OFFSET ${offset}`).map((r) => r.key)
    if (!keys.length) return []
    const byKey = new Map(db.all<RawRow & { key: number }>(sql`SELECT ${columns}, library_items.search_key AS key FROM ${src.from} WHERE ${src.condition} AND +library_search.rowid IN (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`).map((r) => [r.key, r] as const))
    return keys.flatMap((k) => {
      const row = byKey.get(k)
      if (!row) return []
      const { key: _k, ...rest } = row
      return [rest]
    })
  }
  // The total and the kind, category and language facets from one pass over what the actor may
  // see, with no sorting: one sum per facet value, each counting with every filter but its own.
  const filterOf = (name: keyof Filters): SQL | undefined =>
    name === 'tag' ? (opts.tag ? hasTag(opts.tag) : undefined) : opts[name] ? sql`${libraryItems[name]} = ${opts[name]}` : undefined
  const allBut = (skip?: keyof Filters) => and(...(['kind', 'category', 'language', 'tag'] as const).filter((f) => f !== skip).map(filterOf)) ?? sql`1`
  const facetValues = { kind: LIBRARY_KINDS, category: LIBRARY_CATEGORIES, language: LIBRARY_LANGUAGES } as const
  const sums = (['kind', 'category', 'language'] as const).flatMap((name) => facetValues[name].map((value) => ({ name, value, sum: sql`sum(${libraryItems[name]} = ${value} AND ${allBut(name)})` })))
  const counted = db.values<(number | null)[]>(sql`SELECT sum(${allBut()}), ${sql.join(sums.map((f) => f.sum), sql`, `)} FROM ${src.from}${whereOf(base)}`)[0] ?? []
  const total = counted[0] ?? 0
  const facet = (name: 'kind' | 'category' | 'language') =>
    sums
      .map((f, i) => ({ name: f.name, value: f.value as string, n: counted[i + 1] ?? 0 }))
      .filter((f) => f.name === name && f.n > 0)
      .map(({ value, n }) => ({ value, n }))
      .sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
  const page = paginate(opts, { rows: pageRows, count: () => total })
  const facets = {
    kind: facet('kind'),
    category: facet('category'),
    language: facet('language'),
    tag: db.all<{ value: string; n: number }>(sql`SELECT tag.value AS value, count(*) AS n FROM ${src.from}, ${tagsOf()}${whereOf(conditions('tag'))} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20`),
  }
  const ids = page.rows.map((r) => r.id)
  const favourites = new Set(ids.length ? db.select({ id: libraryFavourites.itemId }).from(libraryFavourites).where(and(eq(libraryFavourites.userId, actor.userId), inArray(libraryFavourites.itemId, ids))).all().map((f) => f.id) : [])
  return {
    ...page,
    facets,
    searched: !!match,
    sort,
    rows: page.rows.map((r) => ({
      ...r,
      tags: JSON.parse(r.tags) as string[],
      // partners learn only that an item is shared with them, never with whom else
      audience: viewer.all ? r.audience : null,
      isNew: since !== null && r.updatedAt > since,
      isFavourite: favourites.has(r.id),
    })),
  }
}

function previousVisitOf(userId: string): number | null {
  return db.select({ at: libraryVisits.previousAt }).from(libraryVisits).where(eq(libraryVisits.userId, userId)).get()?.at ?? null
}

/** Notes that the actor opened the library; what changed after their previous visit shows as new. */
export async function recordLibraryVisit(actor: Actor, now = Date.now()) {
  assertCan(actor, 'read:library')
  await mutate(
    null,
    (ctx) => {
      const row = ctx.tx.select().from(libraryVisits).where(eq(libraryVisits.userId, actor.userId)).get()
      if (!row) ctx.tx.insert(libraryVisits).values({ userId: actor.userId, lastAt: ctx.now, previousAt: null }).run()
      else ctx.tx.update(libraryVisits).set({ lastAt: ctx.now, previousAt: ctx.now - row.lastAt > VISIT_GAP_MS ? row.lastAt : row.previousAt }).where(eq(libraryVisits.userId, actor.userId)).run()
    },
    { now },
  )
}

/** An item the actor may see, else NotFound: the same 404 as for an id that does not exist. */
function findVisibleItem(actor: Actor, id: string): { item: LibraryItem; targets: { kind: 'tier' | 'region' | 'org'; value: string }[]; viewer: Viewer } {
  assertCan(actor, 'read:library', { orgId: actor.orgId })
  const item = db.select().from(libraryItems).where(eq(libraryItems.id, id)).get()
  if (!item) throw new NotFound()
  const targets = db.select({ kind: libraryTargets.kind, value: libraryTargets.value }).from(libraryTargets).where(eq(libraryTargets.itemId, id)).all()
  const viewer = viewerOf(actor)
  if (!itemVisibleTo(viewer, item, targets)) throw new NotFound()
  return { item, targets, viewer }
}

/** One item with its versions, as this actor may see it; the visit counts as a view. */
export async function getLibraryItem(actor: Actor, id: string, opts: { recordView?: boolean } = {}) {
  const { item, targets, viewer } = findVisibleItem(actor, id)
  const versions = db.select().from(libraryVersions).where(eq(libraryVersions.itemId, id)).orderBy(desc(libraryVersions.number)).all()
  const authors = userNames(versions.map((v) => v.createdBy))
  const kitIds = item.kind === 'kit' ? db.select({ id: libraryKitItems.itemId }).from(libraryKitItems).where(eq(libraryKitItems.kitId, id)).orderBy(asc(libraryKitItems.position)).all().map((k) => k.id) : []
  const kitItems = kitIds.length
    ? (await listLibrary(actor, { pageSize: 200 })).rows.filter((r) => kitIds.includes(r.id)).sort((a, b) => kitIds.indexOf(a.id) - kitIds.indexOf(b.id))
    : []
  const favourite = !!db.select({ id: libraryFavourites.itemId }).from(libraryFavourites).where(and(eq(libraryFavourites.userId, actor.userId), eq(libraryFavourites.itemId, id))).get()
  if (opts.recordView !== false) await recordUse(actor, id, null, 'view')
  const orgNames = viewer.all ? organisationNames(targets.filter((t) => t.kind === 'org').map((t) => t.value)) : new Map()
  const { bodyText: _b, searchKey: _s, createdBy: _c, updatedBy: _u, ...shown } = item
  return {
    item: { ...shown, audience: viewer.all ? item.audience : null },
    targets: viewer.all ? targets.map((t) => ({ ...t, label: t.kind === 'org' ? (orgNames.get(t.value)?.name ?? t.value) : t.value })) : [],
    versions: versions.map((v) => ({ id: v.id, number: v.number, fileName: v.fileName, mime: v.mime, size: v.size, note: v.note, createdAt: v.createdAt, author: v.createdBy ? (authors.get(v.createdBy) ?? null) : null })),
    kitItems,
    favourite,
    canManage: can(actor, 'manage:library'),
    canSeeAnalytics: can(actor, 'read:library_analytics'),
  }
}

function recordUse(actor: Actor, itemId: string, versionId: string | null, kind: 'view' | 'download') {
  return mutate(null, (ctx) => {
    ctx.tx.insert(libraryEvents).values({ id: newId(), itemId, versionId, userId: actor.userId, orgId: actor.orgId, kind, at: ctx.now }).run()
  })
}

/**
 * A stored file of an item the actor may see: where it is and the headers to send it with
 * (attachment, its real type, nosniff, sandbox). Another item's version id, or an item the actor
 * may not see, is NotFound. The download is counted.
 */
export async function libraryFileForDownload(actor: Actor, itemId: string, versionId: string) {
  findVisibleItem(actor, itemId)
  const version = db.select().from(libraryVersions).where(and(eq(libraryVersions.id, versionId), eq(libraryVersions.itemId, itemId))).get()
  if (!version) throw new NotFound()
  const file = uploadPath(version.storedId)
  if (!fs.existsSync(file)) throw new NotFound()
  await recordUse(actor, itemId, versionId, 'download')
  return { path: file, headers: downloadHeaders({ mime: version.mime, size: version.size, safeName: version.fileName }) }
}

export async function toggleFavourite(actor: Actor, itemId: string) {
  findVisibleItem(actor, itemId)
  return mutate(null, (ctx) => {
    const existing = ctx.tx.select().from(libraryFavourites).where(and(eq(libraryFavourites.userId, actor.userId), eq(libraryFavourites.itemId, itemId))).get()
    if (existing) ctx.tx.delete(libraryFavourites).where(and(eq(libraryFavourites.userId, actor.userId), eq(libraryFavourites.itemId, itemId))).run()
    else ctx.tx.insert(libraryFavourites).values({ userId: actor.userId, itemId, createdAt: ctx.now }).run()
    return { favourite: !existing }
  })
}

// ---- writing -----------------------------------------------------------------------------------

/** What the item form offers: organisations and regions to share with, items for a sales kit. */
export async function libraryFormChoices(actor: Actor, exceptId?: string) {
  assertCan(actor, 'manage:library')
  const { orgs, regions } = await audienceChoices(actor)
  const kitCandidates = db
    .select({ id: libraryItems.id, titleEn: libraryItems.titleEn, titleId: libraryItems.titleId })
    .from(libraryItems)
    .where(sql`${libraryItems.kind} <> 'kit'`)
    .orderBy(desc(libraryItems.updatedAt))
    .limit(200)
    .all()
    .filter((i) => i.id !== exceptId)
  return { orgs, regions, kitCandidates }
}

function checkFileFits(kind: LibraryKind, file: UploadAccepted) {
  if (kind === 'video' || kind === 'kit') throw new ValidationFailed('file', 'library.errors.noFileForKind')
  if (!UPLOAD_RULES[kind].allow.includes(file.kind)) throw new ValidationFailed('file', 'library.errors.fileKind')
}

function textOf(file: UploadAccepted | null): string {
  return file?.kind === 'pdf' ? extractPdfText(file.bytes) : ''
}

function writeTargets(ctx: Ctx, itemId: string, input: Pick<ItemFormInput, 'audience' | 'tiers' | 'regions' | 'orgs'>) {
  ctx.tx.delete(libraryTargets).where(eq(libraryTargets.itemId, itemId)).run()
  const rows =
    input.audience === 'tiers'
      ? input.tiers.map((value) => ({ itemId, kind: 'tier' as const, value }))
      : input.audience === 'regions'
        ? input.regions.map((value) => ({ itemId, kind: 'region' as const, value }))
        : input.audience === 'orgs'
          ? input.orgs.map((value) => ({ itemId, kind: 'org' as const, value }))
          : []
  const unique = [...new Map(rows.map((r) => [`${r.kind}:${r.value}`, r])).values()]
  if (unique.length) ctx.tx.insert(libraryTargets).values(unique).run()
  return unique.map((r) => `${r.kind}:${r.value}`).sort()
}

function writeKit(ctx: Ctx, kitId: string, kind: LibraryKind, itemIds: string[]) {
  ctx.tx.delete(libraryKitItems).where(eq(libraryKitItems.kitId, kitId)).run()
  if (kind !== 'kit') return
  const wanted = [...new Set(itemIds)].filter((id) => id !== kitId)
  const found = wanted.length ? new Set(ctx.tx.select({ id: libraryItems.id }).from(libraryItems).where(and(inArray(libraryItems.id, wanted), sql`${libraryItems.kind} <> 'kit'`)).all().map((r) => r.id)) : new Set<string>()
  const members = wanted.filter((id) => found.has(id))
  if (!members.length) throw new ValidationFailed('kitItems', 'library.errors.chooseKitItems')
  ctx.tx.insert(libraryKitItems).values(members.map((itemId, position) => ({ kitId, itemId, position }))).run()
}

const itemFields = (input: ItemFormInput) => ({
  kind: input.kind,
  titleEn: input.titleEn,
  titleId: input.titleId,
  descriptionEn: input.descriptionEn ?? '',
  descriptionId: input.descriptionId ?? '',
  category: input.category,
  language: input.language,
  tags: parseTags(input.tags),
  product: input.product,
  videoUrl: input.kind === 'video' ? input.videoUrl : null,
  audience: input.audience,
})

/** A new item; documents and images come with their first file (version 1). */
export async function createLibraryItem(actor: Actor, input: ItemFormInput, file: UploadAccepted | null, opts: { now?: number } = {}) {
  assertCan(actor, 'manage:library')
  if ((input.kind === 'document' || input.kind === 'image') && !file) throw new ValidationFailed('file', 'library.errors.fileRequired')
  if (file) checkFileFits(input.kind, file)
  const bodyText = textOf(file)
  const stored = file ? storeUpload(file) : null
  return mutate(
    actor,
    (ctx) => {
      const id = newId()
      const versionId = stored ? newId() : null
      const searchKey = (ctx.tx.get<{ n: number }>(sql`SELECT coalesce(max(search_key), 0) + 1 AS n FROM library_items`)?.n ?? 1) as number
      const fields = itemFields(input)
      ctx.tx
        .insert(libraryItems)
        .values({ id, searchKey, ...fields, bodyText, currentVersionId: versionId, versionCount: stored ? 1 : 0, createdBy: actor.userId, updatedBy: actor.userId, createdAt: ctx.now, updatedAt: ctx.now })
        .run()
      const targets = writeTargets(ctx, id, input)
      writeKit(ctx, id, input.kind, input.kitItems)
      if (stored && versionId) {
        ctx.tx.insert(libraryVersions).values({ id: versionId, itemId: id, number: 1, storedId: stored.id, mime: stored.mime, size: stored.size, sha256: stored.sha256, fileName: stored.safeName, note: input.note ?? '', createdBy: actor.userId, createdAt: ctx.now }).run()
      }
      ctx.audit('library_item', id, 'created', null, { titleEn: fields.titleEn, titleId: fields.titleId, audience: fields.audience, targets, fileName: stored?.safeName ?? null })
      return { id }
    },
    opts,
  )
}

/** Edits what an item is and who sees it (not its file: that is a new version). */
export async function updateLibraryItem(actor: Actor, id: string, input: ItemFormInput) {
  findVisibleItem(actor, id)
  assertCan(actor, 'manage:library')
  return mutate(actor, (ctx) => {
    const before = ctx.tx.select().from(libraryItems).where(eq(libraryItems.id, id)).get()
    if (!before) throw new NotFound()
    if (before.kind !== input.kind && (before.versionCount > 0 || input.kind === 'document' || input.kind === 'image')) throw new ValidationFailed('kind', 'library.errors.kindFixed')
    const beforeTargets = ctx.tx.select().from(libraryTargets).where(eq(libraryTargets.itemId, id)).all().map((t) => `${t.kind}:${t.value}`).sort()
    const fields = itemFields(input)
    ctx.tx.update(libraryItems).set({ ...fields, updatedBy: actor.userId, updatedAt: ctx.now }).where(eq(libraryItems.id, id)).run()
    const targets = writeTargets(ctx, id, input)
    writeKit(ctx, id, input.kind, input.kitItems)
    const diff = changedFields({ ...before, tags: before.tags.join(','), targets: beforeTargets.join(',') }, { ...fields, tags: fields.tags.join(','), targets: targets.join(',') })
    if (diff.changed) ctx.audit('library_item', id, 'updated', diff.before, diff.after)
  })
}

/** A new file for an item: the next version, with what changed; the earlier files stay downloadable. */
export async function addLibraryVersion(actor: Actor, id: string, file: UploadAccepted, note: string, opts: { now?: number } = {}) {
  const { item } = findVisibleItem(actor, id)
  assertCan(actor, 'manage:library')
  checkFileFits(item.kind, file)
  const bodyText = textOf(file)
  const stored = storeUpload(file)
  return mutate(
    actor,
    (ctx) => {
      const current = ctx.tx.select({ versionCount: libraryItems.versionCount }).from(libraryItems).where(eq(libraryItems.id, id)).get()
      if (!current) throw new NotFound()
      const number = current.versionCount + 1
      const versionId = newId()
      ctx.tx.insert(libraryVersions).values({ id: versionId, itemId: id, number, storedId: stored.id, mime: stored.mime, size: stored.size, sha256: stored.sha256, fileName: stored.safeName, note, createdBy: actor.userId, createdAt: ctx.now }).run()
      ctx.tx.update(libraryItems).set({ currentVersionId: versionId, versionCount: number, bodyText, updatedBy: actor.userId, updatedAt: ctx.now }).where(eq(libraryItems.id, id)).run()
      ctx.audit('library_item', id, 'version_added', null, { number, note, fileName: stored.safeName })
      return { versionId, number }
    },
    opts,
  )
}

/** The item form's values for an existing item (vendor staff). */
export async function libraryItemForEdit(actor: Actor, id: string) {
  const { item, targets } = findVisibleItem(actor, id)
  assertCan(actor, 'manage:library')
  const kitItems = db.select({ id: libraryKitItems.itemId }).from(libraryKitItems).where(eq(libraryKitItems.kitId, id)).orderBy(asc(libraryKitItems.position)).all().map((k) => k.id)
  return {
    id: item.id,
    kind: item.kind,
    titleEn: item.titleEn,
    titleId: item.titleId,
    descriptionEn: item.descriptionEn,
    descriptionId: item.descriptionId,
    category: item.category,
    language: item.language,
    tags: item.tags.join(', '),
    product: item.product ?? '',
    videoUrl: item.videoUrl ?? '',
    audience: item.audience,
    tiers: targets.filter((t) => t.kind === 'tier').map((t) => t.value),
    regions: targets.filter((t) => t.kind === 'region').map((t) => t.value),
    orgs: targets.filter((t) => t.kind === 'org').map((t) => t.value),
    kitItems,
  }
}

/** For the history renderer: the item exists and the actor may see it. */
export function libraryItemForHistory(actor: Actor, id: string) {
  const { item } = findVisibleItem(actor, id)
  return { ownerOrgId: null, title: actor.locale === 'id' ? item.titleId : item.titleEn }
}

// ---- analytics ---------------------------------------------------------------------------------

const WEEK_MS = 7 * DAY_MS

/** Views and downloads per week for the last `weeks` weeks, oldest first. */
function weeklySeries(where: SQL | undefined, now: number, weeks: number) {
  const from = now - weeks * WEEK_MS + 1
  const rows = db
    .select({ week: sql<number>`CAST((${libraryEvents.at} - ${from}) / ${WEEK_MS} AS INTEGER)`, kind: libraryEvents.kind, n: sql<number>`count(*)` })
    .from(libraryEvents)
    .where(and(where, sql`${libraryEvents.at} >= ${from}`))
    .groupBy(sql`1`, libraryEvents.kind)
    .all()
  return Array.from({ length: weeks }, (_, i) => ({
    weekStart: from + i * WEEK_MS,
    views: rows.find((r) => r.week === i && r.kind === 'view')?.n ?? 0,
    downloads: rows.find((r) => r.week === i && r.kind === 'download')?.n ?? 0,
  }))
}

/** One item's use: per organisation and per week (vendor staff). */
export async function libraryItemUsage(actor: Actor, id: string, now = Date.now()) {
  const { item } = findVisibleItem(actor, id)
  assertCan(actor, 'read:library_analytics')
  const byOrg = db
    .select({ orgId: libraryEvents.orgId, views: sql<number>`sum(${libraryEvents.kind} = 'view')`, downloads: sql<number>`sum(${libraryEvents.kind} = 'download')`, lastAt: sql<number>`max(${libraryEvents.at})` })
    .from(libraryEvents)
    .where(eq(libraryEvents.itemId, id))
    .groupBy(libraryEvents.orgId)
    .orderBy(sql`3 DESC`, sql`2 DESC`)
    .all()
  const names = organisationNames(byOrg.map((r) => r.orgId))
  return {
    title: actor.locale === 'id' ? item.titleId : item.titleEn,
    byOrg: byOrg.map((r) => ({ ...r, orgName: names.get(r.orgId)?.name ?? '' })),
    weekly: weeklySeries(eq(libraryEvents.itemId, id), now, 12),
  }
}

/** Which organisations use what: the library's use over `days` days (vendor staff). */
export async function libraryUsage(actor: Actor, opts: { days?: number; now?: number } = {}) {
  assertCan(actor, 'read:library_analytics')
  const now = opts.now ?? Date.now()
  const from = now - (opts.days ?? 90) * DAY_MS
  const inRange = sql`${libraryEvents.at} >= ${from}`
  const byOrg = db
    .select({ orgId: libraryEvents.orgId, views: sql<number>`sum(${libraryEvents.kind} = 'view')`, downloads: sql<number>`sum(${libraryEvents.kind} = 'download')`, items: sql<number>`count(DISTINCT ${libraryEvents.itemId})`, lastAt: sql<number>`max(${libraryEvents.at})` })
    .from(libraryEvents)
    .where(inRange)
    .groupBy(libraryEvents.orgId)
    .orderBy(sql`3 DESC`, sql`2 DESC`)
    .limit(100)
    .all()
  const byItem = db
    .select({ itemId: libraryEvents.itemId, titleEn: libraryItems.titleEn, titleId: libraryItems.titleId, views: sql<number>`sum(${libraryEvents.kind} = 'view')`, downloads: sql<number>`sum(${libraryEvents.kind} = 'download')`, orgs: sql<number>`count(DISTINCT ${libraryEvents.orgId})` })
    .from(libraryEvents)
    .innerJoin(libraryItems, eq(libraryItems.id, libraryEvents.itemId))
    .where(inRange)
    .groupBy(libraryEvents.itemId)
    .orderBy(sql`5 DESC`, sql`4 DESC`)
    .limit(50)
    .all()
  // the items each organisation downloaded most, for "who uses what"
  const pairs = db
    .select({ orgId: libraryEvents.orgId, itemId: libraryEvents.itemId, titleEn: libraryItems.titleEn, titleId: libraryItems.titleId, downloads: sql<number>`sum(${libraryEvents.kind} = 'download')` })
    .from(libraryEvents)
    .innerJoin(libraryItems, eq(libraryItems.id, libraryEvents.itemId))
    .where(and(inRange, inArray(libraryEvents.orgId, byOrg.map((o) => o.orgId).concat(['']))))
    .groupBy(libraryEvents.orgId, libraryEvents.itemId)
    .orderBy(sql`5 DESC`)
    .all()
  const names = organisationNames(byOrg.map((r) => r.orgId))
  const title = (r: { titleEn: string; titleId: string }) => (actor.locale === 'id' ? r.titleId : r.titleEn)
  return {
    days: opts.days ?? 90,
    byOrg: byOrg.map((r) => ({ ...r, orgName: names.get(r.orgId)?.name ?? '', topItems: pairs.filter((p) => p.orgId === r.orgId && p.downloads > 0).slice(0, 3).map((p) => ({ id: p.itemId, title: title(p), downloads: p.downloads })) })),
    byItem: byItem.map((r) => ({ id: r.itemId, title: title(r), views: r.views, downloads: r.downloads, orgs: r.orgs })),
    weekly: weeklySeries(undefined, now, 12),
  }
}

/** For a home page: how many items changed since the previous visit, and the newest few. */
export async function libraryHome(actor: Actor) {
  if (!can(actor, 'read:library')) return null
  const recent = await listLibrary(actor, { pageSize: 5 })
  const fresh = await listLibrary(actor, { newOnly: true, pageSize: 1 })
  return { newCount: fresh.total, recent: recent.rows.map((r) => ({ id: r.id, title: actor.locale === 'id' ? r.titleId : r.titleEn, kind: r.kind, isNew: r.isNew })) }
}

// ---- reading an upload form --------------------------------------------------------------------

/**
 * Reads a multipart form with at most one file (`file`), never holding more than the size cap of
 * it in memory, and checks the file by its content. `file` is null when none was chosen.
 */
export async function readLibraryUploadForm(request: Request): Promise<{ form: FormData; file: UploadCheck | null }> {
  let form: FormData
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }))
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { form: new FormData(), file: { ok: false, messageKey: 'errors.uploadTooLarge', params: { max: '25 MB' } } }
    throw error
  }
  const raw = form.get('file')
  form.delete('file')
  if (!raw || typeof raw === 'string' || raw.size === 0) return { form, file: null }
  const allow = [...new Set([...UPLOAD_RULES.document.allow, ...UPLOAD_RULES.image.allow])]
  return { form, file: await checkUpload(raw, { maxBytes: MAX_UPLOAD_BYTES, allow }, (raw as File).name ?? '') }
}
