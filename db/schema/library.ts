import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id, updatedAt } from './_columns'
import { organisations, users } from './orgs'

export const LIBRARY_KINDS = ['document', 'image', 'video', 'kit'] as const
export const LIBRARY_CATEGORIES = ['brochure', 'price_list', 'brand', 'presentation', 'training', 'case_study', 'other'] as const
export const LIBRARY_LANGUAGES = ['id', 'en', 'both'] as const
export const LIBRARY_AUDIENCES = ['all_partners', 'tiers', 'regions', 'orgs', 'suppliers', 'internal'] as const

/** One piece of sales material. Who may see it is `audience` plus, for tiers/regions/orgs, its targets. */
export const libraryItems = sqliteTable(
  'library_items',
  {
    id: id(),
    // the search index's row number: a stable integer (a table's implicit rowid may change on VACUUM)
    searchKey: integer('search_key').notNull(),
    kind: text('kind', { enum: LIBRARY_KINDS }).notNull(),
    titleEn: text('title_en').notNull(),
    titleId: text('title_id').notNull(),
    descriptionEn: text('description_en').notNull().default(''),
    descriptionId: text('description_id').notNull().default(''),
    category: text('category', { enum: LIBRARY_CATEGORIES }).notNull(),
    // lower-case words, kept as a JSON array
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    language: text('language', { enum: LIBRARY_LANGUAGES }).notNull(),
    product: text('product'),
    videoUrl: text('video_url'),
    audience: text('audience', { enum: LIBRARY_AUDIENCES }).notNull(),
    currentVersionId: text('current_version_id'),
    versionCount: integer('version_count').notNull().default(0),
    // text extracted from the current file (PDF), searched with the rest
    bodyText: text('body_text').notNull().default(''),
    createdBy: text('created_by').references(() => users.id),
    updatedBy: text('updated_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('library_items_search_key_idx').on(t.searchKey),
    index('library_items_audience_idx').on(t.audience, t.updatedAt),
    index('library_items_updated_idx').on(t.updatedAt),
    // covers what search, visibility, totals and facets read of a matched item, so counting 90k
    // matches never reads the items' rows (titles, descriptions, document text: ~1.5 kB each)
    index('library_items_search_cover_idx').on(t.searchKey, t.audience, t.kind, t.category, t.language, t.updatedAt, t.id, t.tags),
  ],
)

/** Tiers, regions or organisations an item is shown to (for audiences tiers, regions, orgs). */
export const libraryTargets = sqliteTable(
  'library_targets',
  {
    itemId: text('item_id')
      .notNull()
      .references(() => libraryItems.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['tier', 'region', 'org'] }).notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.kind, t.value] }), index('library_targets_value_idx').on(t.kind, t.value, t.itemId)],
)

/** Each upload of a new file is a version; the earlier ones stay downloadable. */
export const libraryVersions = sqliteTable(
  'library_versions',
  {
    id: id(),
    itemId: text('item_id')
      .notNull()
      .references(() => libraryItems.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    storedId: text('stored_id').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    note: text('note').notNull().default(''),
    createdBy: text('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('library_versions_item_number_idx').on(t.itemId, t.number)],
)

/** The items of a sales kit, in order. */
export const libraryKitItems = sqliteTable(
  'library_kit_items',
  {
    kitId: text('kit_id')
      .notNull()
      .references(() => libraryItems.id, { onDelete: 'cascade' }),
    itemId: text('item_id')
      .notNull()
      .references(() => libraryItems.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kitId, t.itemId] })],
)

/** Views and downloads, for "who uses what". */
export const libraryEvents = sqliteTable(
  'library_events',
  {
    id: id(),
    itemId: text('item_id')
      .notNull()
      .references(() => libraryItems.id, { onDelete: 'cascade' }),
    versionId: text('version_id'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind', { enum: ['view', 'download'] }).notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('library_events_item_idx').on(t.itemId, t.at), index('library_events_org_idx').on(t.orgId, t.at), index('library_events_at_idx').on(t.at)],
)

export const libraryFavourites = sqliteTable(
  'library_favourites',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    itemId: text('item_id')
      .notNull()
      .references(() => libraryItems.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.itemId] })],
)

/** When each user last opened the library: "new since your last visit" compares with `previousAt`. */
export const libraryVisits = sqliteTable('library_visits', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id),
  lastAt: integer('last_at').notNull(),
  previousAt: integer('previous_at'),
})
