import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData, useSearchParams } from '@remix-run/react'
import { Form, Link } from '../components/navigation'
import { z } from 'zod'
import { Pagination } from '../components/list-page'
import { Badge, EmptyState, PageHeader } from '../components/ui'
import { can } from '../modules/auth/actor'
import { requireActor } from '../modules/auth/require-actor.server'
import { LIBRARY_CATEGORIES, LIBRARY_KINDS, LIBRARY_LANGUAGES, LIBRARY_SORTS } from '../modules/library/library.schema'
import { listLibrary, recordLibraryVisit } from '../modules/library/library.server'
import { Snippet } from '../modules/library/snippet'
import { handle } from '../utils/route.server'
import { useT } from '../utils/use-t'

const Params = z.object({
  q: z.string().trim().max(200).catch(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  kind: z.enum(LIBRARY_KINDS).optional().catch(undefined),
  category: z.enum(LIBRARY_CATEGORIES).optional().catch(undefined),
  language: z.enum(LIBRARY_LANGUAGES).optional().catch(undefined),
  tag: z.string().trim().max(30).optional().catch(undefined),
  sort: z.enum(LIBRARY_SORTS).optional().catch(undefined),
  favourites: z.literal('1').optional().catch(undefined),
  new: z.literal('1').optional().catch(undefined),
})

export const loader = handle(async ({ request }: LoaderFunctionArgs) => {
  const actor = await requireActor(request)
  const url = new URL(request.url)
  const p = Params.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== '')))
  const list = await listLibrary(actor, { q: p.q, page: p.page, kind: p.kind, category: p.category, language: p.language, tag: p.tag, sort: p.sort, favourites: !!p.favourites, newOnly: !!p.new, pageSize: 20 })
  const fresh = p.new ? list.total : (await listLibrary(actor, { newOnly: true, pageSize: 1 })).total
  await recordLibraryVisit(actor)
  return json({ list, q: p.q, fresh, canManage: can(actor, 'manage:library'), canSeeUsage: can(actor, 'read:library_analytics') })
})

export default function Library() {
  const d = useLoaderData<typeof loader>()
  const { t, date, number, locale } = useT()
  const [params] = useSearchParams()
  const filtered = ['q', 'kind', 'category', 'language', 'tag', 'favourites', 'new'].some((k) => params.get(k))
  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params)
    next.delete('page')
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || next.get(k) === v) next.delete(k)
      else next.set(k, v)
    }
    const s = next.toString()
    return s ? `?${s}` : '.'
  }
  const facetLabel = (name: 'kind' | 'category' | 'language' | 'tag', value: string) =>
    name === 'kind' ? t(`library.kind.${value as (typeof LIBRARY_KINDS)[number]}`) : name === 'category' ? t(`library.category.${value as (typeof LIBRARY_CATEGORIES)[number]}`) : name === 'language' ? t(`library.language.${value as (typeof LIBRARY_LANGUAGES)[number]}`) : `#${value}`
  return (
    <>
      <PageHeader
        title={t('library.title')}
        subtitle={t('library.subtitle')}
        actions={
          <>
            {d.canSeeUsage ? <Link to="/library/usage" className="btn">{t('library.analytics')}</Link> : null}
            {d.canManage ? <Link to="/library/new" className="btn btn-primary">{t('library.new')}</Link> : null}
          </>
        }
      />
      <Form method="get" className="filters" role="search">
        <label className="sr-only" htmlFor="q">
          {t('library.searchLabel')}
        </label>
        <input id="q" type="search" name="q" defaultValue={d.q} placeholder={t('library.searchPlaceholder')} />
        {(['kind', 'category', 'language', 'tag', 'favourites', 'new'] as const).map((k) => (params.get(k) ? <input key={k} type="hidden" name={k} value={params.get(k)!} /> : null))}
        <label className="sr-only" htmlFor="sort">
          {t('library.sort.label')}
        </label>
        <select id="sort" name="sort" defaultValue={params.get('sort') ?? ''}>
          <option value="">{t('library.sort.label')}</option>
          {LIBRARY_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`library.sort.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="btn">
          {t('list.search')}
        </button>
      </Form>
      <p className="library-toggles">
        <Link to={link({ favourites: '1' })} className={`chip${params.get('favourites') ? ' chip-on' : ''}`} aria-current={params.get('favourites') ? 'true' : undefined}>
          ★ {t('library.favouritesOnly')}
        </Link>
        <Link to={link({ new: '1' })} className={`chip${params.get('new') ? ' chip-on' : ''}`} aria-current={params.get('new') ? 'true' : undefined}>
          {t('library.newOnly')} ({number(d.fresh)})
        </Link>
        {filtered ? (
          <Link to="." className="chip">
            {t('library.facet.clear')}
          </Link>
        ) : null}
      </p>
      <div className="library-layout">
        <aside className="library-facets" aria-label={t('library.filters')}>
          {(['kind', 'category', 'language', 'tag'] as const).map((name) =>
            d.list.facets[name].length ? (
              <nav key={name} aria-label={t(`library.facet.${name}`)}>
                <h2>{t(`library.facet.${name}`)}</h2>
                <ul>
                  {d.list.facets[name].map((f) => (
                    <li key={f.value}>
                      <Link to={link({ [name]: f.value })} aria-current={params.get(name) === f.value ? 'true' : undefined} className={params.get(name) === f.value ? 'facet-on' : undefined}>
                        {facetLabel(name, f.value)} <span className="facet-count">{number(f.n)}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null,
          )}
        </aside>
        <section className="library-results" aria-live="polite">
          <p className="hint">{d.list.searched ? t('library.results', { count: number(d.list.total), q: d.q }) : t('library.resultsAll', { count: number(d.list.total) })}</p>
          {d.list.total === 0 ? (
            <EmptyState message={d.list.searched ? t('library.noResults') : filtered ? t('list.noMatches') : d.canManage ? t('library.empty') : t('library.emptyPartner')} />
          ) : (
            <ul className="library-list">
              {d.list.rows.map((r) => (
                <li key={r.id} className="card library-card">
                  <h3>
                    <Link to={`/library/${r.id}`}>{locale === 'id' ? r.titleId : r.titleEn}</Link>
                    {r.isNew ? <> <Badge tone="blue">{t('library.newBadge')}</Badge></> : null}
                    {r.isFavourite ? <span title={t('library.favouritesOnly')}> ★</span> : null}
                  </h3>
                  <p className="hint">
                    {t(`library.kind.${r.kind}`)} · {t(`library.category.${r.category}`)} · {t(`library.language.${r.language}`)} · {t('library.fields.updated')} {date(r.updatedAt)}
                    {r.audience ? <> · {t(`library.audience.${r.audience}`)}</> : null}
                  </p>
                  {r.snippet ? <Snippet text={r.snippet} /> : <p>{locale === 'id' ? r.descriptionId : r.descriptionEn}</p>}
                  {r.tags.length ? (
                    <p className="tags">
                      {r.tags.map((tag) => (
                        <Link key={tag} to={link({ tag })} className="chip">
                          #{tag}
                        </Link>
                      ))}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <Pagination page={d.list.page} total={d.list.total} pageSize={d.list.pageSize} />
        </section>
      </div>
    </>
  )
}
