import { purgeExpiredSessions } from '../modules/auth/auth.server'
import { deliverPendingEmails } from '../modules/notify/notify.server'
import { expireStaleRegistrations, sendExpiryReminders } from '../modules/deals/deals.server'
import { cleanOrphanImports, enforceDocumentHolds, sendDocumentReminders } from '../modules/suppliers/suppliers.server'
import { escalateOverdueApprovals } from '../modules/reports/reports.server'
import { sendEventReminders } from '../modules/schedules/schedules.server'
import { evaluatePartnerTiers, expireCertificates, sendCertificateReminders } from '../modules/training/training.server'
import { accrueAllFunds, checkLedgerAndAlert, expireFunds, lapseUnclaimedRequests, sendClaimDeadlineReminders } from '../modules/mdf/mdf.server'
import { rawSqlite } from '../utils/db.server'
import { getEnv } from '../utils/env.server'
import { backupDatabase } from './backup.server'
import type { Job } from './runner.server'

const backupHours = getEnv().BACKUP_INTERVAL_HOURS

/** Every periodic job. Each is idempotent: running it twice does no harm. */
export const JOBS: Job[] = [
  { name: 'deliver-email', everyMs: 30_000, run: (now) => deliverPendingEmails(now) },
  { name: 'purge-expired-sessions', everyMs: 60 * 60_000, run: (now) => ({ purged: purgeExpiredSessions(now) }) },
  // daily in spirit; run hourly so an expiry lands within the hour, each step is idempotent
  { name: 'expire-deal-registrations', everyMs: 60 * 60_000, run: (now) => expireStaleRegistrations(now) },
  { name: 'deal-expiry-reminders', everyMs: 60 * 60_000, run: (now) => sendExpiryReminders(now) },
  // supplier documents: reminders before expiry, and the hold while a required one is missing or expired
  { name: 'supplier-document-reminders', everyMs: 60 * 60_000, run: (now) => sendDocumentReminders(now) },
  { name: 'supplier-document-holds', everyMs: 60 * 60_000, run: (now) => enforceDocumentHolds(now) },
  // catalog imports killed half-way: their staged lines are removed, the version marked failed
  { name: 'catalog-orphan-imports', everyMs: 10 * 60_000, run: async (now) => ({ cleaned: await cleanOrphanImports(now) }) },
  // items of the approval queue past their SLA: once per breach to the administrators
  { name: 'escalate-overdue-approvals', everyMs: 15 * 60_000, run: (now) => escalateOverdueApprovals(now) },
  // a day before each event, to those who answered yes or maybe; each reminder is claimed once
  { name: 'event-reminders', everyMs: 15 * 60_000, run: (now) => sendEventReminders(now) },
  // certificates: expiry (re-evaluates the holder's tier) and reminders 60, 30 and 7 days before
  { name: 'expire-certificates', everyMs: 60 * 60_000, run: (now) => expireCertificates(now) },
  { name: 'certificate-reminders', everyMs: 60 * 60_000, run: (now) => sendCertificateReminders(now) },
  // every partner's tier (revenue moves without telling training); downgrades wait out their grace period
  { name: 'evaluate-partner-tiers', everyMs: 6 * 60 * 60_000, run: (now) => evaluatePartnerTiers(now) },
  // MDF: accrual on closed-won partner revenue, funds expiring at period end, approved activities whose
  // claim deadline passed unclaimed (their commitment goes back), claim reminders, and the ledger's
  // invariants checked with an alert to administrators when one breaks
  { name: 'mdf-accrual', everyMs: 6 * 60 * 60_000, run: (now) => accrueAllFunds(now) },
  { name: 'mdf-expire-funds', everyMs: 60 * 60_000, run: (now) => expireFunds(now) },
  { name: 'mdf-lapse-unclaimed', everyMs: 60 * 60_000, run: (now) => lapseUnclaimedRequests(now) },
  { name: 'mdf-claim-reminders', everyMs: 60 * 60_000, run: (now) => sendClaimDeadlineReminders(now) },
  { name: 'mdf-reconcile', everyMs: 60 * 60_000, run: (now) => checkLedgerAndAlert(now) },
  // online backup into BACKUP_DIR, verified, newest BACKUP_KEEP kept (BACKUP_INTERVAL_HOURS=0: off)
  ...(backupHours > 0
    ? [
        {
          name: 'backup-database',
          everyMs: backupHours * 60 * 60_000,
          leaseMs: 60 * 60_000,
          forceable: false,
          run: async () => {
            const { file, bytes, copyMs, verifyMs, removed } = await backupDatabase(rawSqlite(), getEnv().BACKUP_DIR, getEnv().BACKUP_KEEP)
            return { file, bytes, copyMs, verifyMs, removed: removed.length }
          },
        } satisfies Job,
      ]
    : []),
]
