/**
 * Typed command creators: a TypeScript app builds commands with autocompletion and type errors
 * (Redux Toolkit's `slice.actions`), and the engine decodes what they build like any input.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { combine, createEngine } from '../../src/core/index.js'
import { community } from '../../src/community/index.js'
import { deliberation } from '../../src/deliberation/index.js'
import { dispute } from '../../src/dispute/index.js'

const envelope = { at: '2024-04-24T09:00:00+08:00', actor: 'p-clerk', street: 's-street' } as const

describe('a mechanism’s create: one typed creator per command type', () => {
  it('builds the command the engine decodes, with plain strings for ids and instants', async () => {
    const engine = createEngine({ decider: community, clock: 'none' })
    const open = community.create.openRegistry({
      ...envelope,
      commandId: 'cmd-1',
      name: 'S Street',
      registrar: 'p-clerk',
      registrarName: 'Clerk',
      assignment: 'as-clerk',
    })
    expect(open.type).toBe('openRegistry')
    expect(E.isRight(await engine.handle(open))).toBe(true)
    const community1 = community.create.registerCommunity({
      ...envelope,
      commandId: 'cmd-2',
      community: 'c-east',
      name: 'East',
      settlement: 'community',
    })
    expect(E.isRight(await engine.handle(community1))).toBe(true)
  })

  it('has exactly the mechanism’s command types, and is frozen', () => {
    expect(Object.keys(community.create).sort()).toEqual([...community.commandTypes].sort())
    expect(Object.isFrozen(community.create)).toBe(true)
  })

  it('a missing or misspelt field, or a value outside a literal union, is a type error', () => {
    const fields = {
      ...envelope,
      commandId: 'cmd-3',
      community: 'c-east',
      name: 'East',
      settlement: 'community',
    } as const
    // @ts-expect-error -- `settlement` is 'community' or one of the codec's other literals
    community.create.registerCommunity({ ...fields, settlement: 'town-ish' })
    // @ts-expect-error -- `name` is missing
    community.create.registerCommunity({ ...envelope, commandId: 'cmd-4', community: 'c-x' })
    // @ts-expect-error -- there is no command `registerTown`
    expect(community.create.registerTown).toBeUndefined()
  })

  it('a root made with combine creates every part’s commands', () => {
    const root = combine('street', { community, deliberation, dispute })
    expect(Object.keys(root.create).sort()).toEqual([...root.commandTypes].sort())
    const hall = root.create.openHall
    expect(typeof hall).toBe('function')
  })
})
