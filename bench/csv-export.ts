// `npx tsx bench/csv-export.ts [S|M|L]`: the streamed CSV export of every opportunity, measured on the cached
// dataset of a scale (bench/.data/<scale>.db, made by `npm run bench`): the production build on one core, signed
// in as the partner manager, downloads /reports/opportunities.csv to the end while the server's resident memory
// is sampled every 50 ms. The target: a million rows stream with RSS ≤ 300 MB.
import fs from 'node:fs'
import path from 'node:path'
import { DATA_DIR } from './generate'
import { launchBuiltApp } from './lib/app-server'
import { residentMiB, signIn } from './lib/servers'
import { DEMO_PASSWORD } from '../scripts/seed'

const scale = process.argv[2] ?? 'S'
const source = path.join(DATA_DIR, `${scale}.db`)
if (!fs.existsSync(source)) throw new Error(`no dataset ${source}: run \`npm run bench -- --scale ${scale}\` first`)
const work = path.join(DATA_DIR, 'run', `csv-${scale}.db`)
fs.copyFileSync(source, work)
const app = await launchBuiltApp({ db: work, dataDir: `csv-${scale}-data` })
try {
  const origin = app.origin
  const cookie = await signIn(origin, 'manager@mitra.test', DEMO_PASSWORD)
  const idle = residentMiB(app.pid)
  let peak = idle
  const sampler = setInterval(() => (peak = Math.max(peak, residentMiB(app.pid))), 50)
  const started = performance.now()
  const res = await fetch(`${origin}/reports/opportunities.csv`, { headers: { cookie, 'accept-encoding': 'identity' } })
  if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}`)
  let bytes = 0
  let lines = 0
  let firstByteMs = 0
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    if (!firstByteMs) firstByteMs = performance.now() - started
    bytes += chunk.length
    for (const b of chunk) if (b === 10) lines++
  }
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  peak = Math.max(peak, residentMiB(app.pid))
  console.log(`| scale | rows | size | first byte | total | rate | RSS idle | RSS peak during export | target |`)
  console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---|`)
  console.log(`| ${scale} | ${(lines - 1).toLocaleString('en-US')} | ${(bytes / 2 ** 20).toFixed(0)} MiB | ${firstByteMs.toFixed(0)} ms | ${seconds.toFixed(1)} s | ${Math.round((lines - 1) / seconds).toLocaleString('en-US')} rows/s | ${idle.toFixed(0)} MiB | ${peak.toFixed(0)} MiB | ≤ 300 MB: ${peak <= 300 ? 'met' : '**NOT MET**'} |`)
} finally {
  await app.stop()
  fs.rmSync(work, { force: true })
  for (const suffix of ['-wal', '-shm']) fs.rmSync(work + suffix, { force: true })
}
