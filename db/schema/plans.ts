import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id, updatedAt } from './_columns'
import { organisations, users } from './orgs'
import { MEASURES, PLAN_STATUSES } from '../../app/modules/plans/plans.machine'

/** A joint business plan between the vendor and one partner for one year, tracked by quarter. */
export const businessPlans = sqliteTable(
  'business_plans',
  {
    id: id(),
    partnerOrgId: text('partner_org_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    currency: text('currency').notNull().default('IDR'),
    status: text('status', { enum: PLAN_STATUSES }).notNull().default('draft'),
    // the version being written (or, when signed, the frozen one)
    version: integer('version').notNull().default(1),
    strengths: text('strengths').notNull().default(''),
    weaknesses: text('weaknesses').notNull().default(''),
    opportunities: text('opportunities').notNull().default(''),
    threats: text('threats').notNull().default(''),
    notes: text('notes').notNull().default(''),
    vendorSignedBy: text('vendor_signed_by').references(() => users.id),
    vendorSignedAt: integer('vendor_signed_at'),
    partnerSignedBy: text('partner_signed_by').references(() => users.id),
    partnerSignedAt: integer('partner_signed_at'),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('business_plans_partner_year_idx').on(t.partnerOrgId, t.year), index('business_plans_year_idx').on(t.year)],
)

/** A measurable objective with a target per quarter (money in minor units, else a count; free text has none). */
export const planObjectives = sqliteTable(
  'plan_objectives',
  {
    id: id(),
    planId: text('plan_id')
      .notNull()
      .references(() => businessPlans.id, { onDelete: 'cascade' }),
    measure: text('measure', { enum: MEASURES }).notNull(),
    title: text('title').notNull(),
    q1: integer('q1').notNull().default(0),
    q2: integer('q2').notNull().default(0),
    q3: integer('q3').notNull().default(0),
    q4: integer('q4').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('plan_objectives_plan_idx').on(t.planId, t.createdAt)],
)

export const planInitiatives = sqliteTable(
  'plan_initiatives',
  {
    id: id(),
    planId: text('plan_id')
      .notNull()
      .references(() => businessPlans.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    owner: text('owner').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    budgetMinor: integer('budget_minor').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('plan_initiatives_plan_idx').on(t.planId, t.startDate)],
)

/** Each version frozen by both signatures: what was agreed, as it was. */
export const planVersions = sqliteTable(
  'plan_versions',
  {
    id: id(),
    planId: text('plan_id')
      .notNull()
      .references(() => businessPlans.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    snapshot: text('snapshot', { mode: 'json' }).notNull(),
    vendorSignedBy: text('vendor_signed_by').references(() => users.id),
    partnerSignedBy: text('partner_signed_by').references(() => users.id),
    signedAt: integer('signed_at').notNull(),
  },
  (t) => [uniqueIndex('plan_versions_plan_version_idx').on(t.planId, t.version)],
)

/** The thread both sides write on a plan. */
export const planComments = sqliteTable(
  'plan_comments',
  {
    id: id(),
    planId: text('plan_id')
      .notNull()
      .references(() => businessPlans.id, { onDelete: 'cascade' }),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('plan_comments_plan_idx').on(t.planId, t.createdAt)],
)

/** Quarterly business reviews: what was discussed and decided. */
export const planReviews = sqliteTable(
  'plan_reviews',
  {
    id: id(),
    planId: text('plan_id')
      .notNull()
      .references(() => businessPlans.id, { onDelete: 'cascade' }),
    quarter: integer('quarter').notNull(),
    heldOn: text('held_on').notNull(),
    discussed: text('discussed').notNull(),
    decisions: text('decisions').notNull(),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('plan_reviews_plan_idx').on(t.planId, t.heldOn)],
)
