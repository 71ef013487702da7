// The route manifest of the production build (`build/server/index.js` exports `routes`),
// read in a child process so the app's module graph never loads inside the test worker.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { assertBuildPresent, BUILD_ENTRY, childEnv, REPO, SESSION_SECRET } from './server'

const run = promisify(execFile)

export type ManifestRoute = {
  id: string
  path?: string
  parentId?: string
  index?: boolean
  hasLoader: boolean
  hasAction: boolean
  hasComponent: boolean
}
export type RouteManifest = Record<string, ManifestRoute>

export async function loadBuildManifest(): Promise<RouteManifest> {
  assertBuildPresent()
  const script = `
    const m = await import(${JSON.stringify(pathToFileURL(BUILD_ENTRY).href)})
    const out = {}
    for (const [id, r] of Object.entries(m.routes)) {
      out[id] = { id, path: r.path, parentId: r.parentId, index: r.index, hasLoader: typeof r.module.loader === 'function', hasAction: typeof r.module.action === 'function', hasComponent: typeof r.module.default === 'function' }
    }
    process.stdout.write(JSON.stringify(out))
    process.exit(0)
  `
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-manifest-'))
  try {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: REPO,
      env: childEnv({ NODE_ENV: 'production', SESSION_SECRET, DATA_DIR: scratch, DATABASE_URL: path.join(scratch, 'unused.db'), JOBS_ENABLED: 'false' }),
      maxBuffer: 16 * 1024 * 1024,
    })
    return JSON.parse(stdout) as RouteManifest
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}

/**
 * Route ids the source tree declares (Remix flat routes: every file in app/routes, or a
 * folder with a route.* file), so a build older than the code is caught rather than trusted.
 */
export function sourceRouteIds(routesDir = path.join(REPO, 'app/routes')): string[] {
  const ids: string[] = []
  for (const entry of fs.readdirSync(routesDir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || /\.test\./.test(entry.name)) continue
    if (entry.isFile() && /\.(tsx?|jsx?|mdx?)$/.test(entry.name)) ids.push(`routes/${entry.name.replace(/\.[^.]+$/, '')}`)
    else if (entry.isDirectory() && fs.readdirSync(path.join(routesDir, entry.name)).some((f) => /^route\.(tsx?|jsx?)$/.test(f))) ids.push(`routes/${entry.name}`)
  }
  return ids.sort()
}
