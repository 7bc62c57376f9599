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
 * Rules (see {@link integrationRules}): `council-hall`, `council-charter`, `council-branch`,
 * `council-balance` (counting, like the hall's balance rule, the representatives who act now:
 * `actingRepresentatives`), `council-chair`, `council-articles`.
 *
 * Authority: a registrar over the hall's place constitutes the council; the council branch's
 * secretary (or a secretary above it) amends its articles.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  alreadyExists,
  draftOf,
  found,
  insert,
  lookup,
  notFound,
  refuseBy,
  refuseWhen,
  stamp,
  valuesOf,
  type DomainError,
  type Forbidden,
  type OfType,
  type StreetId,
} from '../core/index.js'
import { authorise, overlaps, type Organisation, type RegistryState } from '../community/index.js'
import type { Hall } from '../deliberation/index.js'
import type { Council, IntegrationCommand } from './codecs/index.js'
import type {
  IntegrationContext,
  IntegrationHandler,
  IntegrationHandlers,
  IntegrationReducers,
} from './mechanism.js'
import { balanceOf, councilOfHall, isSecretaryOf, withinTolerance } from './queries/council.js'
import { integrationRules } from './rules.js'
import type { IntegrationState } from './state.js'
import { registrarOver, type Act } from './street.js'

type Constitute = OfType<IntegrationCommand, 'constituteCouncil'>

/** The rule `council-articles`: a written charter has at least one article. */
const articlesWritten = (articles: ReadonlyArray<string>): E.Either<DomainError, void> =>
  refuseBy(
    integrationRules.councilArticles,
    articles.length === 0,
    () => 'A written charter has at least one article',
  )

/**
 * The hall of the context, when it is a hall of `street` (the hall a council command names is
 * loaded as its context).
 *
 * @category Checks
 */
export const contextHall = (x: IntegrationContext, street: StreetId): Hall | null => {
  const hall = x.hall?.hall ?? null
  return hall !== null && hall.street === street ? hall : null
}

/** The hall the command names, as its context holds it, in the command's street. */
const hallOf = (c: Constitute, x: IntegrationContext): E.Either<DomainError, Hall> => {
  const hall = contextHall(x, c.street)
  return hall === null || hall.id !== c.hall ? E.left(notFound('hall', c.hall)) : E.right(hall)
}

/**
 * The rule `council-branch`: the branch is an active council branch, sits where the hall does
 * (one place inside the other), and carries no other council.
 */
const carriedByBranch = (
  registry: RegistryState,
  s: IntegrationState,
  c: Constitute,
  hall: Hall,
  branch: Organisation,
): E.Either<DomainError, void> =>
  pipe(
    refuseBy(
      integrationRules.councilBranch,
      branch.kind !== 'party-branch' ||
        branch.branch.kind !== 'council' ||
        branch.status !== 'active',
      () => `${c.branch} is not an active council branch 议事会党支部`,
    ),
    E.flatMap(() =>
      refuseBy(
        integrationRules.councilBranch,
        !overlaps(registry, branch.seat, hall.place),
        () => `${c.branch} and hall ${c.hall} sit in places apart (neither inside the other)`,
      ),
    ),
    E.flatMap(() =>
      refuseBy(
        integrationRules.councilBranch,
        valuesOf(s.councils).some((other) => other.branch === c.branch),
        () => `${c.branch} carries another council already`,
      ),
    ),
  )

/**
 * That the actor is a secretary of the council's branch (or of a party organisation above it),
 * who keeps the council's written charter.
 *
 * @category Checks
 */
export const branchSecretary = (
  registry: RegistryState,
  c: Act,
  council: Council,
): E.Either<Forbidden, void> =>
  authorise(registry, c.actor, c.type, [
    { role: 'secretary', scope: { level: 'organisation', id: council.branch } },
  ])

// ---------------------------------------------------------------------------------------------
// Handlers

const constituteCouncil: IntegrationHandler<'constituteCouncil'> = (c, s, x) => {
  const registry = x.embedding.registry
  return pipe(
    refuseWhen(lookup(s.councils, c.council) !== undefined, () =>
      alreadyExists('council', c.council),
    ),
    E.flatMap(() => hallOf(c, x)),
    E.tap((hall) => registrarOver(registry, c, hall.place)),
    E.tap(() =>
      refuseBy(
        integrationRules.councilHall,
        councilOfHall(s, c.hall) !== undefined,
        () => `Hall ${c.hall} carries a council already`,
      ),
    ),
    E.bindTo('hall'),
    E.bindW('branch', () =>
      found(lookup(registry.organisations, c.branch), 'organisation', c.branch),
    ),
    E.tap(({ hall, branch }) => carriedByBranch(registry, s, c, hall, branch)),
    E.tap(({ hall }) =>
      refuseBy(
        integrationRules.councilCharter,
        hall.charter.council !== true,
        () =>
          `Hall ${c.hall}'s charter is not a council's (one with a balance rule and seats that stay)`,
      ),
    ),
    E.tap(({ hall }) =>
      refuseBy(
        integrationRules.councilChair,
        !isSecretaryOf(registry, hall.chair, c.branch),
        () => `The hall's chair ${hall.chair} is not a secretary of the council branch ${c.branch}`,
      ),
    ),
    E.tap(({ hall }) => {
      const balance = balanceOf(registry, x.hall)
      const tolerance = hall.charter.balance?.tolerance ?? 0
      return refuseBy(
        integrationRules.councilBalance,
        !withinTolerance(balance, tolerance),
        () =>
          `The hall seats ${balance.migrant} migrant and ${balance.local} local representatives, more than ${tolerance} apart`,
      )
    }),
    E.tap(() => articlesWritten(c.articles)),
    E.map(({ hall }) => [
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

const amendArticles: IntegrationHandler<'amendArticles'> = (c, s, x) =>
  pipe(
    found(lookup(s.councils, c.council), 'council', c.council),
    E.tap((council) => branchSecretary(x.embedding.registry, c, council)),
    E.tap(() => articlesWritten(c.articles)),
    E.map(() => [
      { type: 'articlesAmended', ...stamp(c), council: c.council, articles: c.articles },
    ]),
  )

/**
 * The council's handlers (management integration).
 *
 * @category Mechanism
 */
export const councilHandlers: IntegrationHandlers<'constituteCouncil' | 'amendArticles'> = {
  constituteCouncil,
  amendArticles,
}

// ---------------------------------------------------------------------------------------------
// Reducers

/**
 * The council's recipes.
 *
 * @category Mechanism
 */
export const councilReducers: IntegrationReducers<'councilConstituted' | 'articlesAmended'> = {
  councilConstituted: (draft, e) => {
    insert(draft.councils, e.council, {
      id: e.council,
      name: e.name,
      hall: e.hall,
      place: { ...e.place },
      branch: e.branch,
      articles: [...e.articles],
      constitutedAt: e.at,
    })
  },
  articlesAmended: (draft, e) => {
    const council = draftOf(draft.councils, e.council)
    if (council !== undefined) council.articles = [...e.articles]
  },
}
