/**
 * The depth of embedding 嵌入深度 (形式嵌入 / 实质嵌入): what members do, recorded act by act, so
 * that formal embedding (only attending, 列席) is told from substantive embedding (speaking,
 * chairing, moving, serving). An assigned member becomes active with their first substantive
 * act (`substantive-act`); `depthOfEmbedding` reads the acts.
 *
 * Acts are recorded by the secretary of the member's organisation (or of one above it), never by
 * the member themselves.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { stamp } from '../core/index.js'
import type { EmbeddingEvent } from './codecs/index.js'
import {
  bySecretaryOf,
  memberOf,
  notOwnRecord,
  stepMember,
  type EmbeddingHandler,
  type EmbeddingReducer,
} from './kit.js'
import { memberMachine } from './machine.js'
import { isSubstantiveAct } from './queries/index.js'
import { embeddingRules } from './rules.js'

// ---------------------------------------------------------------------------------------------
// Handlers

const recordMemberAct: EmbeddingHandler<'recordMemberAct'> = (c, s) =>
  pipe(
    memberOf(s, c.member),
    E.tap((member) => bySecretaryOf(s, c, member.organisation)),
    E.tap(() => notOwnRecord(c, c.member)),
    E.flatMap((member) =>
      memberMachine.next(member.status, c.type, {
        [embeddingRules.substantiveAct.id]: isSubstantiveAct(c.act),
      }),
    ),
    E.map((status): ReadonlyArray<EmbeddingEvent> => [
      {
        type: 'memberActed',
        ...stamp(c),
        person: c.member,
        status,
        act: c.act,
        occasion: c.occasion,
      },
    ]),
  )

/** The handlers of the depth of embedding: recording what members do. */
export const depthHandlers = { recordMemberAct }

// ---------------------------------------------------------------------------------------------
// Reducers

const memberActed: EmbeddingReducer<'memberActed'> = (draft, e) => {
  stepMember(draft, e)?.acts.push({ act: e.act, occasion: e.occasion, at: e.at })
}

/** The reducers of the depth of embedding. */
export const depthReducers = { memberActed }
