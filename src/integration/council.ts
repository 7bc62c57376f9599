/**
 * Management integration 管理整合 (seed 000 §三.1): the co-governance council 共治议事会 of
 * migrant and local representatives.
 *
 * The council is a deliberation hall (its roster, seats, balance rule, meetings, motions and equal
 * speaking turns are the hall's, decided by the deliberation mechanism); what the council adds is
 * its written charter 成文章程 and its council branch 议事会党支部, whose secretary chairs it
 * (S Street: the head of a third-party organisation is both the branch's secretary and the
 * council's chairman). Appointments that would break the balance of migrant and local seats are
 * refused by the hall's `hall-balance` rule, and those beyond its seats by `seats-full`.
 *
 * Rules (the `rule` of each {@link RuleViolation}):
 * - `council-hall`: the hall already carries a council.
 * - `council-charter`: the hall's charter is not a council's charter (`council: true`), which the
 *   deliberation mechanism keeps with a balance rule for migrant and local seats and a number of
 *   seats, through every amendment.
 * - `council-branch`: the branch is not an active council branch 议事会党支部, sits where the
 *   hall does not (neither place inside the other), or carries another council already.
 * - `council-balance`: the hall's roster is out of balance already (e.g. after a household
 *   change 落户, or after a resident representative left the street): mend it before the council
 *   is constituted. Like the hall's balance rule, it counts the representatives who act now
 *   (`actingRepresentatives`), not a seat whose resident representative has moved away.
 * - `council-chair`: the hall's chair is not a secretary of the council branch.
 * - `council-articles`: a written charter with no article.
 *
 * Authority: a registrar over the hall's place constitutes the council; the council branch's
 * secretary (or a secretary above it) amends its articles.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Draft } from 'immer'
import {
  alreadyExists,
  insert,
  draftOf,
  lookup,
  notFound,
  refuseWhen,
  ruleViolation,
  valuesOf,
  type Check,
  type HallId,
  type OrganisationId,
  type PersonId,
} from '../core/index.js'
import { authorise, holdersOf, overlaps, type RegistryState } from '../community/index.js'
import { actingRepresentatives, type HallState } from '../deliberation/index.js'
import type { Council } from './codecs.js'
import type { IntegrationState } from './state.js'
import {
  decideWith,
  registrarOver,
  stamp,
  type Cmd,
  type Decision,
  type Evt,
  type IntegrationContext,
} from './shared.js'

const articlesWritten =
  (articles: ReadonlyArray<string>): Check =>
  () =>
    refuseWhen(articles.length === 0, () =>
      ruleViolation('council-articles', 'A written charter has at least one article'),
    )

/** Whether `person` is a secretary of `branch` now (exactly that branch's secretary). */
const isSecretaryOf = (
  registry: RegistryState,
  person: PersonId,
  branch: OrganisationId,
): boolean =>
  holdersOf(registry, 'secretary', { level: 'organisation', id: branch }).some(
    (a) => a.person === person,
  )

/**
 * Migrant and local representatives of a hall who act now, counted through the registry: a
 * resident representative who has moved away or left the street is not counted (the hall's
 * `actingRepresentatives`, the same count as its balance rule).
 */
const balanceOf = (
  registry: RegistryState,
  hall: HallState | null,
): { readonly migrant: number; readonly local: number } => {
  const people = hall === null ? [] : actingRepresentatives(hall, registry).map((r) => r.person)
  const migrant = people.filter(
    (p) => lookup(registry.persons, p)?.household.status === 'migrant',
  ).length
  return { migrant, local: people.length - migrant }
}

/** The council carried by a hall, if any. */
export const councilOfHall = (state: IntegrationState, hall: HallId): Council | undefined =>
  valuesOf(state.councils).find((c) => c.hall === hall)

const constituteCouncil = (
  c: Cmd<'constituteCouncil'>,
  s: IntegrationState,
  x: IntegrationContext,
): Decision => {
  const registry = x.embedding.registry
  const hall = x.hall?.hall ?? null
  if (lookup(s.councils, c.council) !== undefined)
    return E.left(alreadyExists('council', c.council))
  if (hall === null || hall.id !== c.hall || hall.street !== c.street)
    return E.left(notFound('hall', c.hall))
  const branch = lookup(registry.organisations, c.branch)
  return decideWith(
    [
      registrarOver(registry, c, hall.place),
      () =>
        refuseWhen(councilOfHall(s, c.hall) !== undefined, () =>
          ruleViolation('council-hall', `Hall ${c.hall} carries a council already`),
        ),
      () => refuseWhen(branch === undefined, () => notFound('organisation', c.branch)),
      () =>
        refuseWhen(
          branch?.kind !== 'party-branch' ||
            branch.branch.kind !== 'council' ||
            branch.status !== 'active',
          () =>
            ruleViolation(
              'council-branch',
              `${c.branch} is not an active council branch 议事会党支部`,
            ),
        ),
      () =>
        refuseWhen(branch !== undefined && !overlaps(registry, branch.seat, hall.place), () =>
          ruleViolation(
            'council-branch',
            `${c.branch} and hall ${c.hall} sit in places apart (neither inside the other)`,
          ),
        ),
      () =>
        refuseWhen(
          valuesOf(s.councils).some((other) => other.branch === c.branch),
          () => ruleViolation('council-branch', `${c.branch} carries another council already`),
        ),
      () =>
        refuseWhen(hall.charter.council !== true, () =>
          ruleViolation(
            'council-charter',
            `Hall ${c.hall}'s charter is not a council's (one with a balance rule and seats that stay)`,
          ),
        ),
      () =>
        refuseWhen(!isSecretaryOf(registry, hall.chair, c.branch), () =>
          ruleViolation(
            'council-chair',
            `The hall's chair ${hall.chair} is not a secretary of the council branch ${c.branch}`,
          ),
        ),
      () => {
        const { migrant, local } = balanceOf(registry, x.hall)
        const tolerance = hall.charter.balance?.tolerance ?? 0
        return refuseWhen(Math.abs(migrant - local) > tolerance, () =>
          ruleViolation(
            'council-balance',
            `The hall seats ${migrant} migrant and ${local} local representatives, more than ${tolerance} apart`,
          ),
        )
      },
      articlesWritten(c.articles),
    ],
    () =>
      E.right([
        {
          type: 'councilConstituted',
          ...stamp(c),
          council: c.council,
          name: c.name,
          hall: c.hall,
          place: hall.place,
          branch: c.branch,
          articles: c.articles,
        },
      ]),
  )
}

const amendArticles = (
  c: Cmd<'amendArticles'>,
  s: IntegrationState,
  x: IntegrationContext,
): Decision => {
  const council = lookup(s.councils, c.council)
  if (council === undefined) return E.left(notFound('council', c.council))
  return decideWith(
    [
      () =>
        authorise(x.embedding.registry, c.actor, c.type, [
          { role: 'secretary', scope: { level: 'organisation', id: council.branch } },
        ]),
      articlesWritten(c.articles),
    ],
    () =>
      E.right([{ type: 'articlesAmended', ...stamp(c), council: c.council, articles: c.articles }]),
  )
}

/** Decides a council command (management integration). */
export const decideCouncil = (
  c: Cmd<'constituteCouncil' | 'amendArticles'>,
  s: IntegrationState,
  x: IntegrationContext,
): Decision =>
  c.type === 'constituteCouncil' ? constituteCouncil(c, s, x) : amendArticles(c, s, x)

/** Folds a council event. */
export const applyCouncilEvent = (
  draft: Draft<IntegrationState>,
  e: Evt<'councilConstituted' | 'articlesAmended'>,
): void => {
  if (e.type === 'councilConstituted') {
    insert(draft.councils, e.council, {
      id: e.council,
      name: e.name,
      hall: e.hall,
      place: { ...e.place },
      branch: e.branch,
      articles: [...e.articles],
      constitutedAt: e.at,
    })
    return
  }
  const council = draftOf(draft.councils, e.council)
  if (council !== undefined) council.articles = [...e.articles]
}

// ---------------------------------------------------------------------------------------------
// Queries

/** A council's make-up: its seats, and the balance of migrant and local representatives. */
export interface CouncilComposition {
  readonly council: Council
  /** The seats its hall's charter sets (null if the charter was amended to drop them). */
  readonly seats: number | null
  /**
   * The representatives who act now (`migrant + local`): a resident representative who has moved
   * away or left the street keeps a seat until removed, but is not counted here.
   */
  readonly representatives: number
  readonly migrant: number
  readonly local: number
  /** How far apart migrant and local seats may be (null if the charter dropped the rule). */
  readonly tolerance: number | null
  /** Whether migrant and local representatives are within the tolerance. */
  readonly balanced: boolean
  /** Seats no one holds (a seat is held until its representative is removed, acting or not). */
  readonly vacancies: number | null
  /** The hall's chair, and whether they are still a secretary of the council branch. */
  readonly chair: PersonId | null
  readonly chairIsBranchSecretary: boolean
}

/**
 * A council's composition 议事会构成, read from its hall and the registry: seats, migrant and
 * local representatives, whether they are in balance (seed 000: "来穗人员与本地居民代表在议事会中
 * 所占比例基本保持一致"), and whether the chair still leads the council branch.
 *
 * @example
 * ```ts
 * import { councilComposition } from 'governance-kit'
 * // councilComposition(council, hallState, registry).balanced
 * ```
 */
export const councilComposition = (
  council: Council,
  hall: HallState,
  registry: RegistryState,
): CouncilComposition => {
  const { migrant, local } = balanceOf(registry, hall)
  const charter = hall.hall?.charter
  const tolerance = charter?.balance?.tolerance ?? null
  const seats = charter?.seats ?? null
  const chair = hall.hall?.chair ?? null
  return {
    council,
    seats,
    representatives: migrant + local,
    migrant,
    local,
    tolerance,
    balanced: tolerance === null || Math.abs(migrant - local) <= tolerance,
    vacancies: seats === null ? null : Math.max(0, seats - valuesOf(hall.representatives).length),
    chair,
    chairIsBranchSecretary: chair !== null && isSecretaryOf(registry, chair, council.branch),
  }
}
