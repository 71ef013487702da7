import { useFetcher } from '@remix-run/react'
import { Form, Link } from '../../components/navigation'
import { useEffect, useState, type DragEvent, type KeyboardEvent } from 'react'
import { useT } from '../../utils/use-t'

type Opportunity = { id: string; name: string; accountName: string | null; amountMinor: number; currency: string }
type Stage = { id: string; name: string; count: number; probability: number; totals: { amountMinor: number; currency: string }[]; opportunities: Opportunity[] }

/**
 * The pipeline board. Without JavaScript each card has a stage select and a Move button (a plain
 * form post). With it, cards can also be dragged to another column with the mouse, or with the
 * keyboard: focus a card, Space picks it up, ← → choose the column, Space drops, Escape cancels;
 * every step is announced in a live region. Each move posts the same form as the select.
 */
export function PipelineBoard({ stages, canWrite, listHref }: { stages: Stage[]; canWrite: boolean; listHref: string }) {
  const { t, money, number } = useT()
  const fetcher = useFetcher()
  const [enhanced, setEnhanced] = useState(false)
  const [dragging, setDragging] = useState<string | null>(null)
  const [target, setTarget] = useState<number | null>(null)
  const [announcement, setAnnouncement] = useState('')
  useEffect(() => setEnhanced(true), [])

  const stageOf = (opportunityId: string) => stages.findIndex((s) => s.opportunities.some((o) => o.id === opportunityId))
  const nameOf = (opportunityId: string) => stages.flatMap((s) => s.opportunities).find((o) => o.id === opportunityId)?.name ?? ''
  const move = (opportunityId: string, stageIndex: number) => {
    const stage = stages[stageIndex]
    setDragging(null)
    setTarget(null)
    if (!stage || stageOf(opportunityId) === stageIndex) return
    setAnnouncement(t('opportunities.board.dropped', { name: nameOf(opportunityId), stage: stage.name }))
    fetcher.submit({ opportunityId, stageId: stage.id }, { method: 'post' })
  }

  const onCardKey = (e: KeyboardEvent<HTMLLIElement>, opportunityId: string) => {
    if (!canWrite || e.target !== e.currentTarget) return
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault()
      if (dragging === opportunityId && target !== null) return move(opportunityId, target)
      setDragging(opportunityId)
      setTarget(stageOf(opportunityId))
      setAnnouncement(t('opportunities.board.pickedUp', { name: nameOf(opportunityId), stage: stages[stageOf(opportunityId)].name }))
    } else if (dragging === opportunityId && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
      e.preventDefault()
      const next = Math.min(stages.length - 1, Math.max(0, (target ?? 0) + (e.key === 'ArrowRight' ? 1 : -1)))
      setTarget(next)
      setAnnouncement(t('opportunities.board.over', { stage: stages[next].name }))
    } else if (dragging === opportunityId && e.key === 'Escape') {
      setDragging(null)
      setTarget(null)
      setAnnouncement(t('opportunities.board.cancelled'))
    }
  }

  const dropProps = (index: number) =>
    enhanced && canWrite
      ? {
          onDragOver: (e: DragEvent) => {
            e.preventDefault()
            if (target !== index) setTarget(index)
          },
          onDrop: (e: DragEvent) => {
            e.preventDefault()
            const id = e.dataTransfer.getData('text/plain')
            if (id) move(id, index)
          },
        }
      : {}

  return (
    <>
      {enhanced && canWrite ? <p className="hint">{t('opportunities.board.howTo')}</p> : null}
      <div className="sr-only" aria-live="assertive">
        {announcement}
      </div>
      <div className="board">
        {stages.map((stage, index) => (
          <section key={stage.id} className={`board-column${target === index && dragging ? ' drop-target' : ''}`} aria-labelledby={`stage-${stage.id}`} data-stage={stage.id} {...dropProps(index)}>
            <h2 id={`stage-${stage.id}`}>
              {stage.name} <span className="hint">{number(stage.count)} · {stage.probability}%</span>
            </h2>
            <p className="hint">{stage.totals.map((x) => money(x.amountMinor, x.currency)).join(' + ') || '—'}</p>
            <ul>
              {stage.opportunities.map((o) => (
                <li
                  key={o.id}
                  className={`board-card${dragging === o.id ? ' picked-up' : ''}`}
                  data-opportunity={o.id}
                  {...(enhanced && canWrite
                    ? {
                        draggable: true,
                        tabIndex: 0,
                        'aria-roledescription': t('opportunities.board.card'),
                        'aria-describedby': 'board-how-to',
                        onDragStart: (e: DragEvent) => {
                          e.dataTransfer.setData('text/plain', o.id)
                          e.dataTransfer.effectAllowed = 'move'
                          setDragging(o.id)
                        },
                        onDragEnd: () => {
                          setDragging(null)
                          setTarget(null)
                        },
                        onKeyDown: (e: KeyboardEvent<HTMLLIElement>) => onCardKey(e, o.id),
                      }
                    : {})}
                >
                  <Link to={`/opportunities/${o.id}`}>{o.name}</Link>
                  <div className="hint">{o.accountName}</div>
                  <div>{money(o.amountMinor, o.currency)}</div>
                  {canWrite ? (
                    <Form method="post" className="board-move">
                      <input type="hidden" name="opportunityId" value={o.id} />
                      <label className="sr-only" htmlFor={`move-${o.id}`}>
                        {t('opportunities.moveStage')}
                      </label>
                      <select id={`move-${o.id}`} name="stageId" defaultValue={stages[index + 1]?.id ?? stage.id}>
                        {stages.map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.name}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="btn btn-small">
                        {t('opportunities.move')}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
            {stage.count > stage.opportunities.length ? <Link to={listHref}>{t('opportunities.moreInStage', { count: stage.count - stage.opportunities.length })}</Link> : null}
          </section>
        ))}
      </div>
      <p id="board-how-to" hidden>
        {t('opportunities.board.howTo')}
      </p>
    </>
  )
}
