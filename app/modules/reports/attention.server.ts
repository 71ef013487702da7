import { DAY_MS } from '../../utils/dates'
import { can, type Actor } from '../auth/actor'
import { expiringRegistrations } from '../deals/deals.server'
import { approvalCounts } from './approvals.server'

/**
 * The vendor dashboard's "needs attention today": overdue approvals (oldest first) and approved
 * registrations whose protection ends within a week. Null for readers with neither.
 */
export async function attentionToday(actor: Actor, now = Date.now()) {
  const approvals = await approvalCounts(actor, now)
  const expiring = can(actor, 'approve:deal_registration') ? await expiringRegistrations(actor, 7 * DAY_MS, now, 5) : null
  if (!approvals && !expiring) return null
  return {
    waiting: approvals?.waiting ?? 0,
    overdue: approvals?.overdue ?? 0,
    overdueItems: (approvals?.oldestOverdue ?? []).map((r) => ({ key: `${r.kind}-${r.id}`, title: r.title, orgName: r.orgName, href: r.href, kindLabel: r.kindLabel, waitingSince: r.waitingSince })),
    expiring: expiring ?? { total: 0, rows: [] },
  }
}
