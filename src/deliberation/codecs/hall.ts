/**
 * The hall 议事厅 as data: where it sits (社区、楼院、楼门三级议事), its participant kinds, its
 * charter 议事规则, its chair and the chair's handovers 主持人移交, its representatives 议事代表 and
 * supervisors 监督员; the commands that open and staff it, and their events.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  CommunityId,
  CompoundId,
  EntranceId,
  HallId,
  Instant,
  OrganisationId,
  PersonId,
  StreetId,
  command,
  discriminatedUnion,
  event,
  integer,
  list,
  oneOf,
  orNull,
  struct,
} from '../../core/index.js'
import { Description, Name } from '../../community/index.js'
import { Schedule } from '../schedule.js'
import { inHall } from './common.js'

/**
 * Where a hall sits: one of the three levels of seed 002 — community 社区, compound 楼院 or
 * building entrance 楼门 (社区、楼院、楼门三级议事).
 *
 * @category State
 */
export const HallPlace = discriminatedUnion('HallPlace', 'level', [
  struct('community hall', { level: t.literal('community'), id: CommunityId }),
  struct('compound hall', { level: t.literal('compound'), id: CompoundId }),
  struct('entrance hall', { level: t.literal('entrance'), id: EntranceId }),
])
/** Where a hall sits. @category State */
export type HallPlace = t.TypeOf<typeof HallPlace>

/**
 * The six kinds of participant of the 365 hall (seed 002): the party committee 党委, the
 * residents' committee 居委会, residents 居民, social organisations 社会组织, the property company
 * 物业 and other social forces 其他社会力量 (co-building units, police, media, experts).
 *
 * @category State
 */
export const ParticipantKind = oneOf(
  [
    'party-committee',
    'residents-committee',
    'resident',
    'social-organisation',
    'property-company',
    'other-social-force',
  ],
  'ParticipantKind',
)
/** A kind of participant. @category State */
export type ParticipantKind = t.TypeOf<typeof ParticipantKind>

/** The brand of {@link Fraction}: a share no greater than the whole. @category State */
export interface FractionBrand {
  readonly Fraction: unique symbol
}

/**
 * A share `numerator / denominator` between 0 and 1, e.g. a quorum of 1/2 or 2/3 (a quorum above
 * all the representatives could never be met).
 *
 * @category State
 */
export const Fraction = t.brand(
  struct('fraction', { numerator: integer(0, 100), denominator: integer(1, 100) }),
  (
    f,
  ): f is t.Branded<{ readonly numerator: number; readonly denominator: number }, FractionBrand> =>
    f.numerator <= f.denominator,
  'Fraction',
)
/** A share between 0 and 1. @category State */
export type Fraction = t.TypeOf<typeof Fraction>

/**
 * The vote a motion needs: a simple majority of the votes cast (more yes than no), or two
 * thirds of them; abstentions are not votes cast, and a tie fails.
 *
 * @category State
 */
export const Threshold = oneOf(['simple-majority', 'two-thirds'], 'Threshold')
/** The vote a motion needs. @category State */
export type Threshold = t.TypeOf<typeof Threshold>

/**
 * A hall's charter 议事规则 (seed 000's council rules, seed 004's hall rules): the quorum (the
 * share of representatives present to open a meeting), the vote threshold, speaking limits
 * against one-voice rule 一言堂 (minutes per turn, turns per speaker on one motion), an optional
 * balance rule (migrant and local representatives within `tolerance` seats of each other, as S
 * Street's council), the pass mark of residents' evaluations (1 to 5), and optionally the hall's
 * seats and the mark of a co-governance council's charter (which keeps its balance rule and seats).
 *
 * @category State
 */
export const Charter = struct(
  'Charter',
  {
    quorum: Fraction,
    threshold: Threshold,
    minutesPerTurn: integer(1, 60),
    turnsPerMotion: integer(1, 10),
    balance: orNull(struct('balance rule', { tolerance: integer(0, 50) })),
    passMark: integer(1, 5),
  },
  {
    /** The seats 席位 of the hall: at most this many representatives (no cap when absent). */
    seats: integer(1, 500),
    /**
     * A co-governance council's charter 共治议事会章程: it has seats and a balance rule whose
     * tolerance is at most a quarter of them, and no amendment takes them (or this mark) away.
     */
    council: t.literal(true),
  },
)
/** A hall's charter. @category State */
export type Charter = t.TypeOf<typeof Charter>

/**
 * A deliberation hall 议事厅 at one of the three levels, with its charter and chair.
 *
 * @category State
 */
export const Hall = struct('Hall', {
  id: HallId,
  street: StreetId,
  name: Name,
  place: HallPlace,
  charter: Charter,
  /** The chair 主持人/召集人 now: named at the opening, changed by each `chairHandedOver`. */
  chair: PersonId,
  openedAt: Instant,
})
/** A deliberation hall. @category State */
export type Hall = t.TypeOf<typeof Hall>

/**
 * One handover of the hall's chair 主持人移交: who handed it over (`by`, a registrar over the
 * hall's place), from whom, to whom, when, and on what basis (the decision or reason recorded,
 * e.g. "the party secretary left the street; the community party committee designated Sun Li").
 *
 * @category State
 */
export const ChairHandover = struct('ChairHandover', {
  from: PersonId,
  to: PersonId,
  by: PersonId,
  at: Instant,
  basis: Description,
})
/** One handover of the hall's chair. @category State */
export type ChairHandover = t.TypeOf<typeof ChairHandover>

/** A representative 议事代表 of the hall, of one participant kind. @category State */
export const Representative = struct('Representative', {
  person: PersonId,
  kind: ParticipantKind,
  /** The organisation they speak for, when not for themselves. */
  organisation: orNull(OrganisationId),
  since: Instant,
})
/** A representative of the hall. @category State */
export type Representative = t.TypeOf<typeof Representative>

/**
 * A supervisor 监督员 of the hall, and the body they act for (e.g. the red owners' committee).
 *
 * @category State
 */
export const Supervisor = struct('Supervisor', { person: PersonId, body: Name, since: Instant })
/** A supervisor of the hall. @category State */
export type Supervisor = t.TypeOf<typeof Supervisor>

// Commands

/**
 * Opens a hall at a community, compound or entrance, with its charter and chair.
 *
 * @category Commands
 */
export const OpenHall = command('openHall', {
  ...inHall,
  name: Name,
  place: HallPlace,
  charter: Charter,
  chair: PersonId,
})

/**
 * Hands the hall's chair 主持人 over to a person who lives in the hall's street: a registrar over
 * the hall's place does it (the registry's authority, which named the chair when the hall
 * opened), recording the basis — for instance when the chair has left the street, and with it the
 * chair's authority. It may go back to the chair themselves only when they act no more (one who
 * left and came back). Meetings already open continue under the new chair. On a council's hall,
 * the new chair should be the council branch's secretary: the hall does not check it (see
 * integration's `councilComposition`).
 *
 * @category Commands
 */
export const HandOverChair = command('handOverChair', {
  ...inHall,
  chair: PersonId,
  basis: Description,
})

/**
 * Amends the charter (meetings already open keep the charter they opened with).
 *
 * @category Commands
 */
export const AmendCharter = command('amendCharter', { ...inHall, charter: Charter })

/** Appoints a representative of one participant kind. @category Commands */
export const AppointRepresentative = command('appointRepresentative', {
  ...inHall,
  person: PersonId,
  kind: ParticipantKind,
  organisation: orNull(OrganisationId),
})

/**
 * Appoints several representatives at once, the balance rule checked after all of them: with a
 * tolerance of 0, migrants and locals are appointed in pairs.
 *
 * @category Commands
 */
export const AppointRepresentatives = command('appointRepresentatives', {
  ...inHall,
  representatives: list(
    struct('appointment', {
      person: PersonId,
      kind: ParticipantKind,
      organisation: orNull(OrganisationId),
    }),
    100,
  ),
})

/** Removes a representative. @category Commands */
export const RemoveRepresentative = command('removeRepresentative', {
  ...inHall,
  person: PersonId,
})

/**
 * Appoints a supervisor (e.g. of the red owners' committee or a supervision group).
 *
 * @category Commands
 */
export const AppointSupervisor = command('appointSupervisor', {
  ...inHall,
  person: PersonId,
  body: Name,
})

/** States a recurring schedule of the hall (replacing one of the same name). @category Commands */
export const SetSchedule = command('setSchedule', { ...inHall, schedule: Schedule })

// Events

/** A hall was opened at its place, with its charter and chair (the actor is the registrar). */
export const HallOpened = event('hallOpened', {
  hall: HallId,
  street: StreetId,
  name: Name,
  place: HallPlace,
  charter: Charter,
  chair: PersonId,
})

/** The chair passed from `from` to `to` (the actor is the registrar who handed it over). */
export const ChairHandedOver = event('chairHandedOver', {
  from: PersonId,
  to: PersonId,
  basis: Description,
})

/** The hall's charter was amended. */
export const CharterAmended = event('charterAmended', { charter: Charter })

/** A representative was appointed, of one participant kind. */
export const RepresentativeAppointed = event('representativeAppointed', {
  person: PersonId,
  kind: ParticipantKind,
  organisation: orNull(OrganisationId),
})

/** A representative was removed. */
export const RepresentativeRemoved = event('representativeRemoved', { person: PersonId })

/** A supervisor was appointed, for a body. */
export const SupervisorAppointed = event('supervisorAppointed', { person: PersonId, body: Name })

/** A recurring schedule was stated (replacing one of the same name). */
export const ScheduleSet = event('scheduleSet', { schedule: Schedule })
