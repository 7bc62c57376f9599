/**
 * Branded ids (标识): every entity kind has its own id type, so a grid id cannot be passed where a
 * community id is wanted. Ids come from the caller (the library makes none: no randomness); they
 * are 1 to 128 characters of ASCII letters and digits, CJK unified ideographs (U+4E00–U+9FFF) and
 * `. _ : -`, starting with a letter, digit or ideograph.
 *
 * @module
 */
import * as t from 'io-ts'

/** The brand carried by the id of entity kind `K`. @category Ids */
export type IdBrand<K extends string> = { readonly [P in K]: symbol }

/**
 * The id of an entity of kind `K`: a string that only the kind's codec can produce.
 *
 * @category Ids
 */
export type Id<K extends string> = t.Branded<string, IdBrand<K>>

const ID_PATTERN = /^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff._:-]{0,127}$/
const STREAM_PATTERN = /^[a-z][a-z-]*\/[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff._:-]{0,127}$/

/**
 * The codec of an id kind, with `make` for ids written in code (throws on a malformed id).
 *
 * @category Ids
 */
export interface IdCodec<K extends string> extends t.BrandC<t.StringC, IdBrand<K>> {
  /**
   * Makes an id from a literal written in code. Throws on a malformed id: that is a programmer
   * error, not bad input (decode input with the codec instead).
   */
  readonly make: (raw: string) => Id<K>
}

/**
 * Declares the id codec of an entity kind.
 *
 * @example
 * ```ts
 * import { idCodec } from 'governance-kit/codec'
 * const HallId = idCodec('HallId')
 * const hall = HallId.make('hall-365')
 * ```
 *
 * @category Ids
 */
export const idCodec = <K extends string>(kind: K): IdCodec<K> => {
  const codec = t.brand(t.string, (s): s is Id<K> => ID_PATTERN.test(s), kind)
  const make = (raw: string): Id<K> => {
    if (!codec.is(raw)) throw new TypeError(`${JSON.stringify(raw)} is not a valid ${kind}`)
    return raw
  }
  return Object.assign(codec, { make })
}

/** Id of a street or town 街道/镇. @category Ids */
export const StreetId = idCodec('StreetId')
/** Id of a street or town 街道/镇. @category Ids */
export type StreetId = t.TypeOf<typeof StreetId>
/** Id of a community 社区 or village 村. @category Ids */
export const CommunityId = idCodec('CommunityId')
/** Id of a community 社区 or village 村. @category Ids */
export type CommunityId = t.TypeOf<typeof CommunityId>
/** Id of a grid 网格. @category Ids */
export const GridId = idCodec('GridId')
/** Id of a grid 网格. @category Ids */
export type GridId = t.TypeOf<typeof GridId>
/** Id of a compound 楼院 (residential courtyard or estate). @category Ids */
export const CompoundId = idCodec('CompoundId')
/** Id of a compound 楼院 (residential courtyard or estate). @category Ids */
export type CompoundId = t.TypeOf<typeof CompoundId>
/** Id of a building entrance 楼门 (the smallest deliberation level). @category Ids */
export const EntranceId = idCodec('EntranceId')
/** Id of a building entrance 楼门 (the smallest deliberation level). @category Ids */
export type EntranceId = t.TypeOf<typeof EntranceId>
/** Id of a person: resident 居民, cadre, member, mediator. @category Ids */
export const PersonId = idCodec('PersonId')
/** Id of a person: resident 居民, cadre, member, mediator. @category Ids */
export type PersonId = t.TypeOf<typeof PersonId>
/**
 * Id of an organisation: a party organisation 党组织, committee, company or social organisation.
 *
 * @category Ids
 */
export const OrganisationId = idCodec('OrganisationId')
/**
 * Id of an organisation: a party organisation 党组织, committee, company or social organisation.
 *
 * @category Ids
 */
export type OrganisationId = t.TypeOf<typeof OrganisationId>
/** Id of a role assignment (one person holding one post in one scope, 任职). @category Ids */
export const AssignmentId = idCodec('AssignmentId')
/** Id of a role assignment (one person holding one post in one scope, 任职). @category Ids */
export type AssignmentId = t.TypeOf<typeof AssignmentId>
/** Id of a deliberation hall 议事厅. @category Ids */
export const HallId = idCodec('HallId')
/** Id of a deliberation hall 议事厅. @category Ids */
export type HallId = t.TypeOf<typeof HallId>
/** Id of a community matter carried through the deliberation stages 议题. @category Ids */
export const MatterId = idCodec('MatterId')
/** Id of a community matter carried through the deliberation stages 议题. @category Ids */
export type MatterId = t.TypeOf<typeof MatterId>
/**
 * Id of a resident's demand 需求 (an item of demand feedback, stage 1 of deliberation).
 *
 * @category Ids
 */
export const DemandId = idCodec('DemandId')
/**
 * Id of a resident's demand 需求 (an item of demand feedback, stage 1 of deliberation).
 *
 * @category Ids
 */
export type DemandId = t.TypeOf<typeof DemandId>
/** Id of a meeting of a deliberation hall 议事会议. @category Ids */
export const MeetingId = idCodec('MeetingId')
/** Id of a meeting of a deliberation hall 议事会议. @category Ids */
export type MeetingId = t.TypeOf<typeof MeetingId>
/** Id of a motion 动议 moved in a meeting. @category Ids */
export const MotionId = idCodec('MotionId')
/** Id of a motion 动议 moved in a meeting. @category Ids */
export type MotionId = t.TypeOf<typeof MotionId>
/** Id of a task 任务 a resolution is broken into (interest coordination). @category Ids */
export const TaskId = idCodec('TaskId')
/** Id of a task 任务 a resolution is broken into (interest coordination). @category Ids */
export type TaskId = t.TypeOf<typeof TaskId>
/** Id of a dispute case 纠纷案件. @category Ids */
export const CaseId = idCodec('CaseId')
/** Id of a dispute case 纠纷案件. @category Ids */
export type CaseId = t.TypeOf<typeof CaseId>
/**
 * Id of a member's duty 党员责任 (a responsibility area, a pioneer post, households led).
 *
 * @category Ids
 */
export const DutyId = idCodec('DutyId')
/**
 * Id of a member's duty 党员责任 (a responsibility area, a pioneer post, households led).
 *
 * @category Ids
 */
export type DutyId = t.TypeOf<typeof DutyId>
/** Id of a co-governance council 共治议事会 (management integration). @category Ids */
export const CouncilId = idCodec('CouncilId')
/** Id of a co-governance council 共治议事会 (management integration). @category Ids */
export type CouncilId = t.TypeOf<typeof CouncilId>
/** Id of a one-stop service station 一站式服务站 (service integration). @category Ids */
export const StationId = idCodec('StationId')
/** Id of a one-stop service station 一站式服务站 (service integration). @category Ids */
export type StationId = t.TypeOf<typeof StationId>
/** Id of a service in a station's catalogue 服务事项. @category Ids */
export const ServiceId = idCodec('ServiceId')
/** Id of a service in a station's catalogue 服务事项. @category Ids */
export type ServiceId = t.TypeOf<typeof ServiceId>
/** Id of a resident's request for a service at a station 办事申请. @category Ids */
export const RequestId = idCodec('RequestId')
/** Id of a resident's request for a service at a station 办事申请. @category Ids */
export type RequestId = t.TypeOf<typeof RequestId>
/**
 * Id of a cross-region arrangement between places 跨地区协作 (e.g. hometown insurance reimbursed
 * locally).
 *
 * @category Ids
 */
export const ArrangementId = idCodec('ArrangementId')
/**
 * Id of a cross-region arrangement between places 跨地区协作 (e.g. hometown insurance reimbursed
 * locally).
 *
 * @category Ids
 */
export type ArrangementId = t.TypeOf<typeof ArrangementId>
/** Id of an integration school 融合学堂 (resource integration). @category Ids */
export const SchoolId = idCodec('SchoolId')
/** Id of an integration school 融合学堂 (resource integration). @category Ids */
export type SchoolId = t.TypeOf<typeof SchoolId>
/** Id of a course 课程 of an integration school. @category Ids */
export const CourseId = idCodec('CourseId')
/** Id of a course 课程 of an integration school. @category Ids */
export type CourseId = t.TypeOf<typeof CourseId>
/** Id of one class 课堂 (a session) of a course. @category Ids */
export const ClassId = idCodec('ClassId')
/** Id of one class 课堂 (a session) of a course. @category Ids */
export type ClassId = t.TypeOf<typeof ClassId>
/** Id of a volunteer team or patrol 志愿服务队/巡逻队 (value integration). @category Ids */
export const TeamId = idCodec('TeamId')
/** Id of a volunteer team or patrol 志愿服务队/巡逻队 (value integration). @category Ids */
export type TeamId = t.TypeOf<typeof TeamId>
/** Id of a record of volunteer service 志愿服务记录 with its hours. @category Ids */
export const ServiceRecordId = idCodec('ServiceRecordId')
/** Id of a record of volunteer service 志愿服务记录 with its hours. @category Ids */
export type ServiceRecordId = t.TypeOf<typeof ServiceRecordId>
/** Id of a volunteer points bank 公益银行. @category Ids */
export const BankId = idCodec('BankId')
/** Id of a volunteer points bank 公益银行. @category Ids */
export type BankId = t.TypeOf<typeof BankId>
/** Id of an account of a points bank 积分账户. @category Ids */
export const AccountId = idCodec('AccountId')
/** Id of an account of a points bank 积分账户. @category Ids */
export type AccountId = t.TypeOf<typeof AccountId>
/** Id of a movement of points between two accounts of a points bank 积分流水. @category Ids */
export const MovementId = idCodec('MovementId')
/** Id of a movement of points between two accounts of a points bank 积分流水. @category Ids */
export type MovementId = t.TypeOf<typeof MovementId>
/**
 * Id of a command, chosen by the caller; a command is applied once per id (idempotency).
 *
 * @category Ids
 */
export const CommandId = idCodec('CommandId')
/**
 * Id of a command, chosen by the caller; a command is applied once per id (idempotency).
 *
 * @category Ids
 */
export type CommandId = t.TypeOf<typeof CommandId>
/**
 * Id of an event stream in a store: `kind/id`, e.g. `registry/s-street`, `case/c-17`. Typed by
 * its kind where it is known (`StreamId<'hall'>`, from `hallStream`), so that an engine loading
 * it knows whose state it holds; `StreamId` alone is a stream of some kind.
 *
 * @category Ids
 */
export type StreamId<K extends string = string> = t.Branded<string, IdBrand<'StreamId'>> & {
  /** Phantom, for types only: the stream's kind. Never present at runtime. */
  readonly '~kind'?: K
}

/** Codec of {@link StreamId}. @category Ids */
export const StreamId = t.brand(t.string, (s): s is StreamId => STREAM_PATTERN.test(s), 'StreamId')

/**
 * The id of the stream of kind `kind` (lower-case words and hyphens) for the entity `id`, typed
 * by its kind.
 *
 * @example
 * ```ts
 * import { streamId } from 'governance-kit'
 * import { StreetId } from 'governance-kit/codec'
 * streamId('registry', StreetId.make('s-street')) // 'registry/s-street'
 * ```
 *
 * @category Ids
 */
export const streamId = <K extends string>(kind: K, id: string): StreamId<K> => {
  const s = `${kind}/${id}`
  if (!StreamId.is(s)) throw new TypeError(`${JSON.stringify(s)} is not a valid stream id`)
  return s
}

/**
 * The kind of a stream: what its id holds before the first `/` (`hall` for `hall/h-1`).
 *
 * @category Ids
 */
export const kindOfStream = (stream: StreamId): string => stream.slice(0, stream.indexOf('/'))
