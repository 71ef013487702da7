// The HTTP server: security headers with a per-request CSP nonce, the Origin check on
// every mutation, static assets, then Remix. Used by `npm start`, `npm run serve` and `npm run dev`.
import crypto from 'node:crypto'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { hasSessionCookie } from './app/utils/cookies'
import { requestScope } from './app/utils/request-scope'
import { ConfigError, getEnv } from './app/utils/env.server'

let env: ReturnType<typeof getEnv>
try {
  env = getEnv()
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
const isProduction = env.NODE_ENV === 'production'

const viteDevServer = isProduction
  ? undefined
  : await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))

const app = express()
app.disable('x-powered-by')
// trust exactly one proxy hop: the left-most X-Forwarded-For entry is the client's to forge
if (env.TRUST_PROXY) app.set('trust proxy', 1)
app.use(compression())
app.use((_req, _res, next) => requestScope.run(new Map(), next))

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString('base64')
  res.locals.cspNonce = nonce
  const scriptSrc = isProduction ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : `'self' 'unsafe-inline' 'unsafe-eval'`
  res.setHeader(
    'Content-Security-Policy',
    [
      `default-src 'self'`,
      `script-src ${scriptSrc}`,
      `style-src 'self' 'unsafe-inline'`,
      `img-src 'self' data:`,
      `font-src 'self'`,
      `connect-src 'self'${isProduction ? '' : ' ws:'}`,
      `form-action 'self'`,
      `object-src 'none'`,
      `base-uri 'none'`,
      `frame-ancestors 'none'`,
    ].join('; '),
  )
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
  if (isProduction) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  next()
})

// Bodies are read whole by request.formData(): cap them before they reach the app.
const MAX_BODY_BYTES = 26 * 1024 * 1024
app.use((req, res, next) => {
  const length = Number(req.get('content-length') ?? 0)
  if (length > MAX_BODY_BYTES) return void res.status(413).type('text/plain').send('Payload too large')
  next()
})

// CSRF: a state-changing request must come from our own origin. A request that carries no
// Origin header and no session cookie has no ambient authority to abuse (curl signing in),
// so it passes; one with a session cookie and no Origin does not. Machine endpoints
// (/api/, /webhooks/) authenticate with keys or signatures, never cookies.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next()
  if (req.path.startsWith('/api/') || req.path.startsWith('/webhooks/')) return next()
  const origin = req.get('origin')
  const fetchSite = req.get('sec-fetch-site')
  const ownOrigin = `${req.protocol}://${req.get('host')}`
  const allowed = new Set([ownOrigin, new URL(env.APP_URL).origin])
  let ok: boolean
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') ok = false
  else if (origin) ok = allowed.has(origin)
  else ok = !hasSessionCookie(req.get('cookie') ?? null)
  if (ok) return next()
  res.status(403).type('text/plain').send('Forbidden: cross-origin request refused')
})

if (viteDevServer) {
  app.use(viteDevServer.middlewares)
} else {
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
  app.use(express.static('build/client', { maxAge: '1h', index: false }))
}

async function loadBuild(): Promise<ServerBuild> {
  if (viteDevServer) return (await viteDevServer.ssrLoadModule('virtual:remix/server-build')) as ServerBuild
  return (await import(pathToFileURL(path.resolve('build/server/index.js')).href)) as ServerBuild
}

const build = viteDevServer ? loadBuild : await loadBuild()

// pages and their data carry personal and business records: never kept by browsers or proxies
// (ASVS 14.3.2). Static files above keep their own caching. The adapter appends a route's own
// Cache-Control to this one, so no-store still wins: a cacheable route needs an exception here.
app.use((_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store')
  next()
})

app.all(
  '*',
  createRequestHandler({
    build,
    mode: isProduction ? 'production' : 'development',
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown' }),
  }),
)

const server = app.listen(env.PORT, env.HOST, () => {
  console.log(`Mitra is listening on http://localhost:${env.PORT}`)
})

// Periodic jobs run in-process in the same module graph as the app (the server build's entry).
if (env.JOBS_ENABLED && !viteDevServer) {
  const entry = (build as ServerBuild).entry.module as unknown as { startJobScheduler?: (intervalMs: number) => () => void }
  const stop = entry.startJobScheduler?.(env.JOBS_INTERVAL_SECONDS * 1000)
  const shutdown = () => {
    stop?.()
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 3000).unref()
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
}
