import { Badge } from '../../components/ui'
import { useT } from '../../utils/use-t'
import type { DealStatus } from './deals.machine'

const TONE: Record<DealStatus, 'green' | 'amber' | 'red' | 'grey' | 'blue'> = {
  draft: 'grey',
  submitted: 'blue',
  returned: 'amber',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'grey',
  converted: 'green',
  expired: 'grey',
}

export function DealStatusBadge({ status }: { status: DealStatus }) {
  const { t } = useT()
  return <Badge tone={TONE[status]}>{t(`deals.status.${status}`)}</Badge>
}

/** "23 days left" for a protected registration, from the server's clock passed in as `now`. */
export function TimeLeft({ protectedUntil, now }: { protectedUntil: number | null; now: number }) {
  const { t } = useT()
  if (!protectedUntil) return <>—</>
  const days = Math.ceil((protectedUntil - now) / 86_400_000)
  if (days <= 0) return <>{t('deals.expiresToday')}</>
  return <span className={days <= 14 ? 'text-warning' : undefined}>{t('deals.daysLeft', { days })}</span>
}
