import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { PublicLayout } from '../components/public-layout'
import { Badge } from '../components/ui'
import { verifyCertificate } from '../modules/training/training.server'
import { handle, requestLocale } from '../utils/route.server'
import { useT } from '../utils/use-t'

// a route's meta replaces the root's: keep the title (and the viewport) alongside noindex
export const meta: MetaFunction = ({ matches }) => [...(matches.find((m) => m.id === 'root')?.meta ?? []), { name: 'robots', content: 'noindex' }]

/**
 * Public: anyone holding a certificate's code may check it, without signing in. Rate-limited per IP
 * (limits.server.ts). Any miss — unknown, malformed — is the same 404 with the same words.
 */
export const loader = handle(async ({ request, params }: LoaderFunctionArgs) => {
  const v = await verifyCertificate(params.code ?? '')
  if (!v.found) return json({ found: false as const }, { status: 404, headers: { 'Cache-Control': 'no-store' } })
  const locale = requestLocale(request)
  return json({ found: true as const, holderName: v.holderName, certification: v.certification[locale], status: v.status, issuedAt: v.issuedAt, expiresAt: v.expiresAt, revokedAt: v.revokedAt }, { headers: { 'Cache-Control': 'no-store' } })
})

export default function VerifyCertificate() {
  const d = useLoaderData<typeof loader>()
  const { t, date } = useT()
  return (
    <PublicLayout title={t('training.verify.title')}>
      {!d.found ? (
        <p role="status" className="notice">{t('training.verify.notFound')}</p>
      ) : (
        <div className="stack">
          <p role="status">
            <Badge tone={d.status === 'valid' ? 'green' : d.status === 'revoked' ? 'red' : 'amber'}>{t(`training.status.${d.status}`)}</Badge> {t(`training.verify.${d.status}`)}
          </p>
          <dl className="facts">
            <div><dt>{t('training.fields.holder')}</dt><dd>{d.holderName}</dd></div>
            <div><dt>{t('training.fields.certification')}</dt><dd>{d.certification}</dd></div>
            <div><dt>{t('training.fields.issuedAt')}</dt><dd>{date(d.issuedAt)}</dd></div>
            <div><dt>{t('training.fields.expiresAt')}</dt><dd>{date(d.expiresAt)}</dd></div>
            {d.revokedAt ? <div><dt>{t('training.verify.revokedAt')}</dt><dd>{date(d.revokedAt)}</dd></div> : null}
          </dl>
          <p className="hint">{t('training.verify.intro')}</p>
        </div>
      )}
    </PublicLayout>
  )
}
