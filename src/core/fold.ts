/**
 * How folds run (internal: `core/index.ts` does not re-export this module): one immer `produce`
 * per batch, with immer's auto-freeze off and {@link freezeNew} freezing what a fold created.
 * `defineMechanism` and `combine` derive every `evolve` and `evolveAll` from {@link foldWith}.
 *
 * @module
 */
import { Immer, isDraft, type Draft } from 'immer'
import type { Recipe, Tagged } from './decider.js'

/**
 * The reducers' immer, with its auto-freeze off. Why: immer's deep freeze asks `Object.isFrozen`
 * of every child of every object a `produce` created, and V8 answers in time proportional to the
 * child's keys; a write into a collection creates its bucket index, whose 256 children hold
 * every entry, so each event cost time in proportion to the whole collection (measured: a street's
 * 10,000th request cost twice its first). {@link freezeNew} freezes the same objects, but stops at
 * those it froze before.
 */
const immer = new Immer({ autoFreeze: false })

/** The objects {@link freezeNew} has deep-frozen (a lookup that costs the same for any object). */
const deepFrozen = new WeakSet()

/**
 * Deep-freezes what a fold created: every object reachable from `value` that this function has
 * not frozen before (what it froze before is deep-frozen already, so the walk stops there). States
 * are frozen like immer's auto-freeze would, so callers cannot change them.
 */
export const freezeNew = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null || deepFrozen.has(value)) return value
  // Never an immer draft (a proxy of someone else's producer): freezing one breaks the producer.
  if (isDraft(value)) return value
  deepFrozen.add(value)
  Object.freeze(value)
  for (const child of Object.values(value)) freezeNew(child)
  return value
}

/**
 * Folds events in one `produce` per call, through an immer recipe, applying only the events whose
 * `type` is in `types` (one `Set` lookup each): the reducer every mechanism and {@link combine}
 * exports, with the rules of `EvolveAll`.
 *
 * A draft given as the state (a Redux Toolkit case reducer delegating to a mechanism) is edited in
 * place and returned. Producing on it instead would nest a `produce` inside the caller's, whose
 * result holds the caller's child drafts, and freezing those proxies throws (`'ownKeys' on
 * proxy`); folding on `current(draft)` and returning a new state would copy the draft and would
 * make immer refuse a case reducer that also edits its draft ("returned a new value *and*
 * modified its draft"). Edited in place, the caller's `produce` finishes and freezes the result.
 */
export const foldWith =
  <S, E extends Tagged>(apply: Recipe<S, E>, types: ReadonlySet<string>, initialState: S) =>
  (state: S | undefined, events: ReadonlyArray<Tagged>): S => {
    const base = state === undefined ? initialState : state
    const known = (e: Tagged): e is E => types.has(e.type)
    // Nothing to apply (no events, or only foreign ones): the very same state.
    if (!events.some(known)) return base
    const applyAll = (draft: Draft<S>): void => {
      for (const e of events) if (known(e)) apply(draft, e)
    }
    if (isDraft(base)) {
      // isDraft proved it: the state is the caller's draft of an S.
      applyAll(base as Draft<S>)
      return base
    }
    return freezeNew(immer.produce(base, applyAll))
  }
