// What a page is made of: its HTML size, the loader data handed to the browser, and each route's share.
//   npx tsx bench/experiments/page-anatomy.ts [--db bench/.data/run/S.db] [--as EMAIL] PATH...
import path from 'node:path'
import { DATA_DIR } from '../generate'
import { launchBuiltApp } from '../lib/app-server'
import { signIn } from '../lib/servers'
import { DEMO_PASSWORD } from '../../scripts/seed'

const args = process.argv.slice(2)
const option = (name: string, fallback: string) => (args.includes(name) ? args.splice(args.indexOf(name), 2)[1]! : fallback)
const dbFile = path.resolve(option('--db', path.join(DATA_DIR, 'run', 'S.db')))
const email = option('--as', 'admin@sinardigital.test')
const app = await launchBuiltApp({ db: dbFile, dataDir: 'page-anatomy-data' })
try {
  const cookie = await signIn(app.origin, email, DEMO_PASSWORD)
  for (const p of args.length ? args : ['/']) {
    const html = await (await fetch(`${app.origin}${p}`, { headers: { cookie } })).text()
    const context = html.match(/window\.__remixContext = (\{.*?\});<\/script>/s)?.[1] ?? '{}'
    const loaderData = (JSON.parse(context) as { state?: { loaderData?: Record<string, unknown> } }).state?.loaderData ?? {}
    console.log(`${p}: ${html.length} characters of HTML, of which the handoff script ${context.length}`)
    for (const [route, data] of Object.entries(loaderData)) console.log(`  ${route}: ${JSON.stringify(data).length} characters of loader data`)
    if (process.env.SHOW) console.log(html.slice(Number(process.env.SHOW), Number(process.env.SHOW) + 3000))
  }
} finally {
  await app.stop()
}
