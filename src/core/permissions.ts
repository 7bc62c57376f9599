/**
 * Permissions as data (权限表): who may issue each command of a mechanism, and on what, is a
 * table keyed by command type — the authority paragraph of each module made data. From it comes
 * the query an app drawing buttons and inboxes needs (XState's `can`, for a person): what may
 * this person do now ({@link allowedBy}).
 *
 * A row says three things about one command type: who may issue it, in the field's words (the
 * docs' authority table); what it may act on now, by its lifecycle's edges and its preconditions
 * (the open motions for a vote, the case at its level for an escalation, the stream itself for a
 * command with no target); and whether a given person is one who may, on a given target.
 *
 * The table is a summary of `decide`, not a second `decide`: each mechanism's property test
 * checks that a command listed as allowed is never refused for authority or lifecycle, and that
 * one not listed always is refused.
 *
 * @module
 */
import type { Tagged } from './decider.js'
import type { Exactly, OfType } from './dispatch.js'
import type { PersonId } from './ids.js'
import type { Instant } from './time.js'

/**
 * What a command of type `K` acts on: some of its own fields (a motion's id, a party's index, a
 * case's id), never its envelope (`type`, `commandId`, `at`, `actor`: the app fills them in). The empty object is a command on the stream itself.
 *
 * @category Permissions
 */
export type TargetOf<C extends Tagged, K extends C['type']> = Partial<
  Omit<OfType<C, K>, 'type' | 'commandId' | 'at' | 'actor'>
>

/**
 * One row of a permission table: who may issue one command type, and on what, now (权限).
 *
 * @typeParam S - the stream's state
 * @typeParam X - the context the mechanism decides with (the registry, for most)
 * @typeParam T - what the command acts on (see {@link TargetOf})
 *
 * @category Permissions
 */
export interface Permission<S, X, T> {
  /** Who may issue it, in the field's words: the row of the docs' authority table. */
  readonly who: string
  /**
   * What the command may act on now, by its lifecycle and its preconditions: the open motions
   * for a vote, `[{}]` for a command on the stream itself that its lifecycle allows now, `[]`
   * when there is nothing it could act on.
   */
  readonly targets: (state: S, context: X, at: Instant) => ReadonlyArray<T>
  /** Whether `person` is one who may issue it on `target` now (the requirement). */
  readonly may: (person: PersonId, target: T, state: S, context: X, at: Instant) => boolean
}

/** A mechanism's permission table: one row per command type of `C`. @category Permissions */
export type Permissions<C extends Tagged, S, X> = {
  readonly [K in C['type']]: Permission<S, X, TargetOf<C, K>>
}

/**
 * A command a person may issue now: its type and what it acts on; the app adds the rest.
 *
 * @category Permissions
 */
export type AllowedCommand<C extends Tagged> = {
  readonly [K in C['type']]: { readonly type: K; readonly target: TargetOf<C, K> }
}[C['type']]

/**
 * Checks a permission table built from parts: every command type of `C` has its row and no
 * other key is there, as {@link handlersFor} does for handlers.
 *
 * @category Permissions
 */
export const permissionsFor =
  <C extends Tagged, S, X>() =>
  <T extends Permissions<C, S, X>>(table: Exactly<Permissions<C, S, X>, T>): Permissions<C, S, X> =>
    table

/**
 * The query "what may this person do now" of a permission table: for a stream's state, its
 * context, a person and a time, every command type with each target the person may issue it on,
 * in the table's order. Nothing is decided: the lifecycle's edges, the preconditions and the
 * requirement are read from the state.
 *
 * @example
 * ```ts
 * import { instant, PersonId } from 'governance-kit'
 * import { allowedBy, permissionsFor } from 'governance-kit/decider'
 * type Cmd =
 *   | { type: 'ring'; commandId: string; at: string; actor: string; bell: string }
 *   | { type: 'hush'; commandId: string; at: string; actor: string }
 * type Belfry = { readonly ringer: string; readonly bells: ReadonlyArray<string> }
 * const allowed = allowedBy(
 *   permissionsFor<Cmd, Belfry, void>()({
 *     ring: {
 *       who: 'the ringer',
 *       targets: (s) => s.bells.map((bell) => ({ bell })),
 *       may: (person, _bell, s) => person === s.ringer,
 *     },
 *     hush: { who: 'anyone', targets: () => [{}], may: () => true },
 *   }),
 * )
 * const at = instant('2024-05-06T09:00:00+08:00')
 * allowed({ ringer: 'p-1', bells: ['b-1'] }, undefined, PersonId.make('p-1'), at)
 * // [{ type: 'ring', target: { bell: 'b-1' } }, { type: 'hush', target: {} }]
 * ```
 *
 * @category Permissions
 */
export const allowedBy =
  <C extends Tagged, S, X>(table: Permissions<C, S, X>) =>
  (state: S, context: X, person: PersonId, at: Instant): ReadonlyArray<AllowedCommand<C>> => {
    const allowed: Array<AllowedCommand<C>> = []
    for (const type of Object.keys(table) as Array<C['type']>) {
      // The mapped type pairs each key with the row of that member; reading by a union key loses
      // the pairing, which the table's type guarantees.
      const row = table[type] as Permission<S, X, TargetOf<C, C['type']>>
      for (const target of row.targets(state, context, at))
        if (row.may(person, target, state, context, at)) allowed.push({ type, target })
    }
    return allowed
  }

/**
 * Whether `person` may issue a command of `type` on `target` now: {@link allowedBy} for one
 * command. The target is compared field by field with the targets the table lists.
 *
 * @category Permissions
 */
export const mayIssueBy =
  <C extends Tagged, S, X>(table: Permissions<C, S, X>) =>
  <K extends C['type']>(
    state: S,
    context: X,
    person: PersonId,
    at: Instant,
    type: K,
    target: TargetOf<C, K>,
  ): boolean => {
    const row = table[type] as Permission<S, X, TargetOf<C, K>>
    return row
      .targets(state, context, at)
      .some((t) => sameTarget(t, target) && row.may(person, t, state, context, at))
  }

/** Whether two targets name the same fields with the same values. */
const sameTarget = (a: object, b: object): boolean => {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every(
    (k) =>
      JSON.stringify((a as Record<string, unknown>)[k]) ===
      JSON.stringify((b as Record<string, unknown>)[k]),
  )
}

/**
 * The rows of a permission table, as its docs list them: each command type and who may.
 *
 * @category Permissions
 */
export const permissionsOf = (
  table: Readonly<Record<string, { readonly who: string }>>,
): ReadonlyArray<{ readonly command: string; readonly who: string }> =>
  Object.entries(table).map(([command, row]) => ({ command, who: row.who }))

/**
 * A permission table as a Markdown table (command, who may issue it), for the docs.
 *
 * @category Permissions
 */
export const permissionsTable = (
  table: Readonly<Record<string, { readonly who: string }>>,
): string =>
  [
    '| Command | Who may issue it |',
    '| --- | --- |',
    ...permissionsOf(table).map((r) => `| \`${r.command}\` | ${r.who.replace(/\|/g, '\\|')} |`),
  ].join('\n')
