// The one place that knows the library's full-text index is SQLite FTS5 (the table and its
// triggers: db/migrations/*_library_custom.sql). PostgreSQL would answer the same four
// questions with a tsvector column, websearch_to_tsquery, ts_rank and ts_headline.
import { sql, type SQL } from 'drizzle-orm'
import { libraryItems } from '../../../db/schema/library'

/** Marks around the matched words in a snippet: control characters no text in the index contains. */
export const MARK_START = '\u0002'
export const MARK_END = '\u0003'

/**
 * What the user typed as an FTS5 query: each word quoted (so `AND`, `-`, `"` or `*` are words,
 * never syntax), all of them required, the last one also as a prefix ("bros" finds "brosur").
 * null when nothing searchable was typed.
 */
export function matchQuery(q: string): string | null {
  const words = (q.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8)
  if (!words.length) return null
  return words.map((w, i) => (i === words.length - 1 && w.length >= 2 ? `"${w}"*` : `"${w}"`)).join(' ')
}

/**
 * The rows a query runs over: the items matching the search (joined to the index) or all items.
 * `rank` orders by relevance (titles weigh most, then tags, descriptions, document text).
 */
export function searchSource(match: string | null): { from: SQL; condition: SQL | undefined; rank: SQL; snippet: SQL } {
  if (!match) return { from: sql`library_items`, condition: undefined, rank: sql`0`, snippet: sql`''` }
  return {
    from: sql`library_search JOIN library_items ON ${libraryItems.searchKey} = library_search.rowid`,
    condition: sql`library_search MATCH ${match}`,
    rank: sql`bm25(library_search, 10.0, 4.0, 6.0, 1.0)`,
    snippet: sql`snippet(library_search, -1, char(2), char(3), '…', 16)`,
  }
}

/** One row per tag of each item in `from`, for the tag facet. */
export function tagsOf(): SQL {
  return sql`json_each(${libraryItems.tags}) AS tag`
}
