import { z } from 'zod'

// Client-safe: the report filters as they read from the URL (bad values fall back to defaults).
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)

export function reportFilters(url: URL, defaults: { from: string; to: string }) {
  const p = url.searchParams
  const from = month.safeParse(p.get('from')).data ?? defaults.from
  const to = month.safeParse(p.get('to')).data ?? defaults.to
  return {
    pipelineId: z.string().max(64).safeParse(p.get('pipeline') || undefined).data,
    region: z.string().max(100).safeParse(p.get('region') || undefined).data,
    from: from <= to ? from : to,
    to: from <= to ? to : from,
  }
}

/** The approval queue's age filter: overdue only, or waiting longer than a day, three, seven. */
export const AGE_FILTERS = ['overdue', '1d', '3d', '7d'] as const
export type AgeFilter = (typeof AGE_FILTERS)[number]
