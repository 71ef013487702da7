import { COUNT_CAP, DEFAULT_PAGE_SIZE, MAX_PAGE, type Page } from './paginate'

/** A keyset position: the sort value and the id of a row, as an opaque URL-safe string. */
export function encodeCursor(key: readonly [string | number, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor(cursor: string | null | undefined): [string | number, string] | null {
  if (!cursor || cursor.length > 400) return null
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(key) && key.length === 2 && (typeof key[0] === 'string' || typeof key[0] === 'number') && typeof key[1] === 'string') return [key[0], key[1]]
  } catch {
    /* a damaged cursor is no cursor: the page is read by its number */
  }
  return null
}

export type Seek = { from: 'after' | 'before'; key: [string | number, string] }

/**
 * Reads a page by keyset: from a cursor (`after` the last row of the previous page, `before` the
 * first row of the next) the query seeks in its index and reads pageSize rows, whatever the depth;
 * without one (a shared link with ?page=N) it falls back to the offset. `rows` must order by
 * (sort value, id) in one direction and, for `before`, return the rows in reverse order. The total
 * is counted up to COUNT_CAP only.
 */
export function keysetPaginate<T>(
  request: { page?: number; pageSize?: number; after?: string | null; before?: string | null },
  query: { rows: (limit: number, offset: number, seek: Seek | null) => T[]; key: (row: T) => [string | number, string]; countUpTo: (cap: number) => number },
): Page<T> {
  const page = Math.min(MAX_PAGE, Math.max(1, Math.trunc(request.page ?? 1)))
  const pageSize = Math.min(200, Math.max(1, request.pageSize ?? DEFAULT_PAGE_SIZE))
  const after = decodeCursor(request.after)
  const before = after ? null : decodeCursor(request.before)
  const seek: Seek | null = after ? { from: 'after', key: after } : before ? { from: 'before', key: before } : null
  const fetched = query.rows(pageSize, seek ? 0 : (page - 1) * pageSize, seek)
  const rows = seek?.from === 'before' ? [...fetched].reverse() : fetched
  const counted = query.countUpTo(COUNT_CAP + 1)
  const totalIsCapped = counted > COUNT_CAP
  const total = totalIsCapped ? COUNT_CAP : counted
  const more = totalIsCapped || page * pageSize < total
  return {
    rows,
    total,
    page,
    pageSize,
    totalIsCapped,
    cursors: {
      next: rows.length === pageSize && more ? encodeCursor(query.key(rows[rows.length - 1])) : null,
      prev: page > 1 && rows.length ? encodeCursor(query.key(rows[0])) : null,
    },
  }
}
