import { useT } from '../utils/use-t'

type Event = { id: string; at: number; text: string; details: string[] }

/** A record's history as its reader may see it: one sentence per event, already in their language (historyFor). */
export function AuditTrail({ entries }: { entries: Event[] }) {
  const { t, dateTime } = useT()
  if (entries.length === 0) return <p className="hint">{t('audit.empty')}</p>
  return (
    <ol className="timeline">
      {entries.map((e) => (
        <li key={e.id}>
          <span>{e.text}</span> <time className="hint" dateTime={new Date(e.at).toISOString()}>{dateTime(e.at)}</time>
          {e.details.length ? (
            <ul className="hint history-details">
              {e.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  )
}
