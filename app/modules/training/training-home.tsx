import { Link } from '../../components/navigation'
import type { Tier } from './training.machine'
import { ProgressBar } from './progress-bar'
import { useT } from '../../utils/use-t'

type Row = { kind: 'certified' | 'revenue'; certificationId?: string | null; certification: string | null; have: number; need: number; met: boolean }
export type TrainingHomeData = {
  tier: Tier
  next: Tier | null
  criteria: Row[]
  keeps: Row[]
  pending: { tier: Tier; effectiveAt: number } | null
  lastChange: { from: Tier | null; to: Tier; at: number; reasons: Row[] } | null
} | null

/** "2 of 3 certified sales people, Rp 1,2 M of Rp 2 M revenue": each criterion of the next tier as words and a bar. */
function CriterionBar({ row }: { row: Row }) {
  const { t, moneyCompact } = useT()
  const label =
    row.kind === 'revenue'
      ? t('training.tier.revenue', { have: moneyCompact(row.have, 'IDR'), need: moneyCompact(row.need, 'IDR') })
      : row.certification
        ? t('training.tier.peopleCert', { have: row.have, need: row.need, certification: row.certification })
        : t('training.tier.peopleAny', { have: row.have, need: row.need })
  return <ProgressBar label={row.met ? `${label} ✓` : label} value={row.have} max={row.need} met={row.met} />
}

/** The partner home's tier section: where they are, what the next tier asks, a downgrade on its way, the last change and why. */
export function TrainingHome({ data }: { data: TrainingHomeData }) {
  const { t, date } = useT()
  if (!data) return null
  return (
    <section className="card tier-progress" aria-labelledby="tier-title">
      <h2 id="tier-title">{t('training.tier.title')}</h2>
      <p>
        <strong>{t('training.tier.current', { tier: t(`tiers.${data.tier}`) })}</strong>
      </p>
      {data.pending ? <p className="notice notice-warning">{t('training.tier.pending', { tier: t(`tiers.${data.tier}`), lower: t(`tiers.${data.pending.tier}`), date: date(data.pending.effectiveAt) })}</p> : null}
      {data.next ? (
        <>
          <h3>{t('training.tier.toward', { tier: t(`tiers.${data.next}`) })}</h3>
          {data.criteria.map((row, i) => <CriterionBar key={i} row={row} />)}
        </>
      ) : (
        <>
          <p>{t('training.tier.top')}</p>
          {data.keeps.map((row, i) => <CriterionBar key={i} row={row} />)}
        </>
      )}
      {data.lastChange ? (
        <div className="hint">
          <p>{t('training.tier.lastChange', { date: date(data.lastChange.at), from: data.lastChange.from ? t(`tiers.${data.lastChange.from}`) : '—', to: t(`tiers.${data.lastChange.to}`) })}</p>
          {data.lastChange.reasons.length ? (
            <>
              <p>{t('training.tier.because')}</p>
              <ul>
                {data.lastChange.reasons.map((r, i) => (
                  <li key={i}>
                    <ReasonText row={r} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <p>
        <Link to="/training">{t('nav.training')}</Link>
      </p>
    </section>
  )
}

function ReasonText({ row }: { row: Row }) {
  const { t, moneyCompact } = useT()
  if (row.kind === 'revenue') return <>{t('training.tier.revenue', { have: moneyCompact(row.have, 'IDR'), need: moneyCompact(row.need, 'IDR') })}</>
  return <>{row.certification ? t('training.tier.peopleCert', { have: row.have, need: row.need, certification: row.certification }) : t('training.tier.peopleAny', { have: row.have, need: row.need })}</>
}
