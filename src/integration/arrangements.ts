/**
 * Cross-region arrangements 跨地区协作 (service integration, seed 000 §三.2): agreements between
 * the street and a migrants' home place, carried out by local partners — S Street and Honghu city
 * put two Guangzhou hospitals on Honghu's rural cooperative insurance list (异地就医报销).
 *
 * Rules (see {@link integrationRules}): `arrangement-ended`.
 *
 * Authority: a registrar of the street records and ends cross-region arrangements.
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
  refuseBy,
  refuseWhen,
  stamp,
} from '../core/index.js'
import type { Arrangement } from './codecs/index.js'
import type { IntegrationHandler, IntegrationHandlers, IntegrationReducers } from './mechanism.js'
import { integrationRules } from './rules.js'
import { registrarOver, streetOf } from './street.js'

// ---------------------------------------------------------------------------------------------
// Handlers

const recordArrangement: IntegrationHandler<'recordArrangement'> = (c, s, x) =>
  pipe(
    refuseWhen(lookup(s.arrangements, c.arrangement) !== undefined, () =>
      alreadyExists('arrangement', c.arrangement),
    ),
    E.flatMap(() => registrarOver(x.embedding.registry, c, streetOf(c))),
    E.map(() => [
      {
        type: 'arrangementRecorded',
        ...stamp(c),
        arrangement: c.arrangement,
        home: c.home,
        benefit: c.benefit,
        subject: c.subject,
        partners: c.partners,
      },
    ]),
  )

/**
 * Whether a cross-region arrangement has ended (rule `arrangement-ended`: it ends once).
 *
 * @category Checks
 */
export const hasEnded = (a: Arrangement): boolean => a.endedAt !== null

const endArrangement: IntegrationHandler<'endArrangement'> = (c, s, x) =>
  pipe(
    found(lookup(s.arrangements, c.arrangement), 'arrangement', c.arrangement),
    E.tap(() => registrarOver(x.embedding.registry, c, streetOf(c))),
    E.tap((a) =>
      refuseBy(integrationRules.arrangementEndsOnce, hasEnded(a), () => `${a.id} ended already`),
    ),
    E.map(() => [{ type: 'arrangementEnded', ...stamp(c), arrangement: c.arrangement }]),
  )

/**
 * The handlers of cross-region arrangements.
 *
 * @category Mechanism
 */
export const arrangementHandlers: IntegrationHandlers<'recordArrangement' | 'endArrangement'> = {
  recordArrangement,
  endArrangement,
}

// ---------------------------------------------------------------------------------------------
// Reducers

/**
 * The recipes of cross-region arrangements.
 *
 * @category Mechanism
 */
export const arrangementReducers: IntegrationReducers<'arrangementRecorded' | 'arrangementEnded'> =
  {
    arrangementRecorded: (draft, e) => {
      insert(draft.arrangements, e.arrangement, {
        id: e.arrangement,
        home: e.home,
        benefit: e.benefit,
        subject: e.subject,
        partners: [...e.partners],
        recordedAt: e.at,
        endedAt: null,
      })
    },
    arrangementEnded: (draft, e) => {
      const a = draftOf(draft.arrangements, e.arrangement)
      if (a !== undefined) a.endedAt = e.at
    },
  }
