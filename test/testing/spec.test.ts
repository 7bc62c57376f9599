import { describe, expect, it } from 'vitest'
import { community, communityRules } from '../../src/community/index.js'
import { commandsFor, SpecFailure, specFor, stateFromEvents } from '../../src/testing/index.js'

// The test kit is how the rules are specified: given events, when a command, then events or a
// refusal, over the pure decider. These tests hold the kit itself to what it promises.

const AT = '2024-04-24T09:00:00+08:00'
const cmd = commandsFor(community, { at: AT, actor: 'p-clerk' })
const spec = specFor(community)

const openRegistry = cmd.openRegistry({
  street: 's-street',
  name: 'S Street',
  registrar: 'p-clerk',
  registrarName: 'Clerk Liang',
  assignment: 'as-clerk',
})

describe('the test kit (governance-kit/testing)', () => {
  it('fills in the envelope of each command, with a fresh command id each time', () => {
    const c = commandsFor(community, { at: AT, actor: 'p-clerk' }, 'k')
    const one = c.registerGrid({ street: 's', grid: 'g', community: 'c', name: 'G' })
    const two = c.registerGrid({ street: 's', grid: 'g', community: 'c', name: 'G', actor: 'p-2' })
    expect(one).toEqual({
      type: 'registerGrid',
      commandId: 'k-1',
      at: AT,
      actor: 'p-clerk',
      street: 's',
      grid: 'g',
      community: 'c',
      name: 'G',
    })
    expect(two.commandId).toBe('k-2')
    expect(two.actor).toBe('p-2')
  })

  it('given no events, when the registry opens, then its opening is the one event', () => {
    const then = spec.given([]).when(openRegistry).then()
    expect(then.events.map((e) => e.type)).toEqual(['registryOpened'])
    expect(then.state.street?.id).toBe('s-street')
    // The point after the events is the state the events fold to from the history.
    expect(stateFromEvents(community, then.events)).toEqual(then.state)
  })

  it('compares the events with those expected, as JSON, and fails with both when they differ', () => {
    const events = spec.given([]).when(openRegistry).then().events
    expect(() => spec.given([]).when(openRegistry).then(events)).not.toThrow()
    const wrong = [{ ...events[0], name: 'T Street' }]
    const failure = catchFailure(() => spec.given([]).when(openRegistry).then(wrong))
    expect(failure.expected).toEqual(wrong)
    expect(failure.actual).toEqual(events)
    expect(failure.showDiff).toBe(true)
  })

  it('goes on from the state after the events: a registry cannot open twice', () => {
    spec
      .given([])
      .when(openRegistry)
      .then()
      .when(cmd.openRegistry({ ...openRegistry, commandId: 'again' }))
      .thenRefused('AlreadyExists')
  })

  it('matches a refusal by rule, by code, or by some of its fields', () => {
    const opened = spec.given([]).when(openRegistry).then()
    const stranger = cmd.registerCommunity({
      street: 's-street',
      community: 'c-east',
      name: 'East',
      settlement: 'community',
      actor: 'p-stranger',
    })
    const refusal = opened.when(stranger).thenRefused('Forbidden')
    expect(refusal.code).toBe('Forbidden')
    opened.when(stranger).thenRefused({ code: 'Forbidden', actor: 'p-stranger' })
    expect(() => opened.when(stranger).thenRefused({ code: 'Forbidden', actor: 'p-x' })).toThrow(
      SpecFailure,
    )
    expect(() => opened.when(stranger).thenRefused(communityRules.notAResident)).toThrow(
      SpecFailure,
    )
  })

  it('fails a spec whose command is refused when it expected events, and the other way round', () => {
    const refused = catchFailure(() =>
      spec
        .given([])
        .when(
          cmd.registerGrid({
            street: 's-street',
            grid: 'g-1',
            community: 'c-east',
            name: 'East grid 1',
          }),
        )
        .then(),
    )
    expect(refused.message).toMatch(/refused/)
    const accepted = catchFailure(() => spec.given([]).when(openRegistry).thenRefused('Forbidden'))
    expect(accepted.message).toMatch(/accepted/)
  })

  it('decodes the command first: bad input is refused with the path of the bad field', () => {
    const refusal = spec
      .given([])
      .when({ ...openRegistry, street: 42 })
      .thenRefused('DecodeError')
    expect(refusal.code === 'DecodeError' && refusal.issues.map((i) => i.path)).toEqual([
      '$.street',
    ])
  })

  it('refuses a fixture whose events the codec refuses, naming the event and the field', () => {
    const events = spec.given([]).when(openRegistry).then().events
    const failure = catchFailure(() => stateFromEvents(community, [{ ...events[0], at: 'noon' }]))
    expect(failure.message).toMatch(/^event 0 is not a valid event: \$\.at/)
  })
})

const catchFailure = (run: () => unknown): SpecFailure => {
  try {
    run()
  } catch (e) {
    if (e instanceof SpecFailure) return e
    throw e
  }
  throw new Error('expected a SpecFailure')
}
