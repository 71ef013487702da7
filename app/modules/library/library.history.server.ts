import { defineHistory, type Sentence } from '../../kit/history.server'
import { libraryItemForHistory } from './library.server'

type Payload = Record<string, unknown> | null
const str = (v: unknown) => (typeof v === 'string' ? v : '')

/**
 * A library item's history in words. Only vendor staff read it (the item belongs to no partner
 * organisation, so read:audit at "any" scope is needed); who else an item was shared with is theirs to know.
 */
export const libraryItemHistory = defineHistory({
  async subject(actor, id) {
    return libraryItemForHistory(actor, id)
  },
  sentence(entry): Sentence | null {
    const after = entry.after as Payload
    switch (entry.action) {
      case 'created':
        return { key: 'history.library.created' }
      case 'updated':
        return { key: after && ('audience' in after || 'targets' in after) ? 'history.library.audience' : 'history.library.updated' }
      case 'version_added':
        return { key: 'history.library.versionAdded', params: { number: typeof after?.number === 'number' ? after.number : 0, note: str(after?.note) } }
      default:
        return null
    }
  },
})
