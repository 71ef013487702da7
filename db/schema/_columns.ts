import { integer, text } from 'drizzle-orm/sqlite-core'

// Shared column builders. Times are unix milliseconds in UTC; ids are random strings
// generated in app/utils/ids.ts, never sequential integers.
export const id = () => text('id').primaryKey()
export const createdAt = () => integer('created_at', { mode: 'number' }).notNull()
export const updatedAt = () => integer('updated_at', { mode: 'number' }).notNull()
