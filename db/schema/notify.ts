import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt } from './_columns'
import { users } from './orgs'

export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    recipientId: text('recipient_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    // the message's parameters: the title and summary are rendered when read, in the reader's language
    // (title/body keep the recipient's language at the time, for rows written before this column)
    params: text('params', { mode: 'json' }).$type<Record<string, string | number>>(),
    readAt: integer('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_recipient_idx').on(t.recipientId, t.readAt, t.createdAt)],
)

// Written in the same transaction as the decision it reports; a job delivers it after
// commit and retries, so a failing SMTP server never rolls a decision back.
export const emailOutbox = sqliteTable(
  'email_outbox',
  {
    id: text('id').primaryKey(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    sentAt: integer('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [index('email_outbox_status_idx').on(t.status, t.nextAttemptAt)],
)

// One row per job name: a runner takes the lease before running, so two app servers
// (or the server and `npm run jobs`) never run the same job at once.
