import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lookup, replay, valuesOf } from '../../src/core/index.js'
import { community, rolesOf, type RegistryState } from '../../src/community/index.js'
import { CLERK, seedStreet, STREET } from './fixtures.js'

// Mostly the street registrar, so that logs grow; others to exercise the authorisation check.
const actors = fc.oneof(
  { arbitrary: fc.constant(CLERK), weight: 6 },
  { arbitrary: fc.constantFrom('p-zhou', 'p-wang', 'p-east-clerk'), weight: 2 },
)
const communityId = fc.constantFrom('c-east', 'c-west', 'c-3')
const gridId = fc.constantFrom('g-east', 'g-west', 'g-3')
const compoundId = fc.constantFrom('k-east', 'k-2')
const personId = fc.constantFrom('p-zhou', 'p-wang', 'p-east-clerk', 'p-chen', 'p-new')
const orgId = fc.constantFrom('o-street', 'o-east', 'o-1', 'o-2', 'o-3')
const assignmentId = fc.constantFrom(
  'as-east-clerk',
  'as-zhou-street',
  'as-1',
  'as-2',
  'as-3',
  'as-4',
)
const placeRef = fc.oneof(
  fc.constant({ level: 'street', id: STREET }),
  communityId.map((id) => ({ level: 'community', id })),
  gridId.map((id) => ({ level: 'grid', id })),
  compoundId.map((id) => ({ level: 'compound', id })),
)
const scopeRef = fc.oneof(
  placeRef,
  orgId.map((id) => ({ level: 'organisation', id })),
)
const name = fc.constantFrom('A', 'B', 'Name 名')

/** Random registry commands over small id pools, so that many are accepted and many refused. */
const registryCommand = fc.oneof(
  fc.record({
    type: fc.constant('registerCommunity'),
    community: communityId,
    name,
    settlement: fc.constantFrom('community', 'village'),
  }),
  fc.record({ type: fc.constant('registerGrid'), grid: gridId, community: communityId, name }),
  fc.record({ type: fc.constant('registerCompound'), compound: compoundId, grid: gridId, name }),
  fc.record({
    type: fc.constant('registerPerson'),
    person: personId,
    name,
    household: fc.oneof(
      fc.constant({ status: 'registered' }),
      fc.constant({ status: 'migrant', origin: 'Honghu' }),
    ),
    home: fc.option(placeRef, { nil: null }),
  }),
  fc.record({ type: fc.constant('moveResident'), person: personId, to: placeRef }),
  fc.record({ type: fc.constant('recordDeparture'), person: personId, destination: name }),
  fc.record({ type: fc.constant('renamePlace'), place: placeRef, name }),
  fc.record({
    type: fc.constant('changeHousehold'),
    person: personId,
    household: fc.oneof(
      fc.constant({ status: 'registered' }),
      fc.constant({ status: 'migrant', origin: 'Honghu' }),
    ),
  }),
  fc.record({ type: fc.constant('renameOrganisation'), organisation: orgId, name }),
  fc.record({
    type: fc.constant('registerOrganisation'),
    organisation: fc.oneof(
      fc.record({
        kind: fc.constant('party-committee'),
        id: orgId,
        name,
        seat: placeRef,
        parent: fc.option(orgId, { nil: null }),
      }),
      fc.record({
        kind: fc.constant('party-branch'),
        id: orgId,
        name,
        seat: placeRef,
        parent: orgId,
        branch: fc.constant({ kind: 'grid' }),
      }),
      fc.record({
        kind: fc.constant('party-group'),
        id: orgId,
        name,
        seat: placeRef,
        parent: orgId,
      }),
      fc.record({
        kind: fc.constant('social-organisation'),
        id: orgId,
        name,
        seat: placeRef,
        origin: fc.constantFrom('cultivated', 'purchased'),
      }),
    ),
  }),
  fc.record({ type: fc.constant('dissolveOrganisation'), organisation: orgId, reason: name }),
  fc.record({
    type: fc.constant('appointRole'),
    assignment: assignmentId,
    person: personId,
    role: fc.constantFrom('registrar', 'secretary', 'volunteer', 'grid-worker'),
    scope: scopeRef,
  }),
  fc.record({ type: fc.constant('endRole'), assignment: assignmentId, reason: name }),
)

const activeSecretaries = (s: RegistryState, organisation: string): number =>
  valuesOf(s.assignments).filter(
    (a) =>
      a.role === 'secretary' &&
      a.until === null &&
      a.scope.level === 'organisation' &&
      a.scope.id === organisation,
  ).length

describe('replaying the registry', () => {
  it('replaying any accepted event log gives the state the engine built step by step', async () => {
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(actors, registryCommand), { minLength: 10, maxLength: 60 }),
        async (commands) => {
          // Start from a seeded street so that most commands have something to act on.
          const r = await seedStreet()
          const seeded = r.store.readAll().length
          for (const [actor, { type, ...payload }] of commands) await r.send(actor, type, payload)

          const engineState = await r.state()
          const events = r.store.readAll().map((s) => s.event)
          accepted += events.length - seeded
          // One batch (evolveAll), one event at a time (evolve), and the engine agree.
          expect(replay(community, events)).toEqual(engineState)
          expect(events.reduce(community.evolve, community.initialState)).toEqual(engineState)
          // The state is plain JSON: a snapshot can be stored and reloaded.
          expect(JSON.parse(JSON.stringify(engineState))).toEqual(engineState)
          // The indexes of held posts say exactly what the assignments say.
          const held = valuesOf(engineState.assignments).filter((a) => a.until === null)
          for (const person of new Set(held.map((a) => a.person)))
            expect([...rolesOf(engineState, person)].map((a) => a.id).sort()).toEqual(
              held
                .filter((a) => a.person === person)
                .map((a) => a.id)
                .sort(),
            )
          expect(valuesOf(engineState.heldPosts).flat().length).toBe(held.length)
          expect(valuesOf(engineState.postHolders).flat().length).toBe(held.length)
          // The registry's invariants hold whatever was attempted.
          for (const grid of valuesOf(engineState.grids))
            expect(lookup(engineState.communities, grid.community)).toBeDefined()
          for (const o of valuesOf(engineState.organisations)) {
            if ('parent' in o && o.parent !== null)
              expect(lookup(engineState.organisations, o.parent)).toBeDefined()
            expect(activeSecretaries(engineState, o.id)).toBeLessThanOrEqual(1)
          }
        },
      ),
      { numRuns: 100 },
    )
    // The generator must exercise real logs, not only refusals.
    expect(accepted).toBeGreaterThan(150)
  })
})
