import { sql, type Column, type SQL } from 'drizzle-orm'

/** Escapes % and _ so user text matches literally inside a LIKE pattern. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** `column LIKE %q%` with the user's text taken literally (SQLite and PostgreSQL alike). */
export function contains(column: Column | SQL, q: string): SQL {
  return sql`${column} LIKE ${`%${escapeLike(q)}%`} ESCAPE '\\'`
}
