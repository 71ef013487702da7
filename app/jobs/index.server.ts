import { purgeExpiredSessions } from '../modules/auth/auth.server'
import { deliverPendingEmails } from '../modules/notify/notify.server'
import { expireStaleRegistrations, sendExpiryReminders } from '../modules/deals/deals.server'
import type { Job } from './runner.server'

/** Every periodic job. Each is idempotent: running it twice does no harm. */
export const JOBS: Job[] = [
  { name: 'deliver-email', everyMs: 30_000, run: (now) => deliverPendingEmails(now) },
  { name: 'purge-expired-sessions', everyMs: 60 * 60_000, run: (now) => ({ purged: purgeExpiredSessions(now) }) },
  // daily in spirit; run hourly so an expiry lands within the hour, each step is idempotent
  { name: 'expire-deal-registrations', everyMs: 60 * 60_000, run: (now) => expireStaleRegistrations(now) },
  { name: 'deal-expiry-reminders', everyMs: 60 * 60_000, run: (now) => sendExpiryReminders(now) },
]
