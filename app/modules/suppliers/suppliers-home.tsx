import { Link } from '../../components/navigation'
import { useT } from '../../utils/use-t'
import { CatalogStatusBadge, DocumentStatusBadge, SupplierStatusBadge } from './supplier-ui'
import type { CatalogStatus } from './suppliers.machine'

type Home =
  | { kind: 'procurement'; counts: { applications: number; versions: number; documents: number; changes: number } }
  | {
      kind: 'supplier'
      status: 'active' | 'on_hold' | 'inactive'
      hold: string | null
      due: { typeId: string; name: string; standing: 'accepted' | 'pending' | 'rejected' | 'expired' | 'missing'; expiresOn: string | null }[]
      versions: { id: string; number: number; status: CatalogStatus; createdAt: number; invalid: number }[]
    }
  | null

/** The supplier portal's section of the home page (see supplierHomeFor). */
export function SuppliersHome({ data }: { data: Home }) {
  const { t, number, dateTime, calendarDate } = useT()
  if (!data) return null
  if (data.kind === 'procurement') {
    return (
      <section className="card">
        <h2><Link to="/suppliers">{t('suppliers.home.reviews')}</Link></h2>
        <div className="stat-grid">
          <Link to="/suppliers/applications?status=submitted" className="stat"><span className="stat-value">{number(data.counts.applications)}</span><span className="stat-label">{t('suppliers.applications.title')}</span></Link>
          <Link to="/suppliers/catalogs" className="stat"><span className="stat-value">{number(data.counts.versions)}</span><span className="stat-label">{t('suppliers.catalog.awaitingTitle')}</span></Link>
          <Link to="/suppliers/documents" className="stat"><span className="stat-value">{number(data.counts.documents)}</span><span className="stat-label">{t('suppliers.docs.reviewTitle')}</span></Link>
          <Link to="/suppliers/changes" className="stat"><span className="stat-value">{number(data.counts.changes)}</span><span className="stat-label">{t('suppliers.changes.title')}</span></Link>
        </div>
      </section>
    )
  }
  return (
    <section className="card" aria-labelledby="supplier-home">
      <h2 id="supplier-home">{t('suppliers.home.title')}: <SupplierStatusBadge status={data.status} /></h2>
      {data.hold ? <p className="notice notice-warning" role="status">{t('suppliers.holdReason', { reasons: data.hold })}</p> : null}
      <h3><Link to="/supplier/documents">{t('suppliers.home.documentsDue')}</Link></h3>
      {data.due.length === 0 ? (
        <p>{t('suppliers.home.allGood')}</p>
      ) : (
        <ul>
          {data.due.map((d) => (
            <li key={d.typeId}>
              {d.name} <DocumentStatusBadge status={d.standing} />
              {d.expiresOn ? ` ${t('suppliers.docs.dueSoon', { date: calendarDate(d.expiresOn) })}` : ''}
            </li>
          ))}
        </ul>
      )}
      <h3><Link to="/supplier/catalog">{t('suppliers.home.versions')}</Link></h3>
      {data.versions.length === 0 ? (
        <p>{t('suppliers.catalog.empty')}</p>
      ) : (
        <ul>
          {data.versions.map((v) => (
            <li key={v.id}>
              <Link to={`/suppliers/catalogs/${v.id}`}>{t('suppliers.catalog.version', { number: v.number })}</Link> <CatalogStatusBadge status={v.status} /> · {dateTime(v.createdAt)}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
