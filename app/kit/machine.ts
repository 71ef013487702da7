import { InvalidTransition } from '../utils/errors'

/**
 * A status workflow as one table: each event lists the statuses it may start from, the status
 * it leads to, and who may trigger it. Every module's workflow (deal registrations now; MDF
 * requests and claims, certifications, plan sign-off and catalog versions next) is one of these,
 * so an illegal move is refused in one place and the page offers exactly the allowed actions.
 *
 * Browser-safe: pages import the table to label actions; the rule itself runs in the service.
 */
export type Transition<S extends string, Who extends string> = { from: readonly S[]; to: S; by: Who }

export type Machine<S extends string, E extends string, Who extends string> = {
  events: readonly E[]
  /** The status after `event`, or InvalidTransition (409 with words) when it is not allowed from `from`. */
  next(from: S, event: E): S
  can(from: S, event: E): boolean
  /** The events open from this status to someone who plays these parts (e.g. 'owner', 'approver'). */
  allowed(from: S, parts: Iterable<Who>): E[]
}

export function defineMachine<const S extends string, const E extends string, const Who extends string>(def: {
  statuses: readonly S[]
  transitions: Record<E, Transition<S, Who>>
}): Machine<S, E, Who> {
  const events = Object.keys(def.transitions) as E[]
  const can = (from: S, event: E) => def.transitions[event]?.from.includes(from) ?? false
  return {
    events,
    can,
    next(from, event) {
      if (!can(from, event)) throw new InvalidTransition(from, event)
      return def.transitions[event].to
    },
    allowed(from, parts) {
      const held = new Set(parts)
      return events.filter((e) => can(from, e) && held.has(def.transitions[e].by))
    },
  }
}
