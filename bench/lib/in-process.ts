// The production build answering requests in process, through Remix's own handler (no HTTP, no express, no
// compression), signed in as one user: what the experiments that time, count or profile one page's work use.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { DEMO_PASSWORD } from '../../scripts/seed'

const ORIGIN = 'http://localhost:3000'
const CONTEXT = { cspNonce: 'x', clientIp: '127.0.0.1' }

/** Loads `<buildDir>/server/index.js`, signs `email` in through it and returns a GET of a path as that user. */
export async function inProcessApp(email: string, buildDir = 'build') {
  const build = (await import(pathToFileURL(path.resolve(buildDir, 'server/index.js')).href)) as ServerBuild
  const handler = createRequestHandler(build, 'production')
  const form = new URLSearchParams({ email, password: process.env.DEMO_PASSWORD ?? DEMO_PASSWORD })
  const login = await handler(new Request(`${ORIGIN}/login`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, host: 'localhost:3000' } }), CONTEXT)
  const cookie = (login.headers.get('set-cookie') ?? '').split(/,(?=\s*\w+=)/).map((c) => c.split(';')[0]).join('; ')
  return {
    get: (p: string) => handler(new Request(`${ORIGIN}${p}`, { headers: { cookie, host: 'localhost:3000', 'accept-encoding': 'gzip, deflate, br' } }), CONTEXT),
  }
}
