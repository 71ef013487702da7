import { inArray, sql, type Column, type SQL } from 'drizzle-orm'

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
