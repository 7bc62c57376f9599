/**
 * Absorbing elites 吸纳: a branch develops capable residents (seed 000: the migrant elites) into
 * members — activist 积极分子 → applicant 申请人 → probationary member 预备党员 → full member
 * 正式党员, no step skipped, the probationary year served before confirmation — and commends
 * members and activists yearly 表彰.
 *
 * Every step needs the secretary of the developing branch (or of one above it), never the
 * candidate themselves; a commendation needs the secretary of the person's organisation.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Draft } from 'immer'
import {
  addYears,
  alreadyExists,
  calendarDate,
  draftOf,
  found,
  inZone,
  insert,
  isBefore,
  lookup,
  refuseWhen,
  refuseBy,
  stamp,
  violation,
  type DomainError,
  type Instant,
  type OfType,
  type OrganisationId,
  type PersonId,
} from '../core/index.js'
import { communityOf } from '../community/index.js'
import type {
  Candidate,
  DevelopmentStage,
  EmbeddingCommand,
  EmbeddingEvent,
} from './codecs/index.js'
import {
  activePartyOrganisation,
  bySecretaryOf,
  newMember,
  notOwnRecord,
  stepMember,
  type EmbeddingHandler,
  type EmbeddingReducer,
} from './kit.js'
import { developmentMachine, enrolledStates, memberMachine } from './machine.js'
import { candidateStageOf, isInDevelopment, memberStatusOf } from './queries/index.js'
import { embeddingRules } from './rules.js'
import type { EmbeddingState } from './state.js'

// ---------------------------------------------------------------------------------------------
// Rules used here

/** The date a candidate last entered `stage`. */
const enteredAt = (
  steps: ReadonlyArray<{ readonly to: string; readonly at: Instant }>,
  stage: string,
): Instant | undefined => {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]?.to === stage) return steps[i]?.at
  return undefined
}

/**
 * When a candidate's probationary year 预备期 ends: a full calendar year after they were last
 * admitted, the same wall-clock time a year later in the calendar zone (北京时间), whatever offset
 * the admission is written in; null for a candidate never admitted, or whose year would end past
 * what an instant can write.
 */
export const probationEnds = (
  steps: ReadonlyArray<{ readonly to: string; readonly at: Instant }>,
): Instant | null => {
  const admitted = enteredAt(steps, 'probationary')
  if (admitted === undefined) return null
  // A year past 9999 cannot be written as an instant, so it ends at no `at`.
  const { year } = calendarDate(admitted)
  if (year >= 9999) return null
  // Written in the calendar zone, the year after can always be written (it is at most 9999);
  // an admission before year 0 there (0000 written ahead of +08:00) is kept as written.
  return addYears(year < 0 ? admitted : inZone(admitted), 1)
}

/**
 * Whether a full calendar year has passed at `at` since the candidate was admitted
 * (`probation-year-served`), as {@link probationEnds} counts it.
 */
export const probationYearServed = (
  steps: ReadonlyArray<{ readonly to: string; readonly at: Instant }>,
  at: Instant,
): boolean => {
  const ends = probationEnds(steps)
  return ends !== null && !isBefore(at, ends)
}

/** The candidate a development step is about, once its branch's secretary sends the step. */
const candidateFor = (
  c: OfType<
    EmbeddingCommand,
    'acceptApplication' | 'admitProbationary' | 'confirmFullMember' | 'dropCandidate'
  >,
  s: EmbeddingState,
): E.Either<DomainError, Candidate> =>
  pipe(
    found(lookup(s.candidates, c.person), 'candidate', c.person),
    E.tap((candidate) => bySecretaryOf(s, c, candidate.organisation)),
    E.tap(() => notOwnRecord(c, c.person)),
  )

/**
 * The organisation a commendation comes through: an enrolled member's, or the branch developing
 * a candidate (`member-or-activist`).
 */
export const commendedThrough = (
  s: EmbeddingState,
  person: PersonId,
): E.Either<DomainError, OrganisationId> => {
  const member = lookup(s.members, person)
  if (member !== undefined && enrolledStates.has(member.status)) return E.right(member.organisation)
  const candidate = lookup(s.candidates, person)
  if (candidate !== undefined && isInDevelopment(candidate.stage))
    return E.right(candidate.organisation)
  return E.left(
    violation(
      embeddingRules.memberOrActivist,
      `${person} is neither an enrolled member nor an activist`,
    ),
  )
}

// ---------------------------------------------------------------------------------------------
// Handlers

const recogniseActivist: EmbeddingHandler<'recogniseActivist'> = (c, s) =>
  pipe(
    found(lookup(s.registry.persons, c.person), 'person', c.person),
    E.tap(() => activePartyOrganisation(s.registry, c.organisation)),
    E.tap(() => bySecretaryOf(s, c, c.organisation)),
    E.tap(() => notOwnRecord(c, c.person)),
    E.tap(() =>
      refuseBy(
        embeddingRules.alreadyAMember,
        lookup(s.members, c.person) !== undefined,
        () => `${c.person} is already on record as a party member`,
      ),
    ),
    E.flatMap(() => developmentMachine.next(candidateStageOf(s, c.person), c.type)),
    E.map((stage): ReadonlyArray<EmbeddingEvent> => [
      {
        type: 'activistRecognised',
        ...stamp(c),
        person: c.person,
        stage,
        organisation: c.organisation,
      },
    ]),
  )

const acceptApplication: EmbeddingHandler<'acceptApplication'> = (c, s) =>
  pipe(
    candidateFor(c, s),
    E.flatMap((candidate) => developmentMachine.next(candidate.stage, c.type)),
    E.map((stage): ReadonlyArray<EmbeddingEvent> => [
      { type: 'applicationAccepted', ...stamp(c), person: c.person, stage },
    ]),
  )

const admitProbationary: EmbeddingHandler<'admitProbationary'> = (c, s) =>
  pipe(
    candidateFor(c, s),
    E.flatMap((candidate) => developmentMachine.next(candidate.stage, c.type)),
    E.map((stage): ReadonlyArray<EmbeddingEvent> => [
      { type: 'probationaryAdmitted', ...stamp(c), person: c.person, stage },
    ]),
  )

/** The new full member enters the member lifecycle, a member of the branch that developed them. */
const confirmFullMember: EmbeddingHandler<'confirmFullMember'> = (c, s) =>
  pipe(
    candidateFor(c, s),
    E.bindTo('candidate'),
    E.bindW('stage', ({ candidate }) =>
      developmentMachine.next(candidate.stage, c.type, {
        [embeddingRules.probationYearServed.id]: probationYearServed(candidate.steps, c.at),
      }),
    ),
    E.bindW('status', () => memberMachine.next(memberStatusOf(s, c.person), c.type)),
    E.map(({ candidate, stage, status }): ReadonlyArray<EmbeddingEvent> => {
      const home = lookup(s.registry.persons, c.person)?.home ?? null
      return [
        {
          type: 'fullMemberConfirmed',
          ...stamp(c),
          person: c.person,
          stage,
          organisation: candidate.organisation,
          status,
          community: home === null ? null : communityOf(s.registry, home),
        },
      ]
    }),
  )

const dropCandidate: EmbeddingHandler<'dropCandidate'> = (c, s) =>
  pipe(
    candidateFor(c, s),
    E.flatMap((candidate) => developmentMachine.next(candidate.stage, c.type)),
    E.map((stage): ReadonlyArray<EmbeddingEvent> => [
      { type: 'candidateDropped', ...stamp(c), person: c.person, stage, reason: c.reason },
    ]),
  )

const commend: EmbeddingHandler<'commend'> = (c, s) =>
  pipe(
    found(lookup(s.registry.persons, c.person), 'person', c.person),
    E.flatMap(() => commendedThrough(s, c.person)),
    E.tap((organisation) => bySecretaryOf(s, c, organisation)),
    E.tap(() => notOwnRecord(c, c.person)),
    E.tap(() => {
      // The year as the calendar zone reads the instant, not as its text is written.
      const year = calendarDate(c.at).year
      return refuseBy(
        embeddingRules.commendationYear,
        c.year !== year && c.year !== year - 1,
        () => `A commendation given in ${year} is for ${year - 1} or ${year}`,
      )
    }),
    E.tap(() =>
      refuseWhen(
        s.commendations.some(
          (k) => k.person === c.person && k.year === c.year && k.title === c.title,
        ),
        () => alreadyExists('commendation', `${c.person} ${c.year} ${c.title}`),
      ),
    ),
    E.map((organisation): ReadonlyArray<EmbeddingEvent> => [
      {
        type: 'commended',
        ...stamp(c),
        person: c.person,
        year: c.year,
        title: c.title,
        reason: c.reason,
        organisation,
      },
    ]),
  )

/** The handlers of absorbing elites and of commendation. */
export const absorptionHandlers = {
  recogniseActivist,
  acceptApplication,
  admitProbationary,
  confirmFullMember,
  dropCandidate,
  commend,
}

// ---------------------------------------------------------------------------------------------
// Reducers

/** Moves a candidate to the stage an event records, and keeps the step. */
const develop = (
  draft: Draft<EmbeddingState>,
  e: {
    readonly type: string
    readonly person: PersonId
    readonly stage: DevelopmentStage
    readonly at: Instant
  },
): void => {
  const candidate = draftOf(draft.candidates, e.person)
  if (candidate === undefined) return
  candidate.stage = e.stage
  candidate.steps.push({ to: e.stage, on: e.type, at: e.at })
}

const activistRecognised: EmbeddingReducer<'activistRecognised'> = (draft, e) => {
  insert(draft.candidates, e.person, {
    person: e.person,
    organisation: e.organisation,
    stage: 'unrecorded',
    steps: [],
  })
  develop(draft, e)
}

const applicationAccepted: EmbeddingReducer<'applicationAccepted'> = (draft, e) => {
  develop(draft, e)
}

const probationaryAdmitted: EmbeddingReducer<'probationaryAdmitted'> = (draft, e) => {
  develop(draft, e)
}

/** The candidate's last step, and their first as a member. */
const fullMemberConfirmed: EmbeddingReducer<'fullMemberConfirmed'> = (draft, e) => {
  develop(draft, e)
  insert(draft.members, e.person, newMember(e.person, e.organisation, { community: e.community }))
  stepMember(draft, e)
}

const candidateDropped: EmbeddingReducer<'candidateDropped'> = (draft, e) => {
  develop(draft, e)
}

const commended: EmbeddingReducer<'commended'> = (draft, e) => {
  draft.commendations.push({
    person: e.person,
    year: e.year,
    title: e.title,
    reason: e.reason,
    organisation: e.organisation,
    at: e.at,
  })
}

/** The reducers of absorbing elites and of commendation. */
export const absorptionReducers = {
  activistRecognised,
  applicationAccepted,
  probationaryAdmitted,
  fullMemberConfirmed,
  candidateDropped,
  commended,
}
