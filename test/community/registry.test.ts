import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { AssignmentId, GridId, lookup, PersonId, type DomainError } from '../../src/core/index.js'
import {
  concurrentPosts,
  holdsRole,
  narrateCommunityEvent,
  partyTree,
  placeTree,
  roleHolders,
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
})

describe('places nest street ⊃ community ⊃ grid ⊃ compound ⊃ entrance', () => {
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
})

describe('the party-organisation tree', () => {
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

describe('roles and concurrent posts 兼任', () => {
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
