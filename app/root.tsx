import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useLocation, useRouteError, useRouteLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import styles from './styles.css?url'
import { getOptionalActor } from './modules/auth/require-actor.server'
import { readToast } from './utils/toast.server'
import { requestLocale } from './utils/route.server'
import { useNonce } from './utils/nonce'
import { Link, useDelegatedNavigation } from './components/navigation'
import { getEnv } from './utils/env.server'
import { brandStyle, DEFAULT_BRAND } from './utils/brand'
import { translate, translateLoose, DEFAULT_LOCALE, type Locale } from './utils/i18n'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.brand.name ?? DEFAULT_BRAND.name }, { name: 'viewport', content: 'width=device-width, initial-scale=1' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = getOptionalActor(request)
  const locale = requestLocale(request)
  const { toast, headers } = await readToast(request)
  const env = getEnv()
  const brand = { name: env.BRAND_NAME, color: env.BRAND_COLOR }
  return json({ locale, timeZone: actor?.timeZone ?? 'Asia/Jakarta', toast, brand, brandStyle: brandStyle(brand.color) }, { headers })
}

function Document({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const nonce = useNonce()
  const data = useRouteLoaderData<typeof loader>('root')
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <Meta />
        <Links />
        {data?.brandStyle ? <style nonce={nonce}>{data.brandStyle}</style> : null}
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

/**
 * The one-time message after a redirect. It belongs to the page it arrived with: the root loader is
 * not re-run when the user moves on to another record, so the toast remembers the location it came
 * with and disappears on the next navigation.
 */
function Toast() {
  const data = useLoaderData<typeof loader>()
  const location = useLocation()
  const [shownAt, setShownAt] = useState<string | null>(location.key)
  useEffect(() => setShownAt(location.key), [data.toast]) // eslint-disable-line react-hooks/exhaustive-deps
  if (!data.toast || shownAt !== location.key) return null
  return (
    <div role="status" className={`toast toast-${data.toast.type ?? 'success'}`}>
      {translateLoose(data.locale, data.toast.key, data.toast.params)}
      <button type="button" className="toast-close" onClick={() => setShownAt(null)} aria-label="×">
        ×
      </button>
    </div>
  )
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>()
  useDelegatedNavigation()
  return (
    <Document locale={locale}>
      <Outlet />
      <Toast />
    </Document>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const data = useRouteLoaderData<typeof loader>('root')
  const locale = data?.locale ?? DEFAULT_LOCALE
  const status = isRouteErrorResponse(error) ? error.status : 500
  const title = status === 404 ? translate(locale, 'errors.pageNotFound') : status === 403 ? translate(locale, 'errors.forbidden') : translate(locale, 'errors.generic')
  const message = isRouteErrorResponse(error) && typeof error.data === 'object' && error.data?.message ? String(error.data.message) : null
  return (
    <Document locale={locale}>
      <main className="error-page">
        <p className="error-code">{status}</p>
        <h1>{title}</h1>
        {message && message !== title ? <p>{message}</p> : null}
        <Link to="/">{translate(locale, 'nav.backHome')}</Link>
      </main>
    </Document>
  )
}
