import { relations } from 'drizzle-orm'
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id, updatedAt } from './_columns'
import { accounts, opportunities } from './crm'
import { organisations, users } from './orgs'
import { DEAL_STATUSES } from '../../app/modules/deals/deals.machine'

export const dealRegistrations = sqliteTable(
  'deal_registrations',
  {
    id: id(),
    partnerOrgId: text('partner_org_id')
      .notNull()
      .references(() => organisations.id),
    submittedBy: text('submitted_by')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: DEAL_STATUSES }).notNull().default('draft'),
    customerName: text('customer_name').notNull(),
    // as typed (website, URL or email), and the registrable domain derived from it
    customerWebsite: text('customer_website'),
    customerDomain: text('customer_domain'),
    customerNpwp: text('customer_npwp'),
    customerCity: text('customer_city'),
    customerRegion: text('customer_region'),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone'),
    products: text('products').notNull(),
    valueMinor: integer('value_minor').notNull(),
    currency: text('currency').notNull().default('IDR'),
    expectedCloseDate: text('expected_close_date').notNull(),
    competitors: text('competitors'),
    notes: text('notes'),
    rulesAcceptedAt: integer('rules_accepted_at'),
    submittedAt: integer('submitted_at'),
    submissionCount: integer('submission_count').notNull().default(0),
    decidedAt: integer('decided_at'),
    decidedBy: text('decided_by').references(() => users.id),
    rejectionReason: text('rejection_reason'),
    protectedUntil: integer('protected_until'),
    extensionsUsed: integer('extensions_used').notNull().default(0),
    // smallest "days before expiry" reminder already sent (14, 7, 1), so the job sends each once
    reminderSent: integer('reminder_sent'),
    conflictCount: integer('conflict_count').notNull().default(0),
    flaggedConflict: integer('flagged_conflict', { mode: 'boolean' }).notNull().default(false),
    accountId: text('account_id').references(() => accounts.id),
    opportunityId: text('opportunity_id').references(() => opportunities.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('deal_reg_partner_status_idx').on(t.partnerOrgId, t.status, t.createdAt),
    index('deal_reg_status_submitted_idx').on(t.status, t.submittedAt),
    index('deal_reg_protected_idx').on(t.status, t.protectedUntil),
    index('deal_reg_account_idx').on(t.accountId),
  ],
)

/** What the conflict check found at the last submission, kept so managers see the evidence later. */
export const dealConflicts = sqliteTable(
  'deal_conflicts',
  {
    id: id(),
    registrationId: text('registration_id')
      .notNull()
      .references(() => dealRegistrations.id, { onDelete: 'cascade' }),
    matchType: text('match_type', { enum: ['account', 'registration', 'opportunity'] }).notNull(),
    matchId: text('match_id').notNull(),
    matchLabel: text('match_label').notNull(),
    score: integer('score').notNull(),
    reasons: text('reasons', { mode: 'json' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('deal_conflicts_reg_idx').on(t.registrationId), index('deal_conflicts_match_idx').on(t.matchType, t.matchId)],
)

/** The question-and-answer thread between the manager and the partner. */
export const dealMessages = sqliteTable(
  'deal_messages',
  {
    id: id(),
    registrationId: text('registration_id')
      .notNull()
      .references(() => dealRegistrations.id, { onDelete: 'cascade' }),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['question', 'answer'] }).notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('deal_messages_reg_idx').on(t.registrationId, t.createdAt)],
)

export const dealExtensions = sqliteTable(
  'deal_extensions',
  {
    id: id(),
    registrationId: text('registration_id')
      .notNull()
      .references(() => dealRegistrations.id, { onDelete: 'cascade' }),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => users.id),
    justification: text('justification').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'declined'] }).notNull().default('pending'),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: integer('decided_at'),
    declineReason: text('decline_reason'),
    createdAt: createdAt(),
  },
  (t) => [index('deal_extensions_reg_idx').on(t.registrationId, t.status)],
)

/** Rules of engagement: one row, edited by the vendor admin. */
export const dealRules = sqliteTable('deal_rules', {
  id: text('id').primaryKey(),
  protectionDays: integer('protection_days').notNull().default(90),
  extensionDays: integer('extension_days').notNull().default(30),
  maxExtensions: integer('max_extensions').notNull().default(2),
  autoFlagApprovedMatch: integer('auto_flag_approved_match', { mode: 'boolean' }).notNull().default(true),
  rulesTextId: text('rules_text_id').notNull().default(''),
  rulesTextEn: text('rules_text_en').notNull().default(''),
  updatedAt: updatedAt(),
  updatedBy: text('updated_by').references(() => users.id),
})

export const dealRegistrationsRelations = relations(dealRegistrations, ({ one, many }) => ({
  partner: one(organisations, { fields: [dealRegistrations.partnerOrgId], references: [organisations.id] }),
  conflicts: many(dealConflicts),
  messages: many(dealMessages),
  extensions: many(dealExtensions),
}))
