import type { Progress, Quarter } from './plans.machine'

// Browser-safe arithmetic of plans: quarter boundaries and the on-track rule.

/** Jakarta time (UTC+7, no daylight saving): a quarter runs from its first local midnight to the next quarter's. */
const JAKARTA_OFFSET_MS = 7 * 3_600_000

export function quarterBounds(year: number, quarter: Quarter): { from: number; to: number } {
  const from = Date.UTC(year, (quarter - 1) * 3, 1) - JAKARTA_OFFSET_MS
  const to = Date.UTC(year, quarter * 3, 1) - JAKARTA_OFFSET_MS
  return { from, to }
}

/** The year and quarter a moment falls in, in Jakarta time. */
export function quarterOf(ms: number): { year: number; quarter: Quarter } {
  const local = new Date(ms + JAKARTA_OFFSET_MS)
  return { year: local.getUTCFullYear(), quarter: (Math.floor(local.getUTCMonth() / 3) + 1) as Quarter }
}

/**
 * How a quarter is going. A finished quarter is on track when the target was met, at risk when at
 * least 80% of it was, off track below. The running quarter is judged against the share of the
 * target its elapsed time calls for: at least 90% of that pace is on track, 60% at risk; in its
 * first two weeks a quarter is never called off track (nothing has had time to close).
 */
export function progressOf(target: number, actual: number | null, bounds: { from: number; to: number }, now: number): Progress {
  if (actual === null) return 'unavailable'
  if (target <= 0) return 'no_target'
  if (now < bounds.from) return 'upcoming'
  if (actual >= target) return 'on_track'
  const elapsed = Math.min(1, (now - bounds.from) / (bounds.to - bounds.from))
  if (elapsed >= 1) return actual >= target * 0.8 ? 'at_risk' : 'off_track'
  const pace = actual / (target * elapsed)
  if (pace >= 0.9) return 'on_track'
  if (pace >= 0.6 || now - bounds.from < 14 * 86_400_000) return 'at_risk'
  return 'off_track'
}
