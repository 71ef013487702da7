import { execFileSync } from 'node:child_process'
import os from 'node:os'
import { describe, expect, it } from 'vitest'

// scripts/node.sh starts the server for `npm start` and `npm run serve` (and the benchmark): on one core the
// collector runs on the main thread alone; with more cores V8 keeps its helper threads.
const flagsOf = (cmd: string[]) => JSON.parse(execFileSync(cmd[0]!, [...cmd.slice(1), 'sh', 'scripts/node.sh', '-p', 'JSON.stringify(process.execArgv.filter((a) => a.startsWith("--")))'], { encoding: 'utf8', env: { ...process.env, NODE: process.execPath } })) as string[]

describe('scripts/node.sh', () => {
  it('runs V8 single-threaded GC when the process may use one core only', () => {
    expect(flagsOf(['taskset', '-c', '0'])).toEqual(['--single-threaded-gc'])
  })

  it('leaves V8 its helper threads when the process may use more than one core', () => {
    expect(flagsOf(['env'])).toEqual(os.availableParallelism() > 1 ? [] : ['--single-threaded-gc'])
  })

  it('passes its arguments on to node unchanged, after the flag', () => {
    const out = execFileSync('taskset', ['-c', '0', 'sh', 'scripts/node.sh', '-e', 'console.log(JSON.stringify(process.argv.slice(1)))', 'a b', '--x'], { encoding: 'utf8', env: { ...process.env, NODE: process.execPath } })
    expect(JSON.parse(out)).toEqual(['a b', '--x'])
  })
})
