// A/B of builds, in process: loads each build's server bundle (build/server/index.js) into one process, signs in
// through it and answers the same pages through Remix's handler (no HTTP, no compression), alternating the builds
// round by round; prints each build's median time per request over the rounds. On this shared machine a server's
// CPU per request moves ±30 % between minutes; rounds of a few hundred requests alternated in one process move a
// few per cent, which is what a change to the render path needs to be seen.
//   DATABASE_URL=bench/.data/run/S.db NODE_ENV=production SESSION_SECRET=… DATA_DIR=/tmp/pt MITRA_CONTENT_DIR=content \
//     npx tsx bench/experiments/page-time.ts --as EMAIL [--rounds 8] [--requests 200] [--build DIR]... PATH...
// --build DIR is a directory holding server/index.js (default: build); give two to compare them.
import { cliArgs } from '../lib/args'
import { inProcessApp } from '../lib/in-process'
import { median } from '../lib/stats'

const args = cliArgs()
const email = args.option('--as', 'manager@mitra.test')
const rounds = Number(args.option('--rounds', '8'))
const requests = Number(args.option('--requests', '200'))
const dirs = args.all('--build')
const paths = args.rest()
if (!paths.length) throw new Error('usage: page-time.ts [--as EMAIL] [--build DIR]... PATH...')
type Subject = { name: string; get: (p: string) => Promise<Response> }
const subjects: Subject[] = []
for (const dir of dirs.length ? dirs : ['build']) subjects.push({ name: dir, ...(await inProcessApp(email, dir)) })

async function answer(s: Subject, p: string) {
  const response = await s.get(p)
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
