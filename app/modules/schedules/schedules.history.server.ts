import { defineHistory, type Sentence } from '../../kit/history.server'
import { translate } from '../../utils/i18n'
import { eventForHistory } from './schedules.server'

type Payload = Record<string, unknown> | null

/** An event's history in words: who created, changed or cancelled it, and who answered what. */
export const eventHistory = defineHistory({
  async subject(actor, id) {
    return eventForHistory(actor, id)
  },
  sentence(entry, reader): Sentence | null {
    const after = entry.after as Payload
    switch (entry.action) {
      case 'created':
        return { key: 'history.event.created' }
      case 'updated':
        return { key: 'history.event.updated' }
      case 'cancelled':
        return { key: 'history.event.cancelled' }
      case 'rsvp': {
        const answer = after?.answer === 'yes' || after?.answer === 'no' || after?.answer === 'maybe' ? after.answer : null
        return answer ? { key: 'history.event.rsvp', params: { answer: translate(reader.locale, `schedules.answered.${answer}`) } } : null
      }
      default:
        return null
    }
  },
})
