// Errors thrown by service verbs. Routes never build status codes themselves:
// app/utils/route.server.ts turns these into the right status and a translated message.
export class DomainError extends Error {
  constructor(
    public readonly messageKey: string,
    public readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey)
  }
}

/** The record does not exist, or belongs to an organisation the actor may not see. Always 404. */
export class NotFound extends DomainError {
  constructor(public readonly entity = 'record') {
    super('errors.notFound')
  }
}

/** The actor may see the record but not do this. */
export class Forbidden extends DomainError {
  constructor() {
    super('errors.forbidden')
  }
}

/**
 * The record is no longer where the request expected it (someone else acted first, or the move is
 * not allowed from here). A module may give the words: who did what, and when.
 */
export class InvalidTransition extends DomainError {
  constructor(from: string, event: string, words?: { key: string; params: Record<string, string | number> }) {
    super(words?.key ?? 'errors.invalidTransition', words?.params ?? { from, event })
  }
}

/** Input that passed the schema but breaks a business rule (taken email, unknown stage...). */
export class ValidationFailed extends DomainError {
  constructor(
    public readonly field: string,
    messageKey: string,
    params: Record<string, string | number> = {},
  ) {
    super(messageKey, params)
  }
}
