import { Badge } from '../../components/ui'
import { useT } from '../../utils/use-t'
import type { PlanStatus, Progress } from './plans.machine'

const STATUS_TONE: Record<PlanStatus, 'grey' | 'amber' | 'green' | 'blue'> = { draft: 'grey', signed_by_vendor: 'amber', signed_by_partner: 'amber', signed: 'green' }
const PROGRESS_TONE: Record<Progress, 'green' | 'amber' | 'red' | 'grey'> = { on_track: 'green', at_risk: 'amber', off_track: 'red', upcoming: 'grey', no_target: 'grey', unavailable: 'grey' }

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useT()
  return <Badge tone={STATUS_TONE[status]}>{t(`plans.status.${status}`)}</Badge>
}

/** On track / at risk / off track in words and colour (never colour alone). */
export function ProgressBadge({ progress }: { progress: Progress }) {
  const { t } = useT()
  return <Badge tone={PROGRESS_TONE[progress]}>{t(`plans.progress.${progress}`)}</Badge>
}
