import { mutate } from '../../kit/mutate.server'
import { logger } from '../../utils/logger.server'
import { notify } from '../notify/notify.server'
import { usersHolding } from '../orgs/orgs.server'
import { reconcileLedger } from './ledger.server'

/**
 * The job: the ledger's invariants checked; any broken one is logged and every administrator is
 * told (once per distinct set of problems a day, so a standing problem does not flood inboxes).
 */
let lastAlert = { key: '', at: 0 }
export async function checkLedgerAndAlert(now = Date.now()) {
  const problems = reconcileLedger()
  if (!problems.length) return { problems: 0 }
  logger().error({ problems }, 'MDF ledger does not reconcile')
  const key = JSON.stringify(problems.map((p) => [p.rule, p.fundId, p.orgId, p.claimId ?? null]))
  if (key !== lastAlert.key || now - lastAlert.at > 86_400_000) {
    lastAlert = { key, at: now }
    const summary = problems
      .slice(0, 5)
      .map((p) => `${p.rule} (${p.detail})`)
      .join('; ')
    await mutate(null, (ctx) => {
      for (const userId of usersHolding('pay:mdf:any')) notify(ctx, userId, 'mdf_reconcile_failed', { count: problems.length, summary }, '/mdf')
    }, { now })
  }
  return { problems: problems.length }
}
