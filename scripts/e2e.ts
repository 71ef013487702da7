// `npm run test:e2e`: a production build served on a free port with a fresh database and a
// real SMTP server catching mail into files, then Playwright against it.
import { execSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { SMTPServer } from 'smtp-server'
import { freePort } from './lib/free-port'

const root = path.resolve('tests/.tmp-e2e')
fs.rmSync(root, { recursive: true, force: true })
fs.mkdirSync(path.join(root, 'mail'), { recursive: true })


if (!fs.existsSync('build/server/index.js')) execSync('npx remix vite:build', { stdio: 'inherit' })

const [appPort, smtpPort] = [await freePort(), await freePort()]
const mailDir = path.join(root, 'mail')
let mailCount = 0
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = []
    stream.on('data', (c: Buffer) => chunks.push(c))
    stream.on('end', () => {
      fs.writeFileSync(path.join(mailDir, `${Date.now()}-${++mailCount}.eml`), Buffer.concat(chunks))
      callback()
    })
  },
})
await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve))

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(appPort),
  HOST: '127.0.0.1',
  APP_URL: `http://127.0.0.1:${appPort}`,
  DATABASE_URL: path.join(root, 'mitra.db'),
  DATA_DIR: root,
  SESSION_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(smtpPort),
  JOBS_INTERVAL_SECONDS: '5',
}
execSync('npx tsx scripts/migrate.ts', { stdio: 'inherit', env })
execSync('npx tsx scripts/seed.ts', { stdio: 'inherit', env })

const server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
let serverLog = ''
server.stdout.on('data', (d) => (serverLog += d))
server.stderr.on('data', (d) => (serverLog += d))

const deadline = Date.now() + 30_000
for (;;) {
  try {
    const res = await fetch(`http://127.0.0.1:${appPort}/healthz`)
    if (res.ok) break
  } catch {
    /* not up yet */
  }
  if (Date.now() > deadline || server.exitCode !== null) {
    console.error('server did not start:\n' + serverLog)
    process.exit(1)
  }
  await new Promise((r) => setTimeout(r, 200))
}

const args = ['playwright', 'test', ...process.argv.slice(2)]
const code = await new Promise<number>((resolve) => {
  const pw = spawn('npx', args, { stdio: 'inherit', env: { ...process.env, E2E_BASE_URL: `http://127.0.0.1:${appPort}`, E2E_MAIL_DIR: mailDir, E2E_DATABASE_URL: env.DATABASE_URL } })
  pw.on('exit', (c) => resolve(c ?? 1))
})
server.kill('SIGTERM')
smtp.close()
if (code !== 0 && process.env.CI) console.error('--- server log ---\n' + serverLog.slice(-5000))
process.exit(code)
