import { inArray, sql, type Column, type SQL, type Table } from 'drizzle-orm'

/** Escapes % and _ so user text matches literally inside a LIKE pattern. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** `column LIKE %q%` with the user's text taken literally (SQLite and PostgreSQL alike). */
export function contains(column: Column | SQL, q: string): SQL {
  return sql`${column} LIKE ${`%${escapeLike(q)}%`} ESCAPE '\\'`
}

/**
 * `column IN (the ids of a JSON array bound as one parameter)`, for queries prepared once that take a list:
 * drizzle renders an IN list as one parameter per id on every call. SQLite's json_each; on PostgreSQL this
 * line becomes `= ANY(...)`. Called with `{ [name]: JSON.stringify(ids) }`.
 */
export function inJsonList(column: Column, name = 'ids'): SQL {
  return inArray(column, sql`(SELECT value FROM json_each(${sql.placeholder(name)}))`)
}

/**
 * The distinct non-null values of `column`, in order, as rows `{ v }`: a loose index scan (a recursive CTE that
 * seeks the next value above the last), one index seek per value instead of reading every row, so it needs an
 * index on the column (after the `where` columns, when given). Stops after `max` values. PostgreSQL runs it as is.
 */
export function distinctByIndexScan(table: Table, column: Column, opts: { where?: SQL; max?: number } = {}): SQL {
  const also = opts.where ? sql` AND ${opts.where}` : sql``
  return sql`
    WITH RECURSIVE r(v, n) AS (
      SELECT min(${column}), 1 FROM ${table} WHERE ${column} IS NOT NULL${also}
      UNION ALL
      SELECT (SELECT min(${column}) FROM ${table} WHERE ${column} > r.v${also}), r.n + 1 FROM r WHERE r.v IS NOT NULL AND r.n < ${opts.max ?? Number.MAX_SAFE_INTEGER}
    )
    SELECT v FROM r WHERE v IS NOT NULL`
}
