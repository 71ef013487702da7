import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

// Owned by app/jobs: one lease row per job, so two app servers never run the same job at once.
export const jobLeases = sqliteTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder'),
  leaseUntil: integer('lease_until').notNull().default(0),
  lastRunAt: integer('last_run_at'),
  lastResult: text('last_result'),
})
