/**
 * Who may do what in a street's integration now (权限表): integration's permission table, one
 * row per command, made of the authority paragraphs of the vehicles' modules (a registrar over a
 * vehicle's place, the council branch's secretary, the station's staff, the school's heads and a
 * course's teachers, a team's leader, the bank's operator, an account's holder, a resident,
 * learner or volunteer in person) and the lifecycles of `machine.ts` (a request, an enrolment, a
 * service record). Each row's requirement asks the check its handler decides with; its targets
 * are what the street's integration lets the command act on now: a vehicle's place for one to be
 * opened or formed, a council, station, school, course, team or bank, a request, enrolment or
 * service record along its table, an account to spend from, or the stream itself (`{}`).
 *
 * Every command acts on the street of the registry given, while its record runs forward
 * (`earlier-than-last-event`): a command dated before the stream's last event acts on nothing.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { allowedBy, permissionsFor, valuesOf } from '../core/index.js'
import {
  accountsToSpend,
  alone,
  actingAs,
  atPlaces,
  byId,
  courseOf,
  decidesOn,
  enrolmentOf,
  enrolmentsMovingOn,
  enrolsInPerson,
  filesInPerson,
  headsSchool,
  holds,
  inStreet,
  leadsNow,
  operates,
  recordsMovingOn,
  registrar,
  requestsMovingOn,
  recordsToPay,
  reviews,
  runningCourses,
  runningSchools,
  servicesInForce,
  stationRegistrar,
  stations,
  teamsAtWork,
} from './acting.js'
import { hasEnded } from './arrangements.js'
import type { IntegrationCommand } from './codecs/index.js'
import { branchSecretary, contextHall } from './council.js'
import { teaches } from './enrolment.js'
import type { IntegrationContext } from './mechanism.js'
import { donatedFrom, redeemedFrom } from './points.js'
import { councilOfHall } from './queries/council.js'
import { headOr, leadsAsParty } from './school.js'
import type { IntegrationState } from './state.js'
import { actsAsStaff, staffOrRegistrar } from './station.js'
import { livesInStreet, streetOf } from './street.js'
import { asLeaderFor, isVolunteerOf, unfitToLead, volunteerOrLeader } from './teams.js'

const ok = E.isRight

// ---------------------------------------------------------------------------------------------
// The table

/**
 * Integration's permission table 权限表: for each command, who may issue it (the docs' authority
 * table), what it may act on now by its vehicle's lifecycle and preconditions, and whether a
 * person may issue it on a target — asking the same checks as the handlers (`registrarOver`,
 * `branchSecretary`, the station's staff, `headOr`, the team's leader who still leads,
 * `operatorOnly`, `holderOnly`), and never letting anyone decide on their own request or review
 * their own service.
 *
 * @category Permissions
 */
export const integrationPermissions = permissionsFor<
  IntegrationCommand,
  IntegrationState,
  IntegrationContext
>()({
  // Management integration: the co-governance council
  constituteCouncil: {
    who: "a registrar over the hall's place (or above it), on a hall of the street that carries no council yet",
    targets: inStreet((s, x, street) => {
      const hall = contextHall(x, street)
      return hall !== null && councilOfHall(s, hall.id) === undefined ? [{ hall: hall.id }] : []
    }),
    may: actingAs('constituteCouncil', (act, t, _s, x) => {
      const hall = contextHall(x, act.street)
      return hall !== null && hall.id === t.hall && registrar(act, hall.place, x)
    }),
  },
  amendArticles: {
    who: "the council branch's secretary (or a secretary above it)",
    targets: inStreet((s) => valuesOf(s.councils).map((c) => ({ council: c.id }))),
    may: actingAs('amendArticles', (act, t, s, x) => {
      const council = byId(s.councils, t.council)
      return council !== undefined && ok(branchSecretary(x.embedding.registry, act, council))
    }),
  },

  // Service integration: the one-stop station, its requests and cross-region arrangements
  openStation: {
    who: "a registrar over the station's place (or above it)",
    targets: inStreet(atPlaces),
    may: actingAs('openStation', (act, t, _s, x) => registrar(act, t.place, x)),
  },
  bringDepartment: {
    who: "a registrar over the station's place",
    targets: inStreet(stations),
    may: actingAs('bringDepartment', stationRegistrar),
  },
  postStationStaff: {
    who: "a registrar over the station's place",
    targets: inStreet(stations),
    may: actingAs('postStationStaff', stationRegistrar),
  },
  endStationPost: {
    who: "a registrar over the station's place, of a member of its staff",
    targets: inStreet((s) =>
      valuesOf(s.stations).flatMap((st) => st.staff.map((person) => ({ station: st.id, person }))),
    ),
    may: actingAs('endStationPost', stationRegistrar),
  },
  catalogueService: {
    who: "the station's staff (living in the street) or a registrar over its place",
    targets: inStreet(stations),
    may: actingAs('catalogueService', (act, t, s, x) => {
      const station = byId(s.stations, t.station)
      return station !== undefined && ok(staffOrRegistrar(x.embedding.registry, act, station))
    }),
  },
  withdrawService: {
    who: "the station's staff or a registrar over its place, of a service in the catalogue",
    targets: inStreet(servicesInForce),
    may: actingAs('withdrawService', (act, t, s, x) => {
      const station = byId(s.stations, t.station)
      return station !== undefined && ok(staffOrRegistrar(x.embedding.registry, act, station))
    }),
  },
  fileRequest: {
    who: "a resident of the street in person (for a service open to their household registration), or the station's staff for a resident, for a service in the catalogue",
    targets: inStreet(servicesInForce),
    may: actingAs('fileRequest', (act, t, s, x) => {
      const station = byId(s.stations, t.station)
      const service = station?.services.find((sv) => sv.id === t.service)
      return (
        station !== undefined &&
        service !== undefined &&
        (actsAsStaff(x.embedding.registry, act, station, act.actor) ||
          filesInPerson(act, service, x))
      )
    }),
  },
  serveRequest: {
    who: "the request's station's staff (not a registrar), never on their own request, while it is filed",
    targets: inStreet(requestsMovingOn('serveRequest')),
    may: actingAs('serveRequest', decidesOn),
  },
  referRequest: {
    who: "the request's station's staff, never on their own request, while it is filed",
    targets: inStreet(requestsMovingOn('referRequest')),
    may: actingAs('referRequest', decidesOn),
  },
  refuseRequest: {
    who: "the request's station's staff, never on their own request, while it is filed",
    targets: inStreet(requestsMovingOn('refuseRequest')),
    may: actingAs('refuseRequest', decidesOn),
  },
  recordArrangement: {
    who: 'a registrar of the street',
    targets: inStreet(() => [{}]),
    may: actingAs('recordArrangement', (act, _t, _s, x) => registrar(act, streetOf(act), x)),
  },
  endArrangement: {
    who: 'a registrar of the street, of an arrangement in force',
    targets: inStreet((s) =>
      valuesOf(s.arrangements)
        .filter((a) => !hasEnded(a))
        .map((a) => ({ arrangement: a.id })),
    ),
    may: actingAs('endArrangement', (act, _t, _s, x) => registrar(act, streetOf(act), x)),
  },

  // Resource integration: the integration school
  openSchool: {
    who: "a registrar over the school's place (or above it), while an active party organisation may lead it",
    targets: inStreet((s, x, street) =>
      valuesOf(x.embedding.registry.organisations).some(leadsAsParty) ? atPlaces(s, x, street) : [],
    ),
    may: actingAs('openSchool', (act, t, _s, x) => registrar(act, t.place, x)),
  },
  engageTeacher: {
    who: "the school's heads: a leader of the organisation that leads it, or a registrar over its place, while it runs",
    targets: inStreet((s, x) =>
      runningSchools(s, x.embedding.registry).map((school) => ({ school: school.id })),
    ),
    may: actingAs('engageTeacher', (act, t, s, x) => headsSchool(act, t.school, s, x)),
  },
  offerCourse: {
    who: "the school's heads, while it runs",
    targets: inStreet((s, x) =>
      runningSchools(s, x.embedding.registry).map((school) => ({ school: school.id })),
    ),
    may: actingAs('offerCourse', (act, t, s, x) => headsSchool(act, t.school, s, x)),
  },
  enrolLearner: {
    who: "the school's heads, or a resident of the street in person who does not teach the course and is not enrolled in it yet",
    targets: inStreet((s, x) =>
      runningCourses(s, x).map(({ school, course }) => ({ school: school.id, course: course.id })),
    ),
    may: actingAs('enrolLearner', (act, t, s, x) => {
      const found = courseOf(s, x, t)
      return (
        found !== undefined &&
        ok(
          headOr(x.embedding.registry, act, found.school, {
            allowed: enrolsInPerson(act, found.course, s, x),
            ...alone,
          }),
        )
      )
    }),
  },
  holdClass: {
    who: 'a teacher of the course',
    targets: inStreet((s, x) =>
      runningCourses(s, x).map(({ school, course }) => ({ school: school.id, course: course.id })),
    ),
    may: actingAs('holdClass', (act, t, s, x) => {
      const found = courseOf(s, x, t)
      return found !== undefined && teaches(found.course, act.actor)
    }),
  },
  completeCourse: {
    who: "the school's heads or a teacher of the course, never the learner, once the hours to complete it are attended",
    targets: inStreet((s, x) => enrolmentsMovingOn('completeCourse', s, x)),
    may: actingAs('completeCourse', (act, t, s, x) => {
      const found = enrolmentOf(s, x, t)
      return (
        found !== undefined &&
        act.actor !== found.enrolment.learner &&
        ok(
          headOr(x.embedding.registry, act, found.school, {
            allowed: teaches(found.course, act.actor),
            ...alone,
          }),
        )
      )
    }),
  },
  withdrawLearner: {
    who: "the school's heads, or the learner in person, while enrolled",
    targets: inStreet((s, x) => enrolmentsMovingOn('withdrawLearner', s, x)),
    may: actingAs('withdrawLearner', (act, t, s, x) => {
      const found = enrolmentOf(s, x, t)
      return (
        found !== undefined &&
        ok(
          headOr(x.embedding.registry, act, found.school, {
            allowed: act.actor === found.enrolment.learner,
            ...alone,
          }),
        )
      )
    }),
  },

  // Value integration: volunteer teams and their service records
  formTeam: {
    who: "a registrar over the team's place (or above it), while a party member embedded in the street and living in it may lead it",
    targets: inStreet((s, x, street) =>
      valuesOf(x.embedding.registry.persons).some((p) => unfitToLead(x, { street }, p.id) === null)
        ? atPlaces(s, x, street)
        : [],
    ),
    may: actingAs('formTeam', (act, t, _s, x) => registrar(act, t.place, x)),
  },
  joinTeam: {
    who: 'a resident of the street in person, not in the team yet; or the team’s leader for one, while they still lead it',
    targets: inStreet((s) => teamsAtWork(s).map((team) => ({ team: team.id }))),
    may: actingAs('joinTeam', (act, t, s, x) => {
      const team = byId(s.teams, t.team)
      return (
        team !== undefined &&
        ((!isVolunteerOf(team, act.actor) && livesInStreet(x.embedding.registry, act, act.actor)) ||
          leadsNow(act, team, x))
      )
    }),
  },
  leaveTeam: {
    who: 'the volunteer in person, or the team’s leader for them while they still lead it; the leader hands the team over first',
    targets: inStreet((s) =>
      teamsAtWork(s).flatMap((team) =>
        team.volunteers
          .filter((v) => v !== team.leader)
          .map((volunteer) => ({ team: team.id, volunteer })),
      ),
    ),
    may: actingAs('leaveTeam', (act, t, s, x) => {
      const team = byId(s.teams, t.team)
      return (
        team !== undefined &&
        t.volunteer !== undefined &&
        ok(volunteerOrLeader(act, team, t.volunteer)) &&
        ok(asLeaderFor(x, act, team, t.volunteer))
      )
    }),
  },
  changeTeamLeader: {
    who: "a registrar over the team's place, to a volunteer of the team who is a party member embedded in the street and living in it",
    targets: inStreet((s, x, street) =>
      teamsAtWork(s).flatMap((team) =>
        team.volunteers
          .filter((v) => unfitToLead(x, { street }, v) === null)
          .map((leader) => ({ team: team.id, leader })),
      ),
    ),
    may: actingAs('changeTeamLeader', (act, t, s, x) =>
      registrar(act, byId(s.teams, t.team)?.place, x),
    ),
  },
  disbandTeam: {
    who: "a registrar over the team's place",
    targets: inStreet((s) => teamsAtWork(s).map((team) => ({ team: team.id }))),
    may: actingAs('disbandTeam', (act, t, s, x) => registrar(act, byId(s.teams, t.team)?.place, x)),
  },
  recordService: {
    who: 'a volunteer of the team in person, living in the street (its leader is one, and may record for the others)',
    targets: inStreet((s) => teamsAtWork(s).map((team) => ({ team: team.id }))),
    may: actingAs('recordService', (act, t, s, x) => {
      const team = byId(s.teams, t.team)
      return (
        team !== undefined &&
        isVolunteerOf(team, act.actor) &&
        livesInStreet(x.embedding.registry, act, act.actor)
      )
    }),
  },
  verifyService: {
    who: "the team's leader while they still lead it (of a disbanded team too), never of service they served or recorded, while the record awaits review",
    targets: inStreet(recordsMovingOn('verifyService')),
    may: actingAs('verifyService', reviews),
  },
  rejectService: {
    who: "the team's leader while they still lead it, never of service they served or recorded, while the record awaits review",
    targets: inStreet(recordsMovingOn('rejectService')),
    may: actingAs('rejectService', reviews),
  },

  // Value integration: the points bank
  openBank: {
    who: "a registrar over the bank's place (or above it)",
    targets: inStreet(atPlaces),
    may: actingAs('openBank', (act, t, _s, x) => registrar(act, t.place, x)),
  },
  openAccount: {
    who: "the bank's operator: one who leads the operator organisation",
    targets: inStreet((s) => valuesOf(s.banks).map((b) => ({ bank: b.id }))),
    may: actingAs('openAccount', (act, t, s, x) => operates(act, t.bank, s, x)),
  },
  issuePoints: {
    who: "the bank's operator, for a verified service record of a team within the bank's place",
    targets: inStreet(recordsToPay),
    may: actingAs('issuePoints', (act, t, s, x) => operates(act, t.bank, s, x)),
  },
  redeemPoints: {
    who: "the holder of a volunteer's or a family's account that holds points (the person, or a leader of the holding organisation), never the operator for them",
    targets: inStreet(accountsToSpend(redeemedFrom)),
    may: actingAs('redeemPoints', holds),
  },
  donatePoints: {
    who: "the holder of a volunteer's account that holds points",
    targets: inStreet(accountsToSpend(donatedFrom)),
    may: actingAs('donatePoints', holds),
  },
})

/**
 * What a person may do in a street's integration now (可办事项): every command of
 * {@link integrationPermissions} with each target the person may issue it on, for the street's
 * integration, its context (the registry with its embedding records, and the hall a council
 * would be constituted on), and the instant `at` (the app's clock, or the date the command will
 * carry). A registrar sees the places where a vehicle may be opened (`{ place }`) and the
 * vehicles of their places; staff see the requests awaiting them (`{ station, request }`); a
 * team's leader the records to review (`{ team, record }`); a holder the accounts to spend from
 * (`{ bank, from }`). Nothing is decided.
 *
 * @example
 * ```ts
 * // @check types-only
 * import { instant, PersonId } from 'governance-kit'
 * import {
 *   allowedInIntegration,
 *   type IntegrationContext,
 *   type IntegrationState,
 * } from 'governance-kit/integration'
 * // A request r-1 filed by m-2 at station st-east, whose staff is p-staff:
 * declare const state: IntegrationState
 * declare const context: IntegrationContext // the street's registry with embedding, and no hall
 * allowedInIntegration(state, context, PersonId.make('p-staff'), instant('2024-06-01T09:00:00+08:00'))
 * // → [{ type: 'catalogueService', target: { station: 'st-east' } }, …,
 * //    { type: 'serveRequest', target: { station: 'st-east', request: 'r-1' } },
 * //    { type: 'referRequest', target: { station: 'st-east', request: 'r-1' } },
 * //    { type: 'refuseRequest', target: { station: 'st-east', request: 'r-1' } }, …]
 * ```
 *
 * @category Permissions
 */
export const allowedInIntegration = allowedBy(integrationPermissions)
