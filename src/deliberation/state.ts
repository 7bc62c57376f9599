/**
 * The state of one deliberation hall (one stream, `hall/<hall>`): its charter and roster, and the
 * demands, matters, meetings, motions and tasks it carries. A hall is a small stream of its own,
 * not a city-wide map; its entity maps are {@link Collection}s.
 *
 * @module
 */
import type {
  Collection,
  DemandId,
  Instant,
  MatterId,
  MeetingId,
  MotionId,
  PersonId,
  TaskId,
} from '../core/index.js'
import type {
  ChairHandover,
  Demand,
  Hall,
  Matter,
  Meeting,
  Motion,
  Representative,
  Supervisor,
  Task,
} from './codecs.js'
import type { Schedule } from './schedule.js'

/** One hall's state: plain, JSON-serialisable data. */
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

/** A hall before it is opened. */
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
