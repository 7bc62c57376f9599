/**
 * Demand feedback 需求反馈 as data: a resident's demand and the channel it came by; the commands
 * that submit demands, aggregate them into a matter and put the matter on a meeting's agenda,
 * and their events.
 *
 * @module
 */
import type * as t from 'io-ts'
import {
  DemandId,
  Instant,
  MatterId,
  MeetingId,
  PersonId,
  command,
  event,
  list,
  oneOf,
  orNull,
  struct,
} from '../../core/index.js'
import { Name } from '../../community/index.js'
import { Text, inHall, matterMove } from './common.js'

/**
 * How a demand reached the hall: through a building head 楼门长, the hotline duty rota (12345
 * 热线值班), a visit by cadres 走访, or online.
 *
 * @category State
 */
export const Channel = oneOf(['building-head', 'hotline', 'visit', 'online'], 'Channel')
/** How a demand reached the hall. @category State */
export type Channel = t.TypeOf<typeof Channel>

/**
 * A resident's demand (ordering right 点单权, voice right 发声权), and the matter it joined.
 *
 * @category State
 */
export const Demand = struct('Demand', {
  id: DemandId,
  resident: PersonId,
  channel: Channel,
  text: Text,
  submittedBy: PersonId,
  submittedAt: Instant,
  /** The matter (topic) it was aggregated into; null while it waits. */
  matter: orNull(MatterId),
})
/** A resident's demand. @category State */
export type Demand = t.TypeOf<typeof Demand>

// Commands

/** A resident's demand reaches the hall through a channel. @category Commands */
export const SubmitDemand = command('submitDemand', {
  ...inHall,
  demand: DemandId,
  resident: PersonId,
  channel: Channel,
  text: Text,
})

/**
 * Building heads and party-group leaders aggregate waiting demands into a matter (topic).
 *
 * @category Commands
 */
export const AggregateDemands = command('aggregateDemands', {
  ...inHall,
  matter: MatterId,
  title: Name,
  demands: list(DemandId, 200),
})

/** Puts a matter on the agenda of a scheduled meeting. @category Commands */
export const PutOnAgenda = command('putOnAgenda', {
  ...inHall,
  matter: MatterId,
  meeting: MeetingId,
})

// Events

/** A resident's demand reached the hall (the actor is who brought it). */
export const DemandSubmitted = event('demandSubmitted', {
  demand: DemandId,
  resident: PersonId,
  channel: Channel,
  text: Text,
})

/** Waiting demands became a matter (topic), in its first state. */
export const DemandsAggregated = event('demandsAggregated', {
  ...matterMove,
  title: Name,
  demands: list(DemandId, 200),
})

/** A matter was put on a scheduled meeting's agenda. */
export const MatterPutOnAgenda = event('matterPutOnAgenda', { ...matterMove, meeting: MeetingId })
