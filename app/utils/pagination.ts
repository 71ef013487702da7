import { z } from 'zod'

/** Reads page / sort / direction / q from a URL, so lists are shareable links. */
export function listParams<S extends string>(url: URL, sorts: readonly [S, ...S[]], defaultSort: S, defaultDir: 'asc' | 'desc' = 'asc') {
  const parsed = z
    .object({
      page: z.coerce.number().int().min(1).max(100_000).catch(1),
      sort: z.enum(sorts).catch(defaultSort),
      dir: z.enum(['asc', 'desc']).catch(defaultDir),
      q: z.string().trim().max(200).catch(''),
    })
    .parse({
      page: url.searchParams.get('page') ?? undefined,
      sort: url.searchParams.get('sort') ?? undefined,
      dir: url.searchParams.get('dir') ?? undefined,
      q: url.searchParams.get('q') ?? '',
    })
  return parsed
}

export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number }

export function pageCount(p: { total: number; pageSize: number }) {
  return Math.max(1, Math.ceil(p.total / p.pageSize))
}
