/**
 * Records of volunteer service 志愿服务记录 (value integration, seed 000 §三.4): who served for a
 * team, doing what, for how long; the team's leader verifies or rejects each record, and the
 * points bank pays for a verified one once (see `points.ts`), along the record table.
 *
 * Rules (see {@link integrationRules}), beside the record table's `IllegalTransition`s (a record
 * is verified or rejected once, from `recorded`): `team-disbanded` (a disbanded team records no
 * service, but the records it left are still verified or rejected), `team-led-by-member`,
 * `not-in-team`, `not-a-resident`, `service-in-future`, `service-before-team`,
 * `reviews-own-service`.
 *
 * Authority: a volunteer records service in person, or the team's leader does it for them; only
 * the team's leader verifies or rejects service records (of a disbanded team too).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  alreadyExists,
  draftOf,
  forbidden,
  found,
  insert,
  isBefore,
  lookup,
  refuseBy,
  refuseWhen,
  stamp,
  type DomainError,
  type OfType,
  type PersonId,
  type ServiceRecordId,
} from '../core/index.js'
import type { IntegrationCommand, ServiceRecord, Team } from './codecs/index.js'
import { recordMachine } from './machine.js'
import type {
  IntegrationContext,
  IntegrationHandler,
  IntegrationHandlers,
  IntegrationReducers,
} from './mechanism.js'
import { integrationRules } from './rules.js'
import type { IntegrationState } from './state.js'
import { residentOfStreet, type Act } from './street.js'
import {
  asLeaderFor,
  inTeam,
  leaderStillLeads,
  teamAtWork,
  teamOf,
  volunteerOrLeader,
} from './teams.js'

/** A review of a service record by the team's leader: verify it or reject it. */
type Review = OfType<IntegrationCommand, 'verifyService' | 'rejectService'>

/**
 * That the actor is the team's leader.
 *
 * @category Checks
 */
export const leaderOnly = (c: Act, team: Team): E.Either<DomainError, void> =>
  refuseWhen(c.actor !== team.leader, () =>
    forbidden(c.actor, c.type, [`the leader of team ${team.id}`]),
  )

/**
 * The service record of `team` under `id`: a record answers to its own team, so another team's
 * record is not found here.
 *
 * @category Checks
 */
export const recordOf = (
  s: IntegrationState,
  team: Team,
  id: ServiceRecordId,
): E.Either<DomainError, ServiceRecord> => {
  const record = lookup(s.records, id)
  return found(
    record !== undefined && record.team === team.id ? record : undefined,
    'service record',
    `${id} of ${team.id}`,
  )
}

/**
 * Whether `person` served or recorded the service record: nobody both records and verifies
 * service (rule `reviews-own-service`).
 *
 * @category Checks
 */
export const isOwnRecord = (record: ServiceRecord, person: PersonId): boolean =>
  record.volunteer === person || record.recordedBy === person

/**
 * A record the team's leader may review now: a record of the team the command names (another
 * team's leader does not find it here), reviewed by the team's leader who still leads it, never their own nor one they recorded (rule
 * `reviews-own-service`: nobody both records and verifies service), along the record table.
 */
const reviewable = (
  c: Review,
  s: IntegrationState,
  x: IntegrationContext,
): E.Either<DomainError, ServiceRecord> =>
  pipe(
    teamOf(s, c),
    E.bindTo('team'),
    E.bindW('record', ({ team }) => recordOf(s, team, c.record)),
    E.tap(({ team }) => leaderOnly(c, team)),
    E.tap(({ team }) => leaderStillLeads(x, c, team)),
    E.tap(({ record }) =>
      refuseBy(integrationRules.reviewedByAnother, isOwnRecord(record, c.actor), () =>
        record.volunteer === c.actor
          ? `${c.actor} cannot review their own service record ${record.id}`
          : `${c.actor} recorded ${record.id} and cannot review it too`,
      ),
    ),
    E.tap(({ record }) => recordMachine.next(record.status, c.type)),
    E.map(({ record }) => record),
  )

// ---------------------------------------------------------------------------------------------
// Handlers

const recordService: IntegrationHandler<'recordService'> = (c, s, x) =>
  pipe(
    teamAtWork(s, c),
    E.tap(() =>
      refuseWhen(lookup(s.records, c.record) !== undefined, () =>
        alreadyExists('service record', c.record),
      ),
    ),
    E.tap((team) => volunteerOrLeader(c, team, c.volunteer)),
    E.tap((team) => asLeaderFor(x, c, team, c.volunteer)),
    E.tap((team) => inTeam(team, c.volunteer)),
    E.tap(() => residentOfStreet(x.embedding.registry, c, c.volunteer)),
    E.tap(() =>
      refuseBy(
        integrationRules.servedBeforeRecorded,
        isBefore(c.at, c.servedOn),
        () => `Service served on ${c.servedOn} cannot be recorded at ${c.at}`,
      ),
    ),
    E.tap((team) =>
      refuseBy(
        integrationRules.servedAfterForming,
        isBefore(c.servedOn, team.formedAt),
        () =>
          `Service served on ${c.servedOn} is before team ${team.id} was formed (${team.formedAt})`,
      ),
    ),
    E.map((team) => [
      {
        type: 'serviceRecorded',
        ...stamp(c),
        team: team.id,
        record: c.record,
        volunteer: c.volunteer,
        activity: c.activity,
        minutes: c.minutes,
        servedOn: c.servedOn,
      },
    ]),
  )

const verifyService: IntegrationHandler<'verifyService'> = (c, s, x) =>
  pipe(
    reviewable(c, s, x),
    E.map((record) => [{ type: 'serviceVerified', ...stamp(c), record: record.id }]),
  )

const rejectService: IntegrationHandler<'rejectService'> = (c, s, x) =>
  pipe(
    reviewable(c, s, x),
    E.map((record) => [
      { type: 'serviceRejected', ...stamp(c), record: record.id, reason: c.reason },
    ]),
  )

/**
 * The handlers of service records: recording, verifying and rejecting them.
 *
 * @category Mechanism
 */
export const serviceRecordHandlers: IntegrationHandlers<
  'recordService' | 'verifyService' | 'rejectService'
> = { recordService, verifyService, rejectService }

// ---------------------------------------------------------------------------------------------
// Reducers

/**
 * The recipes of service records (their reward is folded with the points issued for them).
 *
 * @category Mechanism
 */
export const serviceRecordReducers: IntegrationReducers<
  'serviceRecorded' | 'serviceVerified' | 'serviceRejected'
> = {
  serviceRecorded: (draft, e) => {
    insert(draft.records, e.record, {
      id: e.record,
      team: e.team,
      volunteer: e.volunteer,
      activity: e.activity,
      minutes: e.minutes,
      servedOn: e.servedOn,
      status: recordMachine.initial,
      recordedBy: e.actor,
      recordedAt: e.at,
      reviewedBy: null,
      rejection: null,
      rewardedBy: null,
    })
  },
  serviceVerified: (draft, e) => {
    const record = draftOf(draft.records, e.record)
    if (record === undefined) return
    record.status = 'verified'
    record.reviewedBy = e.actor
  },
  serviceRejected: (draft, e) => {
    const record = draftOf(draft.records, e.record)
    if (record === undefined) return
    record.status = 'rejected'
    record.reviewedBy = e.actor
    record.rejection = e.reason
  },
}
