import { purgeExpiredSessions } from '../modules/auth/session.server'
import { deliverPendingEmails } from '../modules/notify/notify.server'
import type { Job } from './runner.server'

/** Every periodic job. Each is idempotent: running it twice does no harm. */
export const JOBS: Job[] = [
  { name: 'deliver-email', everyMs: 30_000, run: (now) => deliverPendingEmails(now) },
  { name: 'purge-expired-sessions', everyMs: 60 * 60_000, run: (now) => ({ purged: purgeExpiredSessions(now) }) },
]
