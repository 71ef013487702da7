// The component inventory (ASVS 15.1): every runtime dependency is listed in
// docs/dependencies.md with the reason it is there, and pinned to an exact version.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO } from './support/server'

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> }
const doc = fs.readFileSync(path.join(REPO, 'docs/dependencies.md'), 'utf8')

/** Table rows of the document: the package names of the first cell, and the reason in the second. */
function documented(): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of doc.split('\n')) {
    const cells = line.split('|').map((c) => c.trim())
    if (cells.length < 4 || cells[1] === 'package' || /^-+$/.test(cells[1])) continue
    for (const name of cells[1].split(',').map((n) => n.trim().replace(/`/g, ''))) if (name) out.set(name, cells[2])
  }
  return out
}

describe('runtime dependencies', () => {
  it('each one is in docs/dependencies.md with a reason', async () => {
    const rows = documented()
    const missing = Object.keys(pkg.dependencies).filter((name) => !rows.get(name)?.trim())
    expect(missing, 'add a row to docs/dependencies.md saying why each is needed').toEqual([])
  })

  it('each one is pinned to an exact version, so the lockfile is not the only guard', async () => {
    const ranged = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([, v]) => !/^\d+\.\d+\.\d+$/.test(v))
    expect(ranged).toEqual([])
  })
})
