import { useT } from '../utils/use-t'

type Entry = { id: string; action: string; at: number; before?: unknown; after?: unknown; actorName: string | null }

function summarise(value: unknown): string {
  if (!value || typeof value !== 'object') return ''
  return Object.entries(value as Record<string, unknown>)
    .filter(([k]) => !['id', 'createdAt', 'updatedAt', 'normalizedName', 'ownerId'].includes(k))
    .map(([k, v]) => `${k}: ${v === null || v === undefined ? '—' : String(v)}`)
    .join(', ')
}

/** The record's history from the audit log: who changed what, from what to what. */
export function AuditTrail({ entries }: { entries: Entry[] }) {
  const { t, tl, dateTime } = useT()
  if (entries.length === 0) return <p className="hint">{t('audit.empty')}</p>
  return (
    <ol className="timeline">
      {entries.map((e) => (
        <li key={e.id}>
          <strong>{tl(`audit.action.${e.action}`)}</strong> <span className="hint">{e.actorName ?? t('audit.system')} · {dateTime(e.at)}</span>
          {e.before && summarise(e.before) ? <div className="hint diff-before">{summarise(e.before)}</div> : null}
          {e.after && summarise(e.after) && e.action !== 'created' ? <div className="hint diff-after">→ {summarise(e.after)}</div> : null}
        </li>
      ))}
    </ol>
  )
}
