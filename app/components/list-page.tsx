import { useSearchParams } from '@remix-run/react'
import { Link } from './navigation'
import type { ReactNode } from 'react'
import { pageInfo } from '../kit/paginate'
import { useT } from '../utils/use-t'
import { EmptyState, PageHeader, SearchBox, SortHeader } from './ui'

export type Column<R> = {
  /** Translated header; also labels the cell when the table becomes cards at phone width. */
  label: string
  /** The `sort` value of the URL that orders by this column, when it can. */
  sort?: string
  cell: (row: R) => ReactNode
  numeric?: boolean
}

/** A table that turns into one card per row at phone width (each cell labelled by data-label). */
export function DataTable<R extends { id: string }>({ rows, columns, caption }: { rows: R[]; columns: Column<R>[]; caption?: string }) {
  return (
    // focusable, so a table wider than the screen can be scrolled from the keyboard
    <div className="table-wrap" tabIndex={0} role={caption ? 'region' : undefined} aria-label={caption}>
      <table>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) =>
              c.sort ? (
                <SortHeader key={c.label} column={c.sort} label={c.label} />
              ) : (
                <th key={c.label} scope="col">
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              {columns.map((c) => (
                <td key={c.label} data-label={c.label} className={c.numeric ? 'num' : undefined}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The pagination bar: correct text on empty lists and past the last page, links only where they lead somewhere. */
export function Pagination({ page, total, pageSize, totalIsCapped, cursors }: { page: number; total: number; pageSize: number; totalIsCapped?: boolean; cursors?: { next: string | null; prev: string | null } }) {
  const { t, number } = useT()
  const [params] = useSearchParams()
  const info = pageInfo({ page, total, pageSize, totalIsCapped })
  if (total === 0) return null
  // keyset lists link by cursor (no OFFSET at any depth); the page number is for the reader
  const link = (p: number, cursor?: { after?: string | null; before?: string | null }) => {
    const next = new URLSearchParams(params)
    next.delete('after')
    next.delete('before')
    if (p === 1) next.delete('page')
    else next.set('page', String(p))
    if (p > 1 && cursor?.after) next.set('after', cursor.after)
    if (p > 1 && cursor?.before) next.set('before', cursor.before)
    return `?${next}`
  }
  const prev = info.prev ? link(info.prev, { before: cursors?.prev }) : null
  const nextPage = cursors ? (cursors.next ? link(page + 1, { after: cursors.next }) : null) : info.next ? link(info.next) : null
  return (
    <nav className="pagination" aria-label={t('list.pagination')}>
      <span>
        {info.beyondEnd
          ? t('list.beyondEnd', { total: number(total) })
          : info.pages === null
            ? t('list.showingMany', { from: number(info.from), to: number(info.to), total: number(total) })
            : t('list.showing', { from: number(info.from), to: number(info.to), total: number(total) })}
      </span>
      {info.pages === null || info.pages > 1 || info.beyondEnd ? (
        <span className="pagination-links">
          {prev ? <Link to={prev} rel="prev">{t('list.previous')}</Link> : null}
          {info.beyondEnd && info.lastPage ? (
            <Link to={link(info.lastPage)}>{t('list.lastPage')}</Link>
          ) : info.pages === null ? (
            <span>{t('list.page', { page: number(page) })}</span>
          ) : (
            <span>{t('list.pageOf', { page: number(page), pages: number(info.pages) })}</span>
          )}
          {nextPage ? <Link to={nextPage} rel="next">{t('list.next')}</Link> : null}
        </span>
      ) : null}
    </nav>
  )
}

/**
 * Every list page: header with its actions, search with the page's filters, the table (cards on a
 * phone), an empty state that says whether the filters or the data are empty, and pagination.
 */
export function ListPage<R extends { id: string }>(props: {
  title: string
  actions?: ReactNode
  searchPlaceholder: string
  filters?: ReactNode
  columns: Column<R>[]
  page: { rows: R[]; total: number; page: number; pageSize: number; totalIsCapped?: boolean; cursors?: { next: string | null; prev: string | null } }
  empty: string
  emptyAction?: ReactNode
  /** Query parameters that choose the list rather than filter it (e.g. `kind` on /organisations). */
  fixedParams?: string[]
}) {
  const { t } = useT()
  const [params] = useSearchParams()
  const filtered = [...params.keys()].some((k) => !['page', 'sort', 'dir', ...(props.fixedParams ?? [])].includes(k) && params.get(k))
  return (
    <>
      <PageHeader title={props.title} actions={props.actions} />
      <SearchBox placeholder={props.searchPlaceholder}>{props.filters}</SearchBox>
      {props.page.rows.length === 0 && props.page.total === 0 ? (
        <EmptyState message={filtered ? t('list.noMatches') : props.empty} action={filtered ? undefined : props.emptyAction} />
      ) : (
        <DataTable rows={props.page.rows} columns={props.columns} caption={props.title} />
      )}
      <Pagination page={props.page.page} total={props.page.total} pageSize={props.page.pageSize} totalIsCapped={props.page.totalIsCapped} cursors={props.page.cursors} />
    </>
  )
}

/** A filter <select> inside the search form, labelled for screen readers. */
export function FilterSelect({ name, label, allLabel, options }: { name: string; label: string; allLabel: string; options: { value: string; label: string }[] }) {
  const [params] = useSearchParams()
  return (
    <>
      <label className="sr-only" htmlFor={name}>
        {label}
      </label>
      <select id={name} name={name} defaultValue={params.get(name) ?? ''}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  )
}
