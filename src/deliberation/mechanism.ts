/**
 * The deliberation mechanism (协商议事): one hall per stream (`hall/<hall>`), carrying community
 * matters through seed 002's four stages — demand feedback, deliberation under rules of order,
 * interest coordination, supervision and evaluation — with the street registry as context (who
 * lives where, who is migrant or registered, who holds which post). Its `decide` is the table of
 * the field files' handlers (`hall`, `schedule`, `demand`, `meeting`, `motion`, `task`,
 * `evaluation`), its
 * reducer the table of their reducers; the rules they refuse with are the catalogue
 * {@link deliberationRules}, beside the tables' `IllegalTransition`s, `Forbidden` and `NotFound`.
 *
 * Every command is checked in this order: the street's registry is there (`NotFound`), the hall's
 * record runs forward (`earlier-than-last-event`), and — for every command but `openHall` — the
 * hall is open in the command's street (`NotFound`); then its handler decides.
 *
 * Authority: the hall is opened, and its chair handed over (`handOverChair`), by a registrar over
 * its place; the chair, while their residency in the street is unbroken since they became chair,
 * alone manages the roster, the charter, schedules, the agenda, meetings, the floor, votes, tasks,
 * coordination and evaluation rounds; only representatives present at a meeting's opening move,
 * second, ask for the floor and vote (a resident representative only while living at the hall's
 * place), and the mover alone withdraws a motion; a demand comes from the resident, their
 * building head, or the hall's duty rota (the chair and representatives who act) for the hotline
 * and visits; demands are aggregated by the chair, building heads and party-group leaders of the
 * hall's place; only a task's owner (or a leader of the owning organisation) reports on it; only
 * supervisors file supervision reports; only residents of the hall's place evaluate. Who acts now
 * is read with the predicates of `residency.ts` (`chairActs`, `representativeActs`, `livesAtHall`),
 * never checked anew in each command.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Draft } from 'immer'
import {
  applyBy,
  decideBy,
  defineMechanism,
  handlersFor,
  isBefore,
  notFound,
  reducersFor,
  refuseBy,
  streamId,
  type DomainError,
  type Handler,
  type HallId,
  type Mechanism,
  type NotFound,
} from '../core/index.js'
import {
  loadRegistryContext,
  type RegistryContext,
  type RegistryState,
} from '../community/index.js'
import { DeliberationCommand, DeliberationEvent } from './codecs/index.js'
import { demandHandlers, demandReducers } from './demand.js'
import { evaluationHandlers, evaluationReducers } from './evaluation.js'
import { hallHandlers, hallReducers, openHall } from './hall.js'
import { meetingHandlers, meetingReducers } from './meeting.js'
import { motionHandlers, motionReducers } from './motion.js'
import { voteHandlers, voteReducers } from './vote.js'
import { scheduleHandlers, scheduleReducers } from './schedule.js'
import { deliberationRules } from './rules.js'
import { emptyHall, type HallContext, type HallHandler, type HallState } from './state.js'
import { taskHandlers, taskReducers } from './task.js'

/** The stream of a hall: `hall/<hall>`. @category Streams */
export const hallStream = (hall: HallId) => streamId('hall', hall)

/** What the checks before a hall's handlers read of a command: its street, hall and date. */
type Addressed = Pick<DeliberationCommand, 'street' | 'hall' | 'at'>

/** The registry of the command's street, or NotFound when the context is another street's. */
export const streetRegistry = (
  registry: RegistryState,
  c: Addressed,
): E.Either<NotFound, RegistryState> =>
  registry.street === null || registry.street.id !== c.street
    ? E.left(notFound('street registry', c.street))
    : E.right(registry)

/**
 * The rule `earlier-than-last-event`: a hall's record runs forward, so a vote is not dated before
 * its meeting opened, nor a demand before the topic it joined.
 */
export const runsForward = (c: Pick<DeliberationCommand, 'at'>, s: HallState) =>
  refuseBy(
    deliberationRules.earlierThanLastEvent,
    s.lastAt !== null && isBefore(c.at, s.lastAt),
    () => `${c.at} is before the hall's last event (${s.lastAt ?? ''})`,
  )

/** The open hall a command names: a hall answers to its own street's registry only. */
export const openHallOf = (
  c: Addressed,
  s: HallState,
  registry: RegistryState,
): E.Either<NotFound, HallContext> =>
  s.hall === null || s.hall.street !== c.street
    ? E.left(notFound('hall', `${c.hall} of ${c.street}`))
    : E.right({ hall: s.hall, handovers: s.handovers, registry })

/** The command types decided on an open hall: all but `openHall`. */
type OnOpenHall = Exclude<DeliberationCommand['type'], 'openHall'>

/** A handler of the table: the command, the hall's state and the street's registry. */
type TableHandler<K extends DeliberationCommand['type']> = Handler<
  DeliberationCommand,
  K,
  HallState,
  RegistryState,
  DeliberationEvent
>

/** Handlers on an open hall made handlers of the table: each finds the open hall first. */
const onOpenHall = <K extends OnOpenHall>(table: { readonly [P in K]: HallHandler<P> }) => {
  const wrapped: Record<string, TableHandler<K>> = {}
  for (const [type, handler] of Object.entries(table) as unknown as ReadonlyArray<
    [K, HallHandler<K>]
  >)
    wrapped[type] = (c, s, registry) =>
      pipe(
        openHallOf(c, s, registry),
        E.flatMap((x) => handler(c, s, x)),
      )
  return wrapped as unknown as { readonly [P in K]: TableHandler<P> }
}

/** One handler per command type: a missing or extra one is a compile error. */
const handlers = handlersFor<DeliberationCommand, HallState, RegistryState, DeliberationEvent>()({
  openHall,
  ...onOpenHall({
    ...hallHandlers,
    ...scheduleHandlers,
    ...demandHandlers,
    ...meetingHandlers,
    ...motionHandlers,
    ...voteHandlers,
    ...taskHandlers,
    ...evaluationHandlers,
  }),
})

/** One reducer per event type: a missing or extra one is a compile error. */
const reducers = reducersFor<HallState, DeliberationEvent>()({
  ...hallReducers,
  ...scheduleReducers,
  ...demandReducers,
  ...meetingReducers,
  ...motionReducers,
  ...voteReducers,
  ...taskReducers,
  ...evaluationReducers,
})

const decideInHall = decideBy(handlers)
const applyInHall = applyBy(reducers)

/**
 * Decides a deliberation command against its hall's state, with the registry as context.
 *
 * @category Mechanism
 */
export const decideDeliberation = (
  c: DeliberationCommand,
  s: HallState,
  context: RegistryContext,
): E.Either<DomainError, ReadonlyArray<DeliberationEvent>> =>
  pipe(
    streetRegistry(context.registry, c),
    E.tap(() => runsForward(c, s)),
    E.flatMap((registry) => decideInHall(c, s, registry)),
  )

/**
 * The reducer of a hall as an immer recipe; it trusts its events and never refuses one.
 *
 * @category Mechanism
 */
export const applyDeliberationEvent = (draft: Draft<HallState>, e: DeliberationEvent): void => {
  draft.lastAt = e.at
  applyInHall(draft, e)
}

/**
 * The four-stage deliberation mechanism (协商议事): one stream per hall, the registry as context.
 *
 * @example
 * ```ts
 * import { createEngine, combine, community, deliberation } from 'governance-kit'
 * // One engine and one store for the registry and the halls, so that a hall reads its street's registry.
 * const engine = createEngine({ decider: combine('street', { community, deliberation }), clock: Date.now })
 * ```
 *
 * @category Mechanism
 */
export const deliberation: Mechanism<
  DeliberationCommand,
  DeliberationEvent,
  HallState,
  RegistryContext,
  { readonly hall: HallState }
> = defineMechanism({
  name: 'deliberation',
  commands: DeliberationCommand,
  events: DeliberationEvent,
  initialState: emptyHall,
  streamKind: 'hall',
  streamOf: (c: DeliberationCommand) => hallStream(c.hall),
  decide: decideDeliberation,
  apply: applyDeliberationEvent,
  loadContext: loadRegistryContext,
})
