// The compiled app (build/server.js) on a bench database, the way the helper scripts start it:
// production mode, no jobs, its own port and data directory, pinned to core 0.
import path from 'node:path'
import { DATA_DIR, REPO_DIR } from '../generate'
import { freePort, launch, type RunningServer } from './servers'

export async function launchBuiltApp(opts: { db: string; dataDir: string; nodeArgs?: string[]; appDir?: string }): Promise<RunningServer> {
  const port = await freePort()
  // another build of the app (a before/after comparison): a directory with its own build/, run with our node_modules
  const appDir = opts.appDir ? path.resolve(opts.appDir) : REPO_DIR
  return launch({
    name: 'app',
    script: path.join(appDir, 'build/server.js'),
    cwd: appDir,
    port,
    core: 0,
    nodeArgs: opts.nodeArgs ?? [],
    env: { ...process.env, NODE_ENV: 'production', JOBS_ENABLED: 'false', APP_URL: `http://127.0.0.1:${port}`, DATABASE_URL: opts.db, DATA_DIR: path.join(DATA_DIR, 'run', opts.dataDir), SESSION_SECRET: 'bench-session-secret-bench-session-secret', MITRA_CONTENT_DIR: path.join(REPO_DIR, 'content') },
  })
}
