import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id, updatedAt } from './_columns'
import { organisations, users } from './orgs'

export const EVENT_KINDS = ['webinar', 'training', 'campaign', 'business_review', 'trade_show', 'delivery_window', 'mdf_activity', 'plan_initiative'] as const
export const RSVP_ANSWERS = ['yes', 'no', 'maybe'] as const

export const scheduleEvents = sqliteTable(
  'schedule_events',
  {
    id: id(),
    kind: text('kind', { enum: EVENT_KINDS }).notNull(),
    titleEn: text('title_en').notNull(),
    titleId: text('title_id').notNull(),
    descriptionEn: text('description_en').notNull().default(''),
    descriptionId: text('description_id').notNull().default(''),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    // IANA zone the event is held in (its times are shown there and in the reader's zone)
    timeZone: text('time_zone').notNull(),
    location: text('location'),
    onlineUrl: text('online_url'),
    ownerOrgId: text('owner_org_id')
      .notNull()
      .references(() => organisations.id),
    capacity: integer('capacity'),
    status: text('status', { enum: ['scheduled', 'cancelled'] }).notNull().default('scheduled'),
    // events made by another module (an approved MDF activity, a plan initiative)
    source: text('source', { enum: ['mdf_request', 'plan_initiative'] }),
    sourceId: text('source_id'),
    // ICS SEQUENCE: bumped on each change so calendar apps replace their copy
    sequence: integer('sequence').notNull().default(0),
    remindedAt: integer('reminded_at'),
    createdBy: text('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // in start order, ties by id, as every calendar read sorts: "my next events" for a viewer with thousands of
    // events (dense, schedules.server mineSql) walks it and stops at the first few that are theirs. On starts_at
    // alone the id still needed a sort, so SQLite scanned, tested and sorted all 7,010 events of the MDF measure's
    // calendar instead: 8 ms on every vendor home page. (An index led by status did it too, but then a partner's
    // few events were also found by walking the calendar rather than from their invitations.)
    index('schedule_events_starts_idx').on(t.startsAt, t.id),
    uniqueIndex('schedule_events_source_idx').on(t.source, t.sourceId),
    // who sees an event is looked up from the viewer's side (schedules.server candidateIdsSql)
    index('schedule_events_owner_idx').on(t.ownerOrgId),
    index('schedule_events_creator_idx').on(t.createdBy),
  ],
)

/** Who is invited: an organisation, every partner of a tier, or a named user. */
export const scheduleInvitations = sqliteTable(
  'schedule_invitations',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => scheduleEvents.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['org', 'tier', 'user'] }).notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.kind, t.value] }), index('schedule_invitations_value_idx').on(t.kind, t.value)],
)

export const scheduleRsvps = sqliteTable(
  'schedule_rsvps',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => scheduleEvents.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    answer: text('answer', { enum: RSVP_ANSWERS }).notNull(),
    remindedAt: integer('reminded_at'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index('schedule_rsvps_user_idx').on(t.userId)],
)

/** The private calendar feed of a user: only the SHA-256 of its secret is kept. */
export const scheduleFeedTokens = sqliteTable(
  'schedule_feed_tokens',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('schedule_feed_tokens_hash_idx').on(t.tokenHash)],
)
