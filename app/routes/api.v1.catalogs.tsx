import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { apiVersionErrors, apiVersions, submitCatalogFromApi, supplierForApiKey } from '../modules/suppliers/suppliers.server'
import { NotFound } from '../utils/errors'
import { translateLoose } from '../utils/i18n'

// The catalog API for suppliers' systems. Authenticated by an API key the supplier admin created
// (Authorization: Bearer mitra_…), never by a session cookie, so the CSRF origin check does not
// apply (server.ts skips /api/). Answers JSON only.
//   GET  /api/v1/catalogs                 → the key's supplier's versions
//   GET  /api/v1/catalogs?version=<id>    → that version's row errors
//   POST /api/v1/catalogs[?mode=full]     → text/csv body, or JSON {"mode", "lines": [...]}: stages a version

const unauthorised = () => json({ error: 'unauthorised', message: 'Send a valid API key: Authorization: Bearer <key>' }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } })

async function keyOf(request: Request) {
  const header = request.headers.get('authorization') ?? ''
  const m = /^Bearer\s+(\S+)$/i.exec(header)
  return supplierForApiKey(m?.[1] ?? null)
}

export async function loader({ request }: LoaderFunctionArgs) {
  const key = await keyOf(request)
  if (!key) return unauthorised()
  const version = new URL(request.url).searchParams.get('version')
  if (version) {
    try {
      const errors = apiVersionErrors(key.orgId, version)
      return json({ errors: errors.map((e) => ({ row: e.row, column: e.column, message: translateLoose('en', e.message, e.params ?? {}) })) })
    } catch (error) {
      if (error instanceof NotFound) return json({ error: 'not_found' }, { status: 404 })
      throw error
    }
  }
  return json({ versions: apiVersions(key.orgId) })
}

const JsonBody = z.object({ mode: z.enum(['full', 'incremental']).default('incremental'), lines: z.array(z.record(z.string(), z.unknown())).max(200_000) })

export async function action({ request }: ActionFunctionArgs) {
  const key = await keyOf(request)
  if (!key) return unauthorised()
  if (request.method !== 'POST') return json({ error: 'method_not_allowed' }, { status: 405 })
  const url = new URL(request.url)
  const type = (request.headers.get('content-type') ?? '').toLowerCase()
  let summary
  if (type.startsWith('text/csv')) {
    if (!request.body) return json({ error: 'empty_body' }, { status: 400 })
    const mode = url.searchParams.get('mode') === 'full' ? 'full' : 'incremental'
    summary = await submitCatalogFromApi(key.orgId, { csv: request.body as unknown as AsyncIterable<Buffer>, mode })
  } else if (type.startsWith('application/json')) {
    let body: unknown
    try {
      body = await request.json()
    } catch {
      return json({ error: 'bad_json' }, { status: 400 })
    }
    const parsed = JsonBody.safeParse(body)
    if (!parsed.success) return json({ error: 'bad_request', issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })) }, { status: 400 })
    summary = await submitCatalogFromApi(key.orgId, { lines: parsed.data.lines, mode: url.searchParams.get('mode') === 'full' ? 'full' : parsed.data.mode })
  } else return json({ error: 'unsupported_media_type', message: 'Send text/csv or application/json' }, { status: 415 })
  const { versionId, status, rows, valid, invalid, failure } = summary
  return json(
    { version: versionId, status, rows, valid, invalid, new: summary.new, changed: summary.changed, deactivated: summary.deactivated, failure: failure ? translateLoose('en', failure.key, failure.params ?? {}) : null },
    { status: status === 'failed' ? 422 : 201 },
  )
}
