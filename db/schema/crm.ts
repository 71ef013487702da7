import { relations } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id, updatedAt } from './_columns'
import { organisations, users } from './orgs'
import { ACTIVITY_KINDS, CRM_ENTITIES, LEAD_SOURCES, LEAD_STATUSES } from '../../app/modules/crm/crm.schema'

export const accounts = sqliteTable(
  'accounts',
  {
    id: id(),
    name: text('name').notNull(),
    normalizedName: text('normalized_name').notNull(),
    domain: text('domain'),
    npwp: text('npwp'),
    industry: text('industry'),
    address: text('address'),
    city: text('city'),
    region: text('region'),
    phone: text('phone'),
    ownerId: text('owner_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('accounts_normalized_name_idx').on(t.normalizedName),
    index('accounts_domain_idx').on(t.domain),
    index('accounts_region_idx').on(t.region),
    // the accounts list filtered by region and sorted by name comes off the index in order (keyset pages)
    index('accounts_region_name_idx').on(t.region, t.name, t.id),
    index('accounts_name_idx').on(t.name, t.id),
    // DISTINCT industry for the filter options: an index to skip through instead of a table scan
    index('accounts_industry_idx').on(t.industry),
    index('accounts_updated_idx').on(t.updatedAt),
  ],
)

export const contacts = sqliteTable(
  'contacts',
  {
    id: id(),
    accountId: text('account_id').references(() => accounts.id),
    firstName: text('first_name').notNull(),
    lastName: text('last_name'),
    email: text('email'),
    phone: text('phone'),
    title: text('title'),
    ownerId: text('owner_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('contacts_account_idx').on(t.accountId), index('contacts_email_idx').on(t.email)],
)


export const leads = sqliteTable(
  'leads',
  {
    id: id(),
    company: text('company').notNull(),
    contactName: text('contact_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    source: text('source', { enum: LEAD_SOURCES }).notNull().default('web'),
    status: text('status', { enum: LEAD_STATUSES }).notNull().default('new'),
    score: integer('score').notNull().default(0),
    accountId: text('account_id').references(() => accounts.id),
    ownerId: text('owner_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('leads_status_idx').on(t.status, t.score), index('leads_account_idx').on(t.accountId)],
)

/**
 * Open leads (not converted, not disqualified) per score band, maintained by every lead write in the same
 * transaction (leads.server.ts): the dashboard reads three rows instead of scanning every lead. 0017
 * backfilled it from the table.
 */
export const leadBandCounts = sqliteTable('lead_band_counts', {
  band: text('band', { enum: ['hot', 'warm', 'junk'] }).primaryKey(),
  n: integer('n').notNull().default(0),
})

export const pipelines = sqliteTable('pipelines', {
  id: id(),
  name: text('name').notNull(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
})

export const pipelineStages = sqliteTable(
  'pipeline_stages',
  {
    id: id(),
    pipelineId: text('pipeline_id')
      .notNull()
      .references(() => pipelines.id),
    name: text('name').notNull(),
    // the stage's name for English readers, where the vendor gives one (name is the default language's)
    nameEn: text('name_en'),
    position: integer('position').notNull(),
    // 0..100; 100 = won, 0 with isClosed = lost
    probability: integer('probability').notNull(),
    isClosed: integer('is_closed', { mode: 'boolean' }).notNull().default(false),
    isWon: integer('is_won', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('pipeline_stages_pipeline_idx').on(t.pipelineId, t.position)],
)

export const opportunities = sqliteTable(
  'opportunities',
  {
    id: id(),
    name: text('name').notNull(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    pipelineId: text('pipeline_id')
      .notNull()
      .references(() => pipelines.id),
    stageId: text('stage_id')
      .notNull()
      .references(() => pipelineStages.id),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull().default('IDR'),
    expectedCloseDate: text('expected_close_date'),
    ownerId: text('owner_id').references(() => users.id),
    source: text('source', { enum: ['direct', 'partner'] }).notNull().default('direct'),
    partnerOrgId: text('partner_org_id').references(() => organisations.id),
    // when it moved into a closed stage (won or lost); null while open. Revenue won per period and
    // the sales cycle are read from it (business plans' actuals, reports)
    closedAt: integer('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // a partner's revenue won and pipeline created per period (plan actuals, the tier progress on its home)
    // read an index range only: covering (currency, stage, amount), so a whale's year of deals is not a
    // table lookup per deal (L, 2,800 won in a year: 5.4 → 0.46 ms); their prefixes are the former
    // opportunities_partner_closed_idx and opportunities_partner_created_idx
    index('opportunities_partner_closed_cover_idx').on(t.partnerOrgId, t.closedAt, t.currency, t.stageId, t.amountMinor),
    index('opportunities_partner_created_cover_idx').on(t.partnerOrgId, t.createdAt, t.currency, t.amountMinor),
    // the 360° page's latest 25 of an account's opportunities come off the index in order, not by sorting all
    // of a whale account's ten thousand; its prefix replaces the former opportunities_account_idx
    index('opportunities_account_updated_idx').on(t.accountId, t.updatedAt),
    index('opportunities_pipeline_stage_idx').on(t.pipelineId, t.stageId),
    // a partner's count and IDR sum (their home page) read only the index: covering, and its prefix
    // replaces the former opportunities_partner_idx
    index('opportunities_partner_currency_amount_idx').on(t.partnerOrgId, t.currency, t.amountMinor),
  ],
)

/**
 * Count and sum of opportunities per stage and currency, maintained by every opportunity write in the
 * same transaction (opportunities.server.ts): the dashboard reads a few rows instead of summing a
 * million. The 0005 migration backfilled it from the table.
 */
export const opportunityStageTotals = sqliteTable(
  'opportunity_stage_totals',
  {
    stageId: text('stage_id')
      .notNull()
      .references(() => pipelineStages.id),
    currency: text('currency').notNull(),
    n: integer('n').notNull().default(0),
    amountMinor: integer('amount_minor').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.stageId, t.currency] })],
)

/**
 * The same counts per source: per partner organisation (its id) or direct ('' as the key), stage and
 * currency, with the summed sales cycle (closed_at − created_at) of the closed ones. Maintained by
 * the same writes as the stage totals; the reports (funnel by source, by partner, by region, win
 * rate, sales cycle) and the partners list read these rows, never the million opportunities.
 */
export const opportunityPartnerTotals = sqliteTable(
  'opportunity_partner_totals',
  {
    partnerKey: text('partner_key').notNull(),
    stageId: text('stage_id')
      .notNull()
      .references(() => pipelineStages.id),
    currency: text('currency').notNull(),
    n: integer('n').notNull().default(0),
    amountMinor: integer('amount_minor').notNull().default(0),
    cycleMs: integer('cycle_ms').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.partnerKey, t.stageId, t.currency] })],
)

/** Pipeline created per month (Jakarta time, 'YYYY-MM') and source, maintained like the stage totals. */
export const opportunityMonthTotals = sqliteTable(
  'opportunity_month_totals',
  {
    month: text('month').notNull(),
    partnerKey: text('partner_key').notNull(),
    currency: text('currency').notNull(),
    n: integer('n').notNull().default(0),
    amountMinor: integer('amount_minor').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.partnerKey, t.currency] })],
)

export const activities = sqliteTable(
  'activities',
  {
    id: id(),
    kind: text('kind', { enum: ACTIVITY_KINDS }).notNull(),
    subject: text('subject').notNull(),
    body: text('body'),
    entityType: text('entity_type', { enum: CRM_ENTITIES }).notNull(),
    entityId: text('entity_id').notNull(),
    // the account the record belongs to, so the 360° page reads one index
    accountId: text('account_id').references(() => accounts.id),
    dueAt: integer('due_at'),
    doneAt: integer('done_at'),
    authorId: text('author_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('activities_entity_idx').on(t.entityType, t.entityId), index('activities_account_idx').on(t.accountId, t.createdAt)],
)

export const accountsRelations = relations(accounts, ({ many, one }) => ({
  contacts: many(contacts),
  opportunities: many(opportunities),
  leads: many(leads),
  owner: one(users, { fields: [accounts.ownerId], references: [users.id] }),
}))
export const contactsRelations = relations(contacts, ({ one }) => ({
  account: one(accounts, { fields: [contacts.accountId], references: [accounts.id] }),
}))
export const leadsRelations = relations(leads, ({ one }) => ({
  account: one(accounts, { fields: [leads.accountId], references: [accounts.id] }),
}))
export const pipelinesRelations = relations(pipelines, ({ many }) => ({ stages: many(pipelineStages) }))
export const pipelineStagesRelations = relations(pipelineStages, ({ one }) => ({
  pipeline: one(pipelines, { fields: [pipelineStages.pipelineId], references: [pipelines.id] }),
}))
export const opportunitiesRelations = relations(opportunities, ({ one }) => ({
  account: one(accounts, { fields: [opportunities.accountId], references: [accounts.id] }),
  stage: one(pipelineStages, { fields: [opportunities.stageId], references: [pipelineStages.id] }),
  pipeline: one(pipelines, { fields: [opportunities.pipelineId], references: [pipelines.id] }),
}))
