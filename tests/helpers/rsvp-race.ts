// One contender in the RSVP race of schedules.server.test.ts: a separate process (its own
// SQLite connection, as a second app server would have) that answers "yes" for each user given,
// starting at the same moment as the others. Prints what happened as JSON.
import { respondToEvent } from '../../app/modules/schedules/schedules.server'
import { actorForSession } from '../../app/modules/auth/require-actor.server'
import { createSession } from '../../app/modules/auth/session.server'

const [eventId, startAt, ...userIds] = process.argv.slice(2)
const actors = userIds.map((id) => actorForSession(createSession(id).id, id)!)
while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 2))
const results: string[] = []
for (const actor of actors) {
  try {
    await respondToEvent(actor, eventId, 'yes')
    results.push('yes')
  } catch (error) {
    results.push((error as Error).message)
  }
}
console.log(JSON.stringify(results))
