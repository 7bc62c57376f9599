/**
 * The state of one deliberation hall 议事厅 (one stream, `hall/<hall>`): its charter and roster,
 * and the demands, matters, meetings, motions and tasks it carries. A hall is a small stream of
 * its own, not a city-wide map; its entity maps are {@link Collection}s. Beside the state, what
 * every field file decides and folds with: the context of a command on an open hall, the handler
 * and reducer of one type, and a matter's move.
 *
 * @module
 */
import type { Draft } from 'immer'
import {
  draftOf,
  type Collection,
  type DemandId,
  type Handler,
  type Instant,
  type MatterId,
  type MeetingId,
  type MotionId,
  type PersonId,
  type Reducer,
  type TaskId,
} from '../core/index.js'
import type { RegistryState } from '../community/index.js'
import type {
  ChairHandover,
  DeliberationCommand,
  DeliberationEvent,
  Demand,
  Hall,
  Matter,
  MatterStatus,
  Meeting,
  Motion,
  Representative,
  Supervisor,
  Task,
} from './codecs/index.js'
import type { Schedule } from './schedule.js'

/** One hall's state: plain, JSON-serialisable data. @category State */
export interface HallState {
  /** The hall, once opened. */
  readonly hall: Hall | null
  /** Every handover of the chair 主持人移交, earliest first (the chair now is `hall.chair`). */
  readonly handovers: ReadonlyArray<ChairHandover>
  readonly representatives: Collection<PersonId, Representative>
  readonly supervisors: Collection<PersonId, Supervisor>
  readonly schedules: ReadonlyArray<Schedule>
  readonly demands: Collection<DemandId, Demand>
  readonly matters: Collection<MatterId, Matter>
  readonly meetings: Collection<MeetingId, Meeting>
  readonly motions: Collection<MotionId, Motion>
  readonly tasks: Collection<TaskId, Task>
  /** When the hall's last event happened: a hall's record runs forward. */
  readonly lastAt: Instant | null
}

/** A hall before it is opened. @category State */
export const emptyHall: HallState = {
  hall: null,
  handovers: [],
  representatives: {},
  supervisors: {},
  schedules: [],
  demands: {},
  matters: {},
  meetings: {},
  motions: {},
  tasks: {},
  lastAt: null,
}

/**
 * What a command on an open hall is decided with besides the hall's state: the hall, its chair's
 * handovers (when the chair now was named, see `chairSince`) and the street's registry.
 */
export interface HallContext {
  readonly hall: Hall
  readonly handovers: HallState['handovers']
  readonly registry: RegistryState
}

/** One who acts in a hall, and with which command: what the checks of who acts read. */
export type HallAct = Pick<DeliberationCommand, 'actor' | 'type'>

/** The handler of one command type on an open hall. */
export type HallHandler<K extends DeliberationCommand['type']> = Handler<
  DeliberationCommand,
  K,
  HallState,
  HallContext,
  DeliberationEvent
>

/** The reducer of one event type of a hall. */
export type HallReducer<K extends DeliberationEvent['type']> = Reducer<
  HallState,
  DeliberationEvent,
  K
>

/** The events a hall's handler decides. */
export type HallEvents = ReadonlyArray<DeliberationEvent>

/** Moves a matter to the state an event records, and keeps the step for its timeline. */
export const moveMatter = (
  draft: Draft<HallState>,
  move: { readonly matter: MatterId; readonly status: MatterStatus },
  e: DeliberationEvent,
): Draft<Matter> | undefined => {
  const matter = draftOf(draft.matters, move.matter)
  if (matter === undefined) return undefined
  matter.status = move.status
  matter.steps.push({ to: move.status, on: e.type, at: e.at, actor: e.actor })
  return matter
}
