import { BarChart } from '../../components/bar-chart'
import { useT } from '../../utils/use-t'

/** Downloads and views per week, as two server-rendered bar charts. */
export function WeeklyUse({ weekly }: { weekly: { weekStart: number; views: number; downloads: number }[] }) {
  const { t, date, number } = useT()
  return (
    <div className="grid-2">
      <section className="card">
        <h2>{t('library.usage.overTime')}</h2>
        <BarChart title={t('library.usage.overTime')} rows={weekly.map((w) => ({ label: date(w.weekStart), value: w.downloads, display: number(w.downloads) }))} />
      </section>
      <section className="card">
        <h2>{t('library.usage.viewsOverTime')}</h2>
        <BarChart title={t('library.usage.viewsOverTime')} rows={weekly.map((w) => ({ label: date(w.weekStart), value: w.views, display: number(w.views) }))} />
      </section>
    </div>
  )
}
