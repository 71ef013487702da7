import { relations } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id, updatedAt } from './_columns'
import { ROLES } from '../../app/modules/auth/roles'

export const organisations = sqliteTable(
  'organisations',
  {
    id: id(),
    kind: text('kind', { enum: ['vendor', 'partner', 'supplier'] }).notNull(),
    name: text('name').notNull(),
    legalName: text('legal_name'),
    npwp: text('npwp'),
    country: text('country').notNull().default('ID'),
    region: text('region'),
    city: text('city'),
    website: text('website'),
    status: text('status', { enum: ['active', 'on_hold', 'inactive'] }).notNull().default('active'),
    tier: text('tier', { enum: ['registered', 'silver', 'gold', 'platinum'] }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('organisations_kind_name_idx').on(t.kind, t.name),
    // the dashboard's active partners and suppliers, counted from the index alone (orgs.server organisationCounts)
    index('organisations_status_kind_idx').on(t.status, t.kind),
    // the region filters of the partner list and the reports (organisationRegions, organisationIdsInRegion)
    index('organisations_kind_region_idx').on(t.kind, t.region),
  ],
)

export const users = sqliteTable(
  'users',
  {
    id: id(),
    // stored lower-cased; the unique index makes the address case-insensitive
    email: text('email').notNull(),
    name: text('name').notNull(),
    locale: text('locale', { enum: ['id', 'en'] }).notNull().default('id'),
    timeZone: text('time_zone').notNull().default('Asia/Jakarta'),
    passwordHash: text('password_hash'),
    status: text('status', { enum: ['invited', 'active', 'deactivated'] }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_idx').on(t.email)],
)


// One membership per user: a user belongs to exactly one organisation with one role.
export const memberships = sqliteTable(
  'memberships',
  {
    id: id(),
    userId: text('user_id').notNull().references(() => users.id),
    orgId: text('org_id').notNull().references(() => organisations.id),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('memberships_user_idx').on(t.userId), index('memberships_org_idx').on(t.orgId)],
)

export const organisationsRelations = relations(organisations, ({ many }) => ({ memberships: many(memberships) }))
export const usersRelations = relations(users, ({ one }) => ({
  membership: one(memberships, { fields: [users.id], references: [memberships.userId] }),
}))
export const membershipsRelations = relations(memberships, ({ one }) => ({
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
  org: one(organisations, { fields: [memberships.orgId], references: [organisations.id] }),
}))

export const invitations = sqliteTable(
  'invitations',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    orgId: text('org_id').notNull().references(() => organisations.id),
    role: text('role', { enum: ROLES }).notNull(),
    invitedBy: text('invited_by').notNull().references(() => users.id),
    expiresAt: integer('expires_at').notNull(),
    acceptedAt: integer('accepted_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('invitations_token_idx').on(t.tokenHash), index('invitations_org_idx').on(t.orgId)],
)
