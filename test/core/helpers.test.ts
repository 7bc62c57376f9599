/**
 * The small core helpers the mechanisms share: checks run in order, several commands decided as
 * one, calendar years on an instant, and removing from a collection.
 */
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { produce } from 'immer'
import { describe, expect, it } from 'vitest'
import {
  addYears,
  checkAll,
  decideAfter,
  decideInOrder,
  emptyCollection,
  insert,
  instant,
  lookup,
  lookupAll,
  remove,
  replay,
  refuseWhen,
  ruleViolation,
  sizeOf,
  type Collection,
} from '../../src/core/index.js'
import { count, decodeOrThrow, left, resetTally, right, tally, TallyCommand } from './fixtures.js'

describe('checkAll, refuseWhen and decideAfter', () => {
  it('stop at the first refusal, without running the checks after it', () => {
    const ran: string[] = []
    const check = (name: string, refused: boolean) => () => {
      ran.push(name)
      return refuseWhen(refused, () => ruleViolation(name, name))
    }
    expect(left(checkAll(check('a', false), check('b', true), check('c', true)))).toMatchObject({
      rule: 'b',
    })
    expect(ran).toEqual(['a', 'b'])
  })

  it('build the decision only when every check passed', () => {
    let built = 0
    const decision = () => {
      built += 1
      return E.right(['event'])
    }
    expect(
      left(decideAfter([() => refuseWhen(true, () => ruleViolation('no', 'no'))], decision)),
    ).toMatchObject({ rule: 'no' })
    expect(built).toBe(0)
    expect(
      right(decideAfter([() => refuseWhen(false, () => ruleViolation('no', 'no'))], decision)),
    ).toEqual(['event'])
    expect(built).toBe(1)
  })
})

describe('decideInOrder: several commands as one decision', () => {
  const commands = (...raw: ReadonlyArray<Record<string, unknown>>) =>
    raw.map((c) => decodeOrThrow(TallyCommand, c))

  it('decides each command on the state the earlier ones produced', () => {
    // A reset needs a total above zero: it passes only after the count before it.
    const decided = right(
      decideInOrder(
        tally,
        tally.initialState,
        commands(count('c1', 3), resetTally('c2')),
        undefined,
      ),
    )
    expect(decided.events.map((e) => e.type)).toEqual(['counted', 'tallyReset'])
    expect(decided.state).toEqual({ total: 0, resets: 1 })
    expect(decided.state).toEqual(replay(tally, decided.events))
  })

  it('refuses them all when one is refused', () => {
    expect(
      left(
        decideInOrder(
          tally,
          tally.initialState,
          commands(resetTally('c1'), count('c2', 1)),
          undefined,
        ),
      ),
    ).toMatchObject({ code: 'RuleViolation', rule: 'nothing-to-reset' })
  })
})

describe('addYears: the same wall-clock time, calendar years later', () => {
  it('keeps the zone and the time of day', () => {
    expect(addYears(instant('2024-03-15T10:30:00+08:00'), 1)).toBe('2025-03-15T10:30:00+08:00')
    expect(addYears(instant('2024-03-15T10:30:00.250Z'), 2)).toBe('2026-03-15T10:30:00.250Z')
  })

  it('turns 29 February of a year without one into 1 March', () => {
    expect(addYears(instant('2024-02-29T09:00:00+08:00'), 1)).toBe('2025-03-01T09:00:00+08:00')
    expect(addYears(instant('2024-02-29T09:00:00+08:00'), 4)).toBe('2028-02-29T09:00:00+08:00')
  })

  it('refuses a year it cannot write, as a programmer error', () => {
    expect(() => addYears(instant('9999-01-01T00:00:00Z'), 1)).toThrow(RangeError)
    expect(() => addYears(instant('2024-01-01T00:00:00Z'), 0.5)).toThrow(TypeError)
  })
})

describe('remove: an entry out of a collection', () => {
  it('removes what insert put in, and a collection emptied equals one never filled', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { maxLength: 30 }),
        (keys) => {
          const filled = produce(emptyCollection<string, number>(), (draft) => {
            keys.forEach((k, i) => {
              insert(draft, k, i)
            })
          })
          expect(sizeOf(filled)).toBe(keys.length)
          const emptied: Collection<string, number> = produce(filled, (draft) => {
            for (const k of keys) remove(draft, k)
          })
          for (const k of keys) expect(lookup(emptied, k)).toBeUndefined()
          expect(emptied).toEqual(emptyCollection())
        },
      ),
    )
  })

  it('leaves the collection as it is for a key it does not hold', () => {
    const one = produce(emptyCollection<string, number>(), (draft) => {
      insert(draft, 'a', 1)
    })
    expect(
      produce(one, (draft) => {
        remove(draft, 'b')
      }),
    ).toBe(one)
  })
})

describe('lookupAll: the entries behind a list of keys', () => {
  it('keeps the keys’ order and skips the keys with no entry', () => {
    const c = produce(emptyCollection<string, number>(), (draft) => {
      insert(draft, 'a', 1)
      insert(draft, 'b', 2)
    })
    expect(lookupAll(c, ['b', 'missing', 'a', 'toString'])).toEqual([2, 1])
  })
})
