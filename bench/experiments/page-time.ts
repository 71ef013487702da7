// A/B of builds, in process: loads each build's server bundle (build/server/index.js) into one process, signs in
// through it and answers the same pages through Remix's handler (no HTTP, no compression), alternating the builds
// round by round; prints each build's median time per request over the rounds. On this shared machine a server's
// CPU per request moves ±30 % between minutes; rounds of a few hundred requests alternated in one process move a
// few per cent, which is what a change to the render path needs to be seen.
//   DATABASE_URL=bench/.data/run/S.db NODE_ENV=production SESSION_SECRET=… DATA_DIR=/tmp/pt MITRA_CONTENT_DIR=content \
//     npx tsx bench/experiments/page-time.ts --as EMAIL [--rounds 8] [--requests 200] [--build DIR]... PATH...
// --build DIR is a directory holding server/index.js (default: build); give two to compare them.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { cliArgs } from '../lib/args'
import { median } from '../lib/stats'
import { DEMO_PASSWORD } from '../../scripts/seed'

const args = cliArgs()
const email = args.option('--as', 'manager@mitra.test')
const rounds = Number(args.option('--rounds', '8'))
const requests = Number(args.option('--requests', '200'))
const dirs = args.all('--build')
const paths = args.rest()
if (!paths.length) throw new Error('usage: page-time.ts [--as EMAIL] [--build DIR]... PATH...')
const origin = 'http://localhost:3000'
const context = { cspNonce: 'x', clientIp: '127.0.0.1' }

type Subject = { name: string; handle: (r: Request) => Promise<Response>; cookie: string }
const subjects: Subject[] = []
for (const dir of dirs.length ? dirs : ['build']) {
  const build = (await import(pathToFileURL(path.resolve(dir, 'server/index.js')).href)) as ServerBuild
  const handler = createRequestHandler(build, 'production')
  const handle = (r: Request) => handler(r, context)
  const form = new URLSearchParams({ email, password: DEMO_PASSWORD })
  const login = await handle(new Request(`${origin}/login`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded', origin, host: 'localhost:3000' } }))
  const cookie = (login.headers.get('set-cookie') ?? '').split(/,(?=\s*\w+=)/).map((c) => c.split(';')[0]).join('; ')
  subjects.push({ name: dir, handle, cookie })
}

async function answer(s: Subject, p: string) {
  const response = await s.handle(new Request(`${origin}${p}`, { headers: { cookie: s.cookie, host: 'localhost:3000', 'accept-encoding': 'br' } }))
  if (response.status !== 200) throw new Error(`${s.name} ${p}: HTTP ${response.status}`)
  return (await response.arrayBuffer()).byteLength
}

for (const p of paths) {
  const times = new Map<string, number[]>(subjects.map((s) => [s.name, []]))
  const sizes = new Map<string, number>()
  for (const s of subjects) for (let i = 0; i < 50; i++) sizes.set(s.name, await answer(s, p)) // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const s of r % 2 ? [...subjects].reverse() : subjects) {
      const t = performance.now()
      for (let i = 0; i < requests; i++) await answer(s, p)
      times.get(s.name)!.push((performance.now() - t) / requests)
    }
  }
  for (const s of subjects) {
    const list = times.get(s.name)!
    console.log(`${p} [${s.name}]: ${median(list).toFixed(3)} ms per request (rounds ${list.map((t) => t.toFixed(2)).join(' ')}), ${sizes.get(s.name)} bytes`)
  }
}
