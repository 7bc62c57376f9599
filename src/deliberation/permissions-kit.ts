/**
 * The parts deliberation's permission table (`permissions.ts`) is made of: what a command acts on
 * now — the open hall, found as `decide` finds it, and the matters, meetings, motions and tasks
 * whose lifecycle moves on the command — and who may, asking the predicates and checks the
 * handlers decide with.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  lookup,
  valuesOf,
  type Instant,
  type MotionId,
  type PersonId,
  type TriggerOf,
} from '../core/index.js'
import { actsFor, type RegistryContext, type RegistryState } from '../community/index.js'
import {
  Channel,
  type DeliberationCommand,
  type HallPlace,
  type Matter,
  type Meeting,
  type Motion,
  type Task,
} from './codecs/index.js'
import { mayBring } from './demand.js'
import { matterMachine, meetingMachine, motionMachine, taskMachine } from './machine.js'
import { eligibleIn, meetingOpen, motionAndMeeting } from './meeting.js'
import { openHallOf, runsForward, streetRegistry } from './mechanism.js'
import { actsAsChair, livesAtHall } from './residency.js'
import type { HallContext, HallState } from './state.js'

// ---------------------------------------------------------------------------------------------
// What a command acts on now

/**
 * The open hall a command dated `at` acts on, found as `decide` finds it before any handler: the
 * registry is the hall's street's, the record runs forward, the hall is open. Null otherwise.
 */
export const hallAt = (s: HallState, registry: RegistryState, at: Instant): HallContext | null => {
  const hall = s.hall
  if (hall === null) return null
  const on = { street: hall.street, hall: hall.id, at }
  return pipe(
    streetRegistry(registry, on),
    E.tap(() => runsForward(on, s)),
    E.flatMap((r) => openHallOf(on, s, r)),
    E.getOrElseW(() => null),
  )
}

/** The targets `list` gives on the open hall a command dated `at` acts on; none otherwise. */
export const onHall =
  <T>(list: (s: HallState, x: HallContext, at: Instant) => ReadonlyArray<T>) =>
  (s: HallState, { registry }: RegistryContext, at: Instant): ReadonlyArray<T> => {
    const x = hallAt(s, registry, at)
    return x === null ? [] : list(s, x, at)
  }

/** The hall itself, while it is open. */
export const theHall = onHall(() => [{}])

/** The matters whose table moves on `on` now (with `also`, a precondition or guard of the edge). */
export const mattersOn = (
  on: TriggerOf<typeof matterMachine>,
  also: (matter: Matter, s: HallState) => boolean = () => true,
) =>
  onHall((s) =>
    valuesOf(s.matters)
      .filter((m) => matterMachine.can(m.status, on) && also(m, s))
      .map((m) => ({ matter: m.id })),
  )

/** The meetings whose table moves on `on` now (with `also`, a precondition of the command). */
export const meetingsOn = (
  on: TriggerOf<typeof meetingMachine>,
  also: (meeting: Meeting, s: HallState) => boolean = () => true,
) =>
  onHall((s) =>
    valuesOf(s.meetings)
      .filter((m) => meetingMachine.can(m.status, on) && also(m, s))
      .map((m) => ({ meeting: m.id })),
  )

/** A motion and its meeting, when both are there. */
export const withMeeting = (s: HallState, id: MotionId | undefined) => {
  const both = id === undefined ? undefined : motionAndMeeting(s, id)
  return both !== undefined && E.isRight(both) ? both.right : null
}

/** The motions whose table moves on `on` now, in a meeting that is open (`meeting-not-open`). */
export const motionsOn = (
  on: TriggerOf<typeof motionMachine>,
  also: (motion: Motion, meeting: Meeting, s: HallState) => boolean = () => true,
) =>
  onHall((s) =>
    valuesOf(s.motions).flatMap((motion) => {
      const both = withMeeting(s, motion.id)
      return both !== null &&
        motionMachine.can(motion.status, on) &&
        E.isRight(meetingOpen(both.meeting)) &&
        also(motion, both.meeting, s)
        ? [{ motion: motion.id }]
        : []
    }),
  )

/** The tasks whose table moves on `on` now (with `also`, a precondition of the command). */
export const tasksOn = (
  on: TriggerOf<typeof taskMachine>,
  also: (task: Task, s: HallState) => boolean = () => true,
) =>
  onHall((s) =>
    valuesOf(s.tasks)
      .filter((t) => taskMachine.can(t.status, on) && also(t, s))
      .map((t) => ({ task: t.id })),
  )

/** The places where a hall sits (communities, compounds, entrances) in the registry. */
export const hallPlaces = (registry: RegistryState): ReadonlyArray<HallPlace> => [
  ...valuesOf(registry.communities).map((c): HallPlace => ({ level: 'community', id: c.id })),
  ...valuesOf(registry.compounds).map((c): HallPlace => ({ level: 'compound', id: c.id })),
  ...valuesOf(registry.entrances).map((e): HallPlace => ({ level: 'entrance', id: e.id })),
]

// ---------------------------------------------------------------------------------------------
// Who may

/** The hall's state with the registry, as the checks of who acts read it (null before opening). */
export const contextOf = (s: HallState, registry: RegistryState): HallContext | null =>
  s.hall === null ? null : { hall: s.hall, handovers: s.handovers, registry }

/** The requirement of the chair's commands: the chair who acts now ({@link actsAsChair}). */
export const byChair = (
  person: PersonId,
  _target: object,
  s: HallState,
  { registry }: RegistryContext,
) => actsAsChair(registry, s, person)

/** A representative of a motion's meeting, eligible in it now ({@link eligibleIn}), and `also`. */
export const inMeeting =
  (
    type: DeliberationCommand['type'],
    also: (person: PersonId, motion: Motion, meeting: Meeting, x: HallContext) => boolean,
  ) =>
  (
    person: PersonId,
    target: { readonly motion?: MotionId },
    s: HallState,
    { registry }: RegistryContext,
  ): boolean => {
    const x = contextOf(s, registry)
    const both = withMeeting(s, target.motion)
    return (
      x !== null &&
      both !== null &&
      E.isRight(eligibleIn({ actor: person, type }, both.meeting, s, x)) &&
      also(person, both.motion, both.meeting, x)
    )
  }

/** The requirement of a task's owner: the owner, or a leader of the owning organisation. */
export const byOwner = (
  person: PersonId,
  target: { readonly task?: Task['id'] },
  s: HallState,
  { registry }: RegistryContext,
): boolean => {
  const task = target.task === undefined ? undefined : lookup(s.tasks, target.task)
  return task !== undefined && actsFor(registry, person, task.owner)
}

/**
 * Whether `person` may bring some resident's demand now: for someone who lives at the hall's
 * place, by some channel, as {@link mayBring} has it.
 */
export const bringsSome = (person: PersonId, s: HallState, x: HallContext): boolean =>
  valuesOf(x.registry.persons).some(
    (resident) =>
      livesAtHall(x.registry, x.hall, resident.id) &&
      Channel.values.some((channel) => mayBring(person, channel, resident, s, x)),
  )
