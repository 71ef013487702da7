import type { Actor } from '../modules/auth/actor'
import type { AuditEntry } from '../modules/audit/audit.server'
import { translate, type MessageKey } from '../utils/i18n'

/** One event of a record's history as its reader sees it: a sentence in their language. */
export type HistoryEvent = { id: string; at: number; actorName: string | null; text: string; details: string[] }

/** A sentence before translation: a message key and its parameters (already formatted for the reader). */
export type Sentence = { key: MessageKey; params?: Record<string, string | number>; details?: { key: MessageKey; params?: Record<string, string | number> }[] }

/**
 * How one module tells the history of one kind of record. `subject` authorises the reader for the
 * record (NotFound / Forbidden as for the record itself) and names the organisation that owns it,
 * against which `read:audit` is checked. `sentence` turns an audit row into words for this reader,
 * or null to leave the row out: redaction is decided here, in the service, never in the page.
 */
export type HistoryRenderer<S = unknown> = {
  subject(actor: Actor, id: string): Promise<S & { ownerOrgId: string | null }>
  sentence(entry: AuditEntry & { actorName: string | null }, reader: Actor, subject: S): Sentence | null
}

export function defineHistory<S>(renderer: HistoryRenderer<S>): HistoryRenderer<S> {
  return renderer
}

export function renderSentence(reader: Actor, actorName: string | null, sentence: Sentence): { text: string; details: string[] } {
  const who = actorName ?? translate(reader.locale, 'audit.system')
  return {
    text: translate(reader.locale, sentence.key, { actor: who, ...sentence.params }),
    details: (sentence.details ?? []).map((d) => translate(reader.locale, d.key, d.params)),
  }
}
