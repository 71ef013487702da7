import { z } from 'zod'
import { Forbidden } from '../utils/errors'

export const DEFAULT_PAGE_SIZE = 25
export const MAX_PAGE = 100_000

/** One page of a list, with the total the page text needs. */
export type Page<T> = {
  rows: T[]
  total: number
  page: number
  pageSize: number
  /** the total stopped counting at COUNT_CAP: "more than 10,000" */
  totalIsCapped?: boolean
  /** keyset lists: where the next and previous pages start (opaque), so no page walks an OFFSET */
  cursors?: { next: string | null; prev: string | null }
}

/** Counting stops here: past it a list says "more than 10,000" instead of scanning a million rows. */
export const COUNT_CAP = 10_000

/**
 * Reads an offset page: the rows of `page` and the total. A page past the end is answered with no
 * rows and the real total, and the page text (pageInfo) then says so instead of "24.951–201 of 201".
 */
export function paginate<T>(request: { page?: number; pageSize?: number }, query: { rows: (limit: number, offset: number) => T[]; count: () => number }): Page<T> {
  const page = Math.min(MAX_PAGE, Math.max(1, Math.trunc(request.page ?? 1)))
  const pageSize = Math.min(200, Math.max(1, request.pageSize ?? DEFAULT_PAGE_SIZE))
  return { rows: query.rows(pageSize, (page - 1) * pageSize), total: query.count(), page, pageSize }
}

/** What the pagination bar says and links to. Browser-safe. */
export function pageInfo(p: { total: number; page: number; pageSize: number; totalIsCapped?: boolean }) {
  if (p.totalIsCapped) {
    // the end is not known: no "of N pages", no last page; next exists while the list says so
    const from = (p.page - 1) * p.pageSize + 1
    return { pages: null, from, to: from + p.pageSize - 1, total: p.total, page: p.page, beyondEnd: false, prev: p.page > 1 ? p.page - 1 : null, next: p.page + 1, lastPage: null }
  }
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize))
  const beyondEnd = p.page > pages
  const from = p.total === 0 || beyondEnd ? 0 : (p.page - 1) * p.pageSize + 1
  const to = p.total === 0 || beyondEnd ? 0 : Math.min(p.page * p.pageSize, p.total)
  return { pages, from, to, total: p.total, page: p.page, beyondEnd, prev: !beyondEnd && p.page > 1 ? p.page - 1 : null, next: p.page < pages ? p.page + 1 : null, lastPage: pages }
}

/** page / sort / direction / q from a URL, so lists are shareable links; bad values fall back to defaults. */
export function listParams<S extends string>(url: URL, sorts: readonly [S, ...S[]], defaultSort: S, defaultDir: 'asc' | 'desc' = 'asc') {
  return z
    .object({
      page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
      sort: z.enum(sorts).catch(defaultSort),
      dir: z.enum(['asc', 'desc']).catch(defaultDir),
      q: z.string().trim().max(200).catch(''),
      after: z.string().max(400).nullable().catch(null),
      before: z.string().max(400).nullable().catch(null),
    })
    .parse({
      page: url.searchParams.get('page') ?? undefined,
      sort: url.searchParams.get('sort') ?? undefined,
      dir: url.searchParams.get('dir') ?? undefined,
      q: url.searchParams.get('q') ?? '',
      after: url.searchParams.get('after'),
      before: url.searchParams.get('before'),
    })
}

/**
 * Tenant scoping in one place: the organisation a list must be limited to, or null when the actor
 * sees every organisation's rows. Refuses (403) an actor who holds the capability at no scope.
 */
export function scopeToActor(scope: 'any' | 'own_org' | 'own' | null, actor: { orgId: string }): { orgId: string } | null {
  if (!scope) throw new Forbidden()
  return scope === 'any' ? null : { orgId: actor.orgId }
}
