// `npm run dev`: migrate, seed if empty, then the server with Vite's dev middleware (HMR).
import { execSync } from 'node:child_process'

execSync('npx tsx scripts/migrate.ts', { stdio: 'inherit' })
execSync('npx tsx scripts/seed.ts --if-empty', { stdio: 'inherit' })
process.env.NODE_ENV = 'development'
await import('../server')
