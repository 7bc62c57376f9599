import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  AssignmentId,
  CommunityId,
  GridId,
  lookup,
  OrganisationId,
  PersonId,
  StreetId,
  type DomainError,
} from '../../src/core/index.js'
import {
  authorise,
  concurrentPosts,
  holdsRole,
  narrateCommunityEvent,
  partyTree,
  placeTree,
  roleHolders,
  rolesOf,
  scopeChain,
  type RegistryState,
} from '../../src/community/index.js'
import {
  CLERK,
  createRegistry,
  org,
  place,
  refusal,
  registerSocialOrganisationWithBranch,
  seedStreet,
  STREET,
} from './fixtures.js'

const branch = (id: string, seat: object, parent: string, setting: object = { kind: 'grid' }) => ({
  organisation: { kind: 'party-branch', id, name: `Branch ${id}`, seat, parent, branch: setting },
})

describe('the registry opens once per street', () => {
  it('refuses every command before the registry is opened', async () => {
    const r = createRegistry()
    const error = refusal(
      await r.send(CLERK, 'registerCommunity', {
        community: 'c-1',
        name: 'C',
        settlement: 'community',
      }),
    )
    expect(error).toMatchObject({ code: 'NotFound', entity: 'street registry', id: STREET })
    expect(r.store.readAll()).toHaveLength(0)
  })

  it('opening appoints the first registrar over the street', async () => {
    const r = await seedStreet()
    const s = await r.state()
    expect(
      holdsRole(s, PersonId.make(CLERK), 'registrar', {
        level: 'street',
        id: s.street?.id ?? ('' as never),
      }),
    ).toBe(true)
  })

  it('cannot be opened twice', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send(CLERK, 'openRegistry', {
        name: 'Again',
        registrar: CLERK,
        registrarName: 'x',
        assignment: 'as-2',
      }),
    )
    expect(error.code).toBe('AlreadyExists')
  })
})

describe('places nest street ⊃ community ⊃ grid ⊃ compound ⊃ entrance', () => {
  it('a grid cannot be registered outside an existing community', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send(CLERK, 'registerGrid', { grid: 'g-x', community: 'c-nowhere', name: 'X' }),
    )
    expect(error).toMatchObject({ code: 'NotFound', entity: 'community', id: 'c-nowhere' })
  })

  it('a compound needs its grid and an entrance its compound', async () => {
    const r = await seedStreet()
    expect(
      refusal(
        await r.send(CLERK, 'registerCompound', { compound: 'k-x', grid: 'g-none', name: 'X' }),
      ),
    ).toMatchObject({
      code: 'NotFound',
      entity: 'grid',
    })
    expect(
      refusal(
        await r.send(CLERK, 'registerEntrance', { entrance: 'e-x', compound: 'k-none', name: 'X' }),
      ),
    ).toMatchObject({
      code: 'NotFound',
      entity: 'compound',
    })
  })

  it('ids are unique per kind of place', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send(CLERK, 'registerGrid', { grid: 'g-east', community: 'c-west', name: 'Dup' }),
    )
    expect(error).toMatchObject({ code: 'AlreadyExists', entity: 'grid', id: 'g-east' })
  })

  it('the place tree nests every place under its parent', async () => {
    const r = await seedStreet()
    const tree = placeTree(await r.state())
    expect(tree?.name).toBe('S Street')
    const east = tree?.children.find((c) => c.place.id === 'c-east')
    expect(east?.children.map((g) => g.name)).toEqual(['East grid'])
    expect(east?.children[0]?.children[0]?.children.map((e) => e.name)).toEqual(['Entrance A'])
    expect(
      tree?.children.find((c) => c.place.id === 'c-west')?.children.map((g) => g.name),
    ).toEqual(['West grid'])
  })
})

describe('authorisation: a role in the command’s scope or a scope above it', () => {
  it('a community registrar registers grids in their community', async () => {
    const r = await seedStreet()
    await r.must('p-east-clerk', 'registerGrid', {
      grid: 'g-east-2',
      community: 'c-east',
      name: 'East 2',
    })
  })

  it('a community registrar may not register grids in another community', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send('p-east-clerk', 'registerGrid', {
        grid: 'g-w2',
        community: 'c-west',
        name: 'W2',
      }),
    )
    expect(error).toMatchObject({
      code: 'Forbidden',
      actor: 'p-east-clerk',
      command: 'registerGrid',
      missingRole: ['registrar@community:c-west'],
    })
  })

  it('a resident with no role may not register anything', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send('p-wang', 'registerCommunity', {
        community: 'c-3',
        name: 'C3',
        settlement: 'community',
      }),
    )
    expect(error.code).toBe('Forbidden')
  })

  it('the secretary of a committee founds branches under it; a branch secretary may not found siblings', async () => {
    const r = await seedStreet()
    await r.must(
      'p-zhou',
      'registerOrganisation',
      branch('o-b1', place('grid', 'g-east'), 'o-east'),
    )
    await r.must('p-zhou', 'appointRole', {
      assignment: 'as-chen-b1',
      person: 'p-chen',
      role: 'secretary',
      scope: org('o-b1'),
    })
    const error = refusal(
      await r.send(
        'p-chen',
        'registerOrganisation',
        branch('o-b2', place('grid', 'g-east'), 'o-east'),
      ),
    )
    expect(error).toMatchObject({
      code: 'Forbidden',
      missingRole: ['secretary@organisation:o-east'],
    })
  })

  it('an ended role no longer authorises', async () => {
    const r = await seedStreet()
    await r.must(CLERK, 'endRole', { assignment: 'as-east-clerk', reason: 'Transferred' })
    const error = refusal(
      await r.send('p-east-clerk', 'registerGrid', {
        grid: 'g-e3',
        community: 'c-east',
        name: 'E3',
      }),
    )
    expect(error.code).toBe('Forbidden')
  })

  it('the scope chain of a branch runs through its committees, then its seat and the places above', async () => {
    const r = await seedStreet()
    await r.must(
      'p-zhou',
      'registerOrganisation',
      branch('o-b1', place('grid', 'g-east'), 'o-east'),
    )
    const chain = scopeChain(await r.state(), { level: 'organisation', id: 'o-b1' as never })
    expect(chain.map((s) => `${s.level}:${s.id}`)).toEqual([
      'organisation:o-b1',
      'organisation:o-east',
      'organisation:o-street',
      'grid:g-east',
      'community:c-east',
      `street:${STREET}`,
    ])
  })
})

describe('persons and household registration', () => {
  it('a migrant must say where they come from', async () => {
    const r = await seedStreet()
    const before = r.store.readAll().length
    const error = refusal(
      await r.send(CLERK, 'registerPerson', {
        person: 'p-x',
        name: 'X',
        household: { status: 'migrant' },
        home: null,
      }),
    )
    expect(error.code).toBe('DecodeError')
    if (error.code === 'DecodeError')
      expect(error.issues.map((i) => i.path)).toEqual(['$.household.origin'])
    expect(r.store.readAll()).toHaveLength(before)
  })

  it('a person cannot be registered twice', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send(CLERK, 'registerPerson', {
        person: 'p-wang',
        name: 'W',
        household: { status: 'registered' },
        home: null,
      }),
    )
    expect(error).toMatchObject({ code: 'AlreadyExists', entity: 'person' })
  })

  it('a person whose id is an inherited name (toString) is a person like any other', async () => {
    const r = await seedStreet()
    expect(
      refusal(
        await r.send(CLERK, 'moveResident', { person: 'toString', to: place('grid', 'g-west') }),
      ),
    ).toMatchObject({
      code: 'NotFound',
      entity: 'person',
    })
    await r.must(CLERK, 'registerPerson', {
      person: 'toString',
      name: 'T',
      household: { status: 'registered' },
      home: null,
    })
    expect(lookup((await r.state()).persons, PersonId.make('toString'))?.name).toBe('T')
  })

  it('moving a resident keeps the old home in their history', async () => {
    const r = await seedStreet()
    await r.must(CLERK, 'moveResident', { person: 'p-wang', to: place('grid', 'g-west') })
    await r.must(CLERK, 'recordDeparture', { person: 'p-wang', destination: 'Honghu, Hubei' })
    const wang = lookup((await r.state()).persons, PersonId.make('p-wang'))
    expect(wang?.home).toBeNull()
    expect(wang?.moves.map((m) => [m.from?.id ?? null, m.to?.id ?? null, m.destination])).toEqual([
      ['e-east', 'g-west', null],
      ['g-west', null, 'Honghu, Hubei'],
    ])
  })

  it('a resident cannot be moved to where they already live', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send(CLERK, 'moveResident', { person: 'p-wang', to: place('entrance', 'e-east') }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'move-to-same-home' })
  })

  it('a departure needs a home to leave', async () => {
    const r = await seedStreet()
    await r.must(CLERK, 'registerPerson', {
      person: 'p-cadre',
      name: 'District cadre',
      household: { status: 'registered' },
      home: null,
    })
    const error = refusal(
      await r.send(CLERK, 'recordDeparture', { person: 'p-cadre', destination: 'Elsewhere' }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'not-a-resident' })
  })

  it('a community registrar may not move someone out of another community', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send('p-east-clerk', 'moveResident', {
        person: 'p-chen',
        to: place('community', 'c-east'),
      }),
    )
    expect(error).toMatchObject({ code: 'Forbidden', missingRole: ['registrar@community:c-west'] })
  })
})

describe('changing what the registry holds', () => {
  it('renaming a place keeps its id and records the old name', async () => {
    const r = await seedStreet()
    const renamed = await r.must(CLERK, 'renamePlace', {
      place: place('grid', 'g-east'),
      name: 'Riverside grid',
    })
    expect(renamed.events[0]?.event).toMatchObject({
      type: 'placeRenamed',
      from: 'East grid',
      to: 'Riverside grid',
    })
    const tree = placeTree(await r.state())
    expect(tree?.children[0]?.children[0]?.name).toBe('Riverside grid')
  })

  it('renaming to the current name records nothing', async () => {
    const r = await seedStreet()
    const before = r.store.readAll().length
    const result = await r.must(CLERK, 'renamePlace', {
      place: place('community', 'c-east'),
      name: 'East',
    })
    expect(result.events).toEqual([])
    expect(r.store.readAll()).toHaveLength(before)
  })

  it('a community registrar may not rename another community', async () => {
    const r = await seedStreet()
    expect(
      refusal(
        await r.send('p-east-clerk', 'renamePlace', {
          place: place('community', 'c-west'),
          name: 'W',
        }),
      ),
    ).toMatchObject({ code: 'Forbidden' })
  })

  it('a migrant who settles keeps the earlier registration in their history', async () => {
    const r = await seedStreet()
    await r.must(CLERK, 'changeHousehold', {
      person: 'p-wang',
      household: { status: 'registered' },
    })
    const wang = lookup((await r.state()).persons, PersonId.make('p-wang'))
    expect(wang?.household).toEqual({ status: 'registered' })
    expect(wang?.householdChanges.map((h) => [h.from, h.to])).toEqual([
      [{ status: 'migrant', origin: 'Honghu, Hubei' }, { status: 'registered' }],
    ])
  })

  it('a dissolved organisation cannot be renamed', async () => {
    const r = await seedStreet()
    await r.must('p-zhou', 'renameOrganisation', { organisation: 'o-east', name: 'East Committee' })
    await r.must('p-zhou', 'dissolveOrganisation', { organisation: 'o-east', reason: 'Merged' })
    expect(
      refusal(
        await r.send('p-zhou', 'renameOrganisation', { organisation: 'o-east', name: 'Renamed' }),
      ),
    ).toMatchObject({ code: 'IllegalTransition', machine: 'organisation', state: 'dissolved' })
    expect(lookup((await r.state()).organisations, OrganisationId.make('o-east'))?.name).toBe(
      'East Committee',
    )
  })
})

describe('the party-organisation tree', () => {
  it('a party group sits under a branch, not under a committee', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send('p-zhou', 'registerOrganisation', {
        organisation: {
          kind: 'party-group',
          id: 'o-g',
          name: 'G',
          seat: place('grid', 'g-east'),
          parent: 'o-east',
        },
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'parent-kind' })
  })

  it('a branch must sit inside the place of its parent', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send(
        'p-zhou',
        'registerOrganisation',
        branch('o-b', place('grid', 'g-west'), 'o-east'),
      ),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'seat-within-parent' })
  })

  it('a residents’ committee sits in a community, not a grid', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send(CLERK, 'registerOrganisation', {
        organisation: {
          kind: 'residents-committee',
          id: 'o-rc',
          name: 'RC',
          seat: place('grid', 'g-east'),
        },
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'seat-level' })
  })

  it('a branch’s parent must exist', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send(
        CLERK,
        'registerOrganisation',
        branch('o-b', place('grid', 'g-east'), 'o-missing'),
      ),
    )
    expect(error).toMatchObject({ code: 'NotFound', entity: 'organisation', id: 'o-missing' })
  })

  it('a social-organisation branch sits inside an active social organisation', async () => {
    const r = await seedStreet()
    await r.must(CLERK, 'registerOrganisation', {
      organisation: {
        kind: 'property-company',
        id: 'o-pm',
        name: 'Property Co',
        seat: place('community', 'c-east'),
      },
    })
    const error = refusal(
      await r.send(
        'p-zhou',
        'registerOrganisation',
        branch('o-b', place('community', 'c-east'), 'o-east', {
          kind: 'social-organisation',
          host: 'o-pm',
        }),
      ),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'branch-host' })
    // With a real social organisation as host, the same kind of branch is accepted.
    await registerSocialOrganisationWithBranch(r)
  })

  it('a floating branch records its home organisation and origin (dual management)', async () => {
    const r = await seedStreet()
    await r.must(
      'p-zhou',
      'registerOrganisation',
      branch('o-float', place('street', STREET), 'o-street', {
        kind: 'floating',
        homeOrganisation: 'Honghu County Committee',
        origin: 'Honghu, Hubei',
      }),
    )
    const o = lookup((await r.state()).organisations, OrganisationId.make('o-float'))
    expect(o).toMatchObject({
      kind: 'party-branch',
      branch: { kind: 'floating', origin: 'Honghu, Hubei' },
      status: 'active',
    })
  })

  it('a committee with active branches cannot be dissolved; once they are, it can — once', async () => {
    const r = await seedStreet()
    await r.must(
      'p-zhou',
      'registerOrganisation',
      branch('o-b1', place('grid', 'g-east'), 'o-east'),
    )
    expect(
      refusal(
        await r.send('p-zhou', 'dissolveOrganisation', {
          organisation: 'o-east',
          reason: 'Merged',
        }),
      ),
    ).toMatchObject({
      code: 'RuleViolation',
      rule: 'no-active-sub-organisations',
    })
    await r.must('p-zhou', 'dissolveOrganisation', { organisation: 'o-b1', reason: 'Merged' })
    await r.must('p-zhou', 'dissolveOrganisation', { organisation: 'o-east', reason: 'Merged' })
    expect(
      refusal(
        await r.send('p-zhou', 'dissolveOrganisation', { organisation: 'o-east', reason: 'Again' }),
      ),
    ).toMatchObject({
      code: 'IllegalTransition',
      machine: 'organisation',
      state: 'dissolved',
      command: 'dissolveOrganisation',
    })
  })

  it('nothing new is founded under a dissolved parent', async () => {
    const r = await seedStreet()
    await r.must('p-zhou', 'dissolveOrganisation', { organisation: 'o-east', reason: 'Merged' })
    const error = refusal(
      await r.send(
        'p-zhou',
        'registerOrganisation',
        branch('o-b', place('grid', 'g-east'), 'o-east'),
      ),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'parent-active' })
  })

  it('the party tree nests committees, branches and groups with their leaders', async () => {
    const r = await seedStreet()
    await r.must(
      'p-zhou',
      'registerOrganisation',
      branch('o-b1', place('grid', 'g-east'), 'o-east'),
    )
    await r.must('p-zhou', 'registerOrganisation', {
      organisation: {
        kind: 'party-group',
        id: 'o-g1',
        name: 'Group 1',
        seat: place('compound', 'k-east'),
        parent: 'o-b1',
      },
    })
    const [root, ...others] = partyTree(await r.state())
    expect(others).toHaveLength(0)
    expect(root?.organisation.id).toBe('o-street')
    expect(root?.leaders).toEqual([{ role: 'secretary', person: 'p-zhou', name: 'Zhou Min' }])
    expect(root?.children[0]?.children[0]?.children[0]?.organisation.id).toBe('o-g1')
  })
})

describe('what a branch’s kind asks of it', () => {
  it('a grid branch sits in a grid, not over the whole street', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send(
        'p-zhou',
        'registerOrganisation',
        branch('o-b', place('street', STREET), 'o-street'),
      ),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'branch-seat' })
  })

  it('a social organisation hosting an active branch cannot be dissolved', async () => {
    const r = await seedStreet()
    await registerSocialOrganisationWithBranch(r)
    const error = refusal(
      await r.send(CLERK, 'dissolveOrganisation', {
        organisation: 'o-so',
        reason: 'Contract ended',
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'no-active-sub-organisations' })
  })

  it('naming a missing parent is reported as missing, whoever asks', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send(
        'p-wang',
        'registerOrganisation',
        branch('o-b', place('grid', 'g-east'), 'o-missing'),
      ),
    )
    expect(error).toMatchObject({ code: 'NotFound', entity: 'organisation', id: 'o-missing' })
  })
})

describe('dissolving an organisation ends the posts held over it', () => {
  it('the secretary of a dissolved committee no longer founds anything', async () => {
    const r = await seedStreet()
    await r.must('p-zhou', 'appointRole', {
      assignment: 'as-chen-east',
      person: 'p-chen',
      role: 'secretary',
      scope: org('o-east'),
    })
    const dissolved = await r.must('p-zhou', 'dissolveOrganisation', {
      organisation: 'o-east',
      reason: 'Merged',
    })
    expect(dissolved.events.map((e) => e.event.type)).toEqual([
      'organisationDissolved',
      'roleEnded',
    ])
    const s = await r.state()
    expect(
      holdsRole(s, PersonId.make('p-chen'), 'secretary', {
        level: 'organisation',
        id: OrganisationId.make('o-east'),
      }),
    ).toBe(false)
    expect(concurrentPosts(s)).toEqual([])
  })
})

describe('the street always keeps a registrar', () => {
  it('the last street registrar cannot leave the post until another is appointed', async () => {
    const r = await seedStreet()
    expect(
      refusal(await r.send(CLERK, 'endRole', { assignment: 'as-clerk', reason: 'Retired' })),
    ).toMatchObject({
      code: 'RuleViolation',
      rule: 'last-street-registrar',
    })
    await r.must(CLERK, 'appointRole', {
      assignment: 'as-clerk-2',
      person: 'p-chen',
      role: 'registrar',
      scope: place('street', STREET),
    })
    await r.must(CLERK, 'endRole', { assignment: 'as-clerk', reason: 'Retired' })
    await r.must('p-chen', 'registerCommunity', {
      community: 'c-north',
      name: 'North',
      settlement: 'community',
    })
  })
})

describe('a registry’s record runs forward (earlier-than-last-event)', () => {
  /** A refusal that stored nothing and left the state as it was. */
  const refusedWithoutTrace = async (
    r: Awaited<ReturnType<typeof seedStreet>>,
    sending: () => Promise<E.Either<DomainError, unknown>>,
  ): Promise<DomainError> => {
    const stored = r.store.readAll().length
    const before = await r.state()
    const error = refusal(await sending())
    expect(r.store.readAll()).toHaveLength(stored)
    expect(await r.state()).toEqual(before)
    return error
  }

  it('an endRole dated before its appointRole is refused earlier-than-last-event and stores nothing', async () => {
    const r = await seedStreet()
    const appointed = await r.mustAt('2024-05-01T09:00:00+08:00', CLERK, 'appointRole', {
      assignment: 'as-wang-vol',
      person: 'p-wang',
      role: 'volunteer',
      scope: place('grid', 'g-east'),
    })
    expect(appointed.state.lastAt).toBe('2024-05-01T09:00:00+08:00')
    // Years before the post began: a post does not end before it began.
    expect(
      await refusedWithoutTrace(r, () =>
        r.sendAt('2021-05-01T09:00:00+08:00', CLERK, 'endRole', {
          assignment: 'as-wang-vol',
          reason: 'Back-dated',
        }),
      ),
    ).toMatchObject({ code: 'RuleViolation', rule: 'earlier-than-last-event' })
    const s = await r.state()
    expect(lookup(s.assignments, AssignmentId.make('as-wang-vol'))).toMatchObject({
      since: '2024-05-01T09:00:00+08:00',
      until: null,
    })
    const grid = { level: 'grid', id: GridId.make('g-east') } as const
    expect(holdsRole(s, PersonId.make('p-wang'), 'volunteer', grid)).toBe(true)
    // A minute earlier, written in another zone, is still earlier.
    expect(
      await refusedWithoutTrace(r, () =>
        r.sendAt('2024-05-01T00:59:00Z', CLERK, 'endRole', {
          assignment: 'as-wang-vol',
          reason: 'Back-dated',
        }),
      ),
    ).toMatchObject({ rule: 'earlier-than-last-event' })
    // The same instant as the last event is not earlier, however it is written.
    const ended = await r.mustAt('2024-05-01T01:00:00Z', CLERK, 'endRole', {
      assignment: 'as-wang-vol',
      reason: 'Moved on',
    })
    expect(ended.events.map((e) => e.event.type)).toEqual(['roleEnded'])
    expect(lookup((await r.state()).assignments, AssignmentId.make('as-wang-vol'))?.until).toBe(
      '2024-05-01T01:00:00Z',
    )
  })

  it.each([
    ['registerCommunity', { community: 'c-north', name: 'North', settlement: 'community' }],
    ['registerGrid', { grid: 'g-9', community: 'c-east', name: 'Grid 9' }],
    [
      'registerPerson',
      { person: 'p-new', name: 'New', household: { status: 'registered' }, home: null },
    ],
    ['moveResident', { person: 'p-zhou', to: place('community', 'c-west') }],
    ['recordDeparture', { person: 'p-wang', destination: 'Honghu' }],
    ['renamePlace', { place: place('community', 'c-east'), name: 'East Gate' }],
    [
      'appointRole',
      { assignment: 'as-9', person: 'p-chen', role: 'volunteer', scope: place('grid', 'g-west') },
    ],
    ['endRole', { assignment: 'as-east-clerk', reason: 'Retired' }],
    ['dissolveOrganisation', { organisation: 'o-east', reason: 'Merged' }],
    [
      'openRegistry',
      { name: 'S Street', registrar: CLERK, registrarName: 'Clerk', assignment: 'as-0' },
    ],
  ])(
    'every registry command is checked in one place: %s dated before the last event is refused',
    async (type, payload) => {
      const r = await seedStreet()
      const actor = type === 'dissolveOrganisation' ? 'p-zhou' : CLERK
      expect(
        await refusedWithoutTrace(r, () =>
          r.sendAt('2024-04-24T07:00:00+08:00', actor, type, payload),
        ),
      ).toMatchObject({ code: 'RuleViolation', rule: 'earlier-than-last-event' })
    },
  )

  it('an empty registry has no last event, and each event moves it on', async () => {
    const r = createRegistry()
    expect((await r.state()).lastAt).toBeNull()
    const opened = await r.mustAt('2020-01-01T09:00:00+08:00', CLERK, 'openRegistry', {
      name: 'S Street',
      registrar: CLERK,
      registrarName: 'Clerk Liang',
      assignment: 'as-clerk',
    })
    expect(opened.state.lastAt).toBe('2020-01-01T09:00:00+08:00')
  })
})

describe('a command is applied once per command id', () => {
  it('sending the same command twice stores its events once', async () => {
    const r = await seedStreet()
    const command = {
      type: 'registerGrid',
      commandId: 'cmd-grid-9',
      at: '2024-04-24T11:00:00+08:00',
      actor: CLERK,
      street: STREET,
      grid: 'g-9',
      community: 'c-east',
      name: 'Grid 9',
    }
    const first = await r.engine.handle(command)
    const second = await r.engine.handle({ ...command })
    expect(E.isRight(first) && E.isRight(second)).toBe(true)
    if (E.isRight(first) && E.isRight(second)) {
      expect(second.right.duplicate).toBe(true)
      expect(second.right.events).toEqual(first.right.events)
    }
    expect(r.store.readAll().filter((s) => s.commandId === 'cmd-grid-9')).toHaveLength(1)
  })

  it('reusing a command id for a different command is refused', async () => {
    const r = await seedStreet()
    const command = {
      type: 'registerGrid',
      commandId: 'cmd-grid-9',
      at: '2024-04-24T11:00:00+08:00',
      actor: CLERK,
      street: STREET,
      grid: 'g-9',
      community: 'c-east',
      name: 'Grid 9',
    }
    await r.engine.handle(command)
    const error = refusal(await r.engine.handle({ ...command, grid: 'g-10' }))
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'command-id-reused' })
    expect(
      r.store.readAll().some((s) => s.event.type === 'gridRegistered' && s.event.grid === 'g-10'),
    ).toBe(false)
  })
})

describe('the party tree answers to itself', () => {
  it('a registrar cannot graft a branch onto a committee: only the committee’s secretary can', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send(
        'p-east-clerk',
        'registerOrganisation',
        branch('o-b', place('grid', 'g-east'), 'o-east'),
      ),
    )
    expect(error).toMatchObject({
      code: 'Forbidden',
      missingRole: ['secretary@organisation:o-east'],
    })
  })

  it('a root party committee needs the street’s registrar, not a community’s', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send('p-east-clerk', 'registerOrganisation', {
        organisation: {
          kind: 'party-committee',
          id: 'o-rogue',
          name: 'Rogue',
          seat: place('community', 'c-east'),
          parent: null,
        },
      }),
    )
    expect(error).toMatchObject({ code: 'Forbidden', missingRole: [`registrar@street:${STREET}`] })
  })

  it('a street has one party tree: a second root committee is refused', async () => {
    const r = await seedStreet()
    const before = r.store.readAll().length
    const error = refusal(
      await r.send(CLERK, 'registerOrganisation', {
        organisation: {
          kind: 'party-committee',
          id: 'o-second-root',
          name: 'Second root',
          seat: place('community', 'c-east'),
          parent: null,
        },
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'one-party-root' })
    expect(r.store.readAll()).toHaveLength(before)
  })

  it('nobody appoints themselves', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send('p-zhou', 'appointRole', {
        assignment: 'as-self',
        person: 'p-zhou',
        role: 'secretary',
        scope: org('o-east'),
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'self-appointment' })
  })

  it('a branch sits where its host social organisation works', async () => {
    const r = await seedStreet()
    await r.must(CLERK, 'registerOrganisation', {
      organisation: {
        kind: 'social-organisation',
        id: 'o-west-so',
        name: 'West Centre',
        seat: place('community', 'c-west'),
        origin: 'cultivated',
      },
    })
    const error = refusal(
      await r.send(
        'p-zhou',
        'registerOrganisation',
        branch('o-b', place('community', 'c-east'), 'o-east', {
          kind: 'social-organisation',
          host: 'o-west-so',
        }),
      ),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'branch-host' })
  })
})

describe('leaving the street', () => {
  it('a departed resident’s posts end with the departure', async () => {
    const r = await seedStreet()
    await r.must(CLERK, 'appointRole', {
      assignment: 'as-wang-vol',
      person: 'p-wang',
      role: 'volunteer',
      scope: place('grid', 'g-east'),
    })
    const departed = await r.must(CLERK, 'recordDeparture', {
      person: 'p-wang',
      destination: 'Honghu',
    })
    expect(departed.events.map((e) => e.event.type)).toEqual(['residentDeparted', 'roleEnded'])
    expect(rolesOf(await r.state(), PersonId.make('p-wang'))).toEqual([])
  })

  it('a person with no home answers to the street: a community registrar cannot pull them in', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send('p-east-clerk', 'moveResident', {
        person: CLERK,
        to: place('community', 'c-east'),
      }),
    )
    expect(error).toMatchObject({ code: 'Forbidden', missingRole: [`registrar@street:${STREET}`] })
  })
})

describe('roles and concurrent posts 兼任', () => {
  it('a role is held only at the levels its table allows', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send(CLERK, 'appointRole', {
        assignment: 'as-x',
        person: 'p-wang',
        role: 'grid-worker',
        scope: place('community', 'c-east'),
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'role-scope' })
  })

  it('an organisation has one secretary at a time', async () => {
    const r = await seedStreet()
    const error = refusal(
      await r.send(CLERK, 'appointRole', {
        assignment: 'as-x',
        person: 'p-chen',
        role: 'secretary',
        scope: org('o-street'),
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'single-holder' })
    await r.must(CLERK, 'endRole', { assignment: 'as-zhou-street', reason: 'Term ended' })
    await r.must(CLERK, 'appointRole', {
      assignment: 'as-x',
      person: 'p-chen',
      role: 'secretary',
      scope: org('o-street'),
    })
  })

  it('nobody holds the same post twice', async () => {
    const r = await seedStreet()
    await r.must(CLERK, 'appointRole', {
      assignment: 'as-v1',
      person: 'p-wang',
      role: 'volunteer',
      scope: place('grid', 'g-east'),
    })
    const error = refusal(
      await r.send(CLERK, 'appointRole', {
        assignment: 'as-v2',
        person: 'p-wang',
        role: 'volunteer',
        scope: place('grid', 'g-east'),
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'already-holds-role' })
  })

  it('an ended post cannot be ended again', async () => {
    const r = await seedStreet()
    await r.must(CLERK, 'endRole', { assignment: 'as-east-clerk', reason: 'Moved' })
    expect(
      refusal(await r.send(CLERK, 'endRole', { assignment: 'as-east-clerk', reason: 'Again' })),
    ).toMatchObject({
      code: 'IllegalTransition',
      machine: 'assignment',
      state: 'ended',
    })
  })

  it('nobody is appointed over a dissolved organisation', async () => {
    const r = await seedStreet()
    await r.must('p-zhou', 'dissolveOrganisation', { organisation: 'o-east', reason: 'Merged' })
    const error = refusal(
      await r.send('p-zhou', 'appointRole', {
        assignment: 'as-x',
        person: 'p-chen',
        role: 'secretary',
        scope: org('o-east'),
      }),
    )
    expect(error).toMatchObject({ code: 'RuleViolation', rule: 'scope-active' })
  })

  it('a secretary heading two organisations is a concurrent post linking them', async () => {
    const r = await seedStreet()
    await registerSocialOrganisationWithBranch(r)
    await r.must(
      'p-zhou',
      'registerOrganisation',
      branch('o-float', place('street', STREET), 'o-street', {
        kind: 'floating',
        homeOrganisation: 'Home',
        origin: 'Honghu',
      }),
    )
    await r.must('p-zhou', 'appointRole', {
      assignment: 'as-c1',
      person: 'p-chen',
      role: 'secretary',
      scope: org('o-so-b'),
    })
    await r.must('p-zhou', 'appointRole', {
      assignment: 'as-c2',
      person: 'p-chen',
      role: 'secretary',
      scope: org('o-float'),
    })
    const s: RegistryState = await r.state()
    expect(concurrentPosts(s)).toEqual([
      {
        person: 'p-chen',
        personName: 'Chen Li',
        posts: [
          { role: 'secretary', organisation: 'o-so-b' },
          { role: 'secretary', organisation: 'o-float' },
        ],
      },
    ])
    expect(roleHolders(s).find((h) => h.person === 'p-chen')?.roles).toHaveLength(2)
  })
})

describe('narration', () => {
  it('tells each event in words with the names it knows', async () => {
    const r = await seedStreet()
    const s = await r.state()
    const lines = r.store.readAll().map((e) => narrateCommunityEvent(s, e.event))
    expect(lines[3]).toBe('Clerk Liang registered grid East grid in East')
    expect(lines).toContain('Clerk Liang appointed Zhou Min secretary of Street Working Committee')
  })
})

describe('bad input is refused with a path and changes nothing', () => {
  const cases: ReadonlyArray<readonly [string, unknown, string]> = [
    ['a wrong type', { type: 'registerGrid', grid: 'g-9', community: 'c-east', name: 7 }, '$.name'],
    ['a missing field', { type: 'registerGrid', grid: 'g-9', community: 'c-east' }, '$.name'],
    ['an unknown command type', { type: 'dropTables' }, '$.type'],
    [
      'an extra key',
      { type: 'registerGrid', grid: 'g-9', community: 'c-east', name: 'N', isAdmin: true },
      '$.isAdmin',
    ],
    [
      'a malformed id',
      { type: 'registerGrid', grid: 'g 9; drop', community: 'c-east', name: 'N' },
      '$.grid',
    ],
    [
      'a bad place level',
      { type: 'moveResident', person: 'p-wang', to: { level: 'planet', id: 'x' } },
      '$.to.level',
    ],
    [
      'a bad nested organisation',
      {
        type: 'registerOrganisation',
        organisation: {
          kind: 'party-branch',
          id: 'o-1',
          name: 'B',
          seat: { level: 'grid', id: 'g-east' },
          parent: 'o-east',
          branch: { kind: 'floating', origin: 'X' },
        },
      },
      '$.organisation.branch.homeOrganisation',
    ],
  ]
  it.each(cases)('%s', async (_what, payload, path) => {
    const r = await seedStreet()
    const before = JSON.stringify(r.store.readAll())
    const stateBefore = await r.state()
    const error = refusal(
      await r.send(CLERK, (payload as { type: string }).type, payload as Record<string, unknown>),
    )
    expect(error.code).toBe('DecodeError')
    if (error.code === 'DecodeError') expect(error.issues.map((i) => i.path)).toContain(path)
    expect(JSON.stringify(r.store.readAll())).toBe(before)
    expect(await r.state()).toBe(stateBefore)
  })

  it('an own __proto__ key from JSON.parse is refused and pollutes nothing', async () => {
    const r = await seedStreet()
    const before = r.store.readAll().length
    const input = JSON.parse(
      `{"type":"registerGrid","commandId":"x-1","at":"2024-04-24T10:00:00+08:00","actor":"${CLERK}","street":"${STREET}","grid":"g-9","community":"c-east","name":"N","__proto__":{"polluted":true}}`,
    ) as unknown
    const result = await r.engine.handle(input)
    expect(
      E.isLeft(result) && result.left.code === 'DecodeError'
        ? result.left.issues.map((i) => i.path)
        : [],
    ).toEqual(['$.__proto__'])
    expect(r.store.readAll()).toHaveLength(before)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('input that is not an object at all is refused at the root', async () => {
    const r = createRegistry()
    for (const input of [null, 42, 'registerGrid', [], undefined]) {
      const result = await r.engine.handle(input)
      expect(
        E.isLeft(result) && result.left.code === 'DecodeError' && result.left.issues[0]?.path,
      ).toBe('$')
    }
    expect(r.store.readAll()).toHaveLength(0)
  })
})

describe('authorise with an exact requirement', () => {
  it('a street registrar covers a community, but not where the post must be held over exactly it', async () => {
    const r = await seedStreet()
    const state = await r.state()
    const community = { level: 'community', id: CommunityId.make('c-east') } as const
    const clerk = PersonId.make(CLERK)
    expect(authorise(state, clerk, 'x', [{ role: 'registrar', scope: community }])._tag).toBe(
      'Right',
    )
    expect(
      authorise(state, clerk, 'x', [{ role: 'registrar', scope: community, exact: true }]),
    ).toMatchObject({
      _tag: 'Left',
      left: { code: 'Forbidden', missingRole: ['registrar@community:c-east'] },
    })
    const street = { level: 'street', id: StreetId.make(STREET) } as const
    expect(
      authorise(state, clerk, 'x', [{ role: 'registrar', scope: street, exact: true }])._tag,
    ).toBe('Right')
  })
})
