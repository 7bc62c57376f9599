/**
 * The integration decider (整合机制, seed 000 §三): one stream per street,
 * `integration/<street>`, holding the vehicles of the four integrations — councils (management),
 * one-stop stations (service), integration schools (resource), volunteer teams and points banks
 * (value) — with the street's registry and embedding records as context, and a council's
 * deliberation hall when a command names one.
 *
 * Each vehicle decides and folds its own commands and events (`council.ts`, `station.ts`,
 * `school.ts`, `teams.ts`, `bank.ts`); this module routes them and keeps what is common:
 * - `earlier-than-last-event`: a command is dated before the stream's last event (a street's
 *   integration record runs forward, so a ledger's statements and a course's hours read in order).
 * - every command names its street, and is decided against that street's registry only.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Draft } from 'immer'
import {
  defineMechanism,
  isBefore,
  notFound,
  ruleViolation,
  streamId,
  type DomainError,
  type Mechanism,
  type ReadState,
  type StreetId,
} from '../core/index.js'
import { registryStream } from '../community/index.js'
import { embedding } from '../embedding/index.js'
import { deliberation, hallStream } from '../deliberation/index.js'
import { IntegrationCommand, IntegrationEvent } from './codecs.js'
import { emptyIntegration, type IntegrationState } from './state.js'
import type { IntegrationContext } from './shared.js'
import { applyCouncilEvent, decideCouncil } from './council.js'
import { applyStationEvent, decideStation } from './station.js'
import { applySchoolEvent, decideSchool } from './school.js'
import { applyTeamEvent, decideTeams } from './teams.js'
import { applyBankEvent, decideBank } from './bank.js'

export type { IntegrationContext } from './shared.js'

/** The stream of a street's integration: `integration/<street>`. */
export const integrationStream = (street: StreetId) => streamId('integration', street)

/**
 * Loads what an integration command is decided with: the street's registry stream folded with
 * `embedding` (registry and party members), and the hall of a council command.
 */
export const loadIntegrationContext = async (
  c: IntegrationCommand,
  read: ReadState,
): Promise<IntegrationContext> => {
  const street = (await read(registryStream(c.street), embedding)).state
  const hall =
    c.type === 'constituteCouncil' ? (await read(hallStream(c.hall), deliberation)).state : null
  return { embedding: street, hall: hall?.hall === null ? null : hall }
}

/** Decides an integration command against the street's integration, with its context. */
export const decideIntegration = (
  c: IntegrationCommand,
  s: IntegrationState,
  x: IntegrationContext,
): E.Either<DomainError, ReadonlyArray<IntegrationEvent>> => {
  const registry = x.embedding.registry
  if (registry.street === null || registry.street.id !== c.street)
    return E.left(notFound('street registry', c.street))
  if (s.lastAt !== null && isBefore(c.at, s.lastAt))
    return E.left(
      ruleViolation(
        'earlier-than-last-event',
        `${c.at} is before the street's last integration event (${s.lastAt})`,
      ),
    )
  switch (c.type) {
    case 'constituteCouncil':
    case 'amendArticles':
      return decideCouncil(c, s, x)
    case 'openStation':
    case 'bringDepartment':
    case 'postStationStaff':
    case 'endStationPost':
    case 'catalogueService':
    case 'withdrawService':
    case 'fileRequest':
    case 'serveRequest':
    case 'referRequest':
    case 'refuseRequest':
    case 'recordArrangement':
    case 'endArrangement':
      return decideStation(c, s, x)
    case 'openSchool':
    case 'engageTeacher':
    case 'offerCourse':
    case 'enrolLearner':
    case 'holdClass':
    case 'completeCourse':
    case 'withdrawLearner':
      return decideSchool(c, s, x)
    case 'formTeam':
    case 'joinTeam':
    case 'leaveTeam':
    case 'changeTeamLeader':
    case 'disbandTeam':
    case 'recordService':
    case 'verifyService':
    case 'rejectService':
      return decideTeams(c, s, x)
    case 'openBank':
    case 'openAccount':
    case 'issuePoints':
    case 'redeemPoints':
    case 'donatePoints':
      return decideBank(c, s, x)
  }
}

/** The reducer of a street's integration as an immer recipe; it never refuses an event. */
export const applyIntegrationEvent = (
  draft: Draft<IntegrationState>,
  e: IntegrationEvent,
): void => {
  draft.lastAt = e.at
  switch (e.type) {
    case 'councilConstituted':
    case 'articlesAmended':
      applyCouncilEvent(draft, e)
      return
    case 'stationOpened':
    case 'departmentBrought':
    case 'stationStaffPosted':
    case 'stationPostEnded':
    case 'serviceCatalogued':
    case 'serviceWithdrawn':
    case 'requestFiled':
    case 'requestServed':
    case 'requestReferred':
    case 'requestRefused':
    case 'arrangementRecorded':
    case 'arrangementEnded':
      applyStationEvent(draft, e)
      return
    case 'schoolOpened':
    case 'teacherEngaged':
    case 'courseOffered':
    case 'learnerEnrolled':
    case 'classHeld':
    case 'courseCompleted':
    case 'learnerWithdrawn':
      applySchoolEvent(draft, e)
      return
    case 'teamFormed':
    case 'volunteerJoined':
    case 'volunteerLeft':
    case 'teamLeaderChanged':
    case 'teamDisbanded':
    case 'serviceRecorded':
    case 'serviceVerified':
    case 'serviceRejected':
      applyTeamEvent(draft, e)
      return
    case 'bankOpened':
    case 'accountOpened':
    case 'pointsIssued':
    case 'pointsRedeemed':
    case 'pointsDonated':
      applyBankEvent(draft, e)
      return
  }
}

/**
 * Integration (整合机制): management, service, resource and value integration on one stream per
 * street, with the registry, embedding and a council's hall as context. Run it beside the
 * mechanisms whose streams it reads.
 *
 * @example
 * ```ts
 * import { createEngine, combine, embedding, deliberation, integration } from 'governance-kit'
 * const engine = createEngine({
 *   decider: combine('street', { embedding, deliberation, integration }),
 *   clock: Date.now,
 * })
 * ```
 */
export const integration: Mechanism<
  IntegrationCommand,
  IntegrationEvent,
  IntegrationState,
  IntegrationContext
> = defineMechanism({
  name: 'integration',
  commands: IntegrationCommand,
  events: IntegrationEvent,
  initialState: emptyIntegration,
  streamOf: (c: IntegrationCommand) => integrationStream(c.street),
  decide: decideIntegration,
  apply: applyIntegrationEvent,
  loadContext: loadIntegrationContext,
})
