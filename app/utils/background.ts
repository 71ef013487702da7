// Work a request starts but does not wait for (email delivery after a commit). A graceful
// shutdown waits for it (server.ts), so a message is never cut between being sent and being
// marked sent — which would send it again after the restart.
const KEY = Symbol.for('mitra.background')
const holder = globalThis as unknown as Record<symbol, Set<Promise<unknown>> | undefined>
const pending = (holder[KEY] ??= new Set())

export function inBackground(task: () => Promise<unknown>) {
  const promise = new Promise<void>((resolve) => setImmediate(resolve)).then(task)
  pending.add(promise)
  void promise.catch(() => {}).finally(() => pending.delete(promise))
  return promise
}

/** Resolves when every background task started so far has settled. */
export async function backgroundSettled() {
  while (pending.size) await Promise.allSettled([...pending])
}
