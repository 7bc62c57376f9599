/**
 * A consumer of the published package: every public name (the root and each subpath) imported as
 * an app imports it, and a few of the types an app relies on. `npm run check:types-min` compiles
 * this file against the built declarations (`dist/`, reached through the package's own
 * `exports`, which TypeScript resolves as a self-reference) with the lowest supported compiler
 * and the current one, with `skipLibCheck: false`; `npm run typecheck` compiles it against the
 * sources too. Nothing here runs.
 */
import {
  Community,
  combine,
  community,
  createEngine,
  deliberation,
  Deliberation,
  dispute,
  type Handled,
  type StreamState,
} from 'governance-kit'
import { registryStream, type PlaceRef, type RegistryState } from 'governance-kit/community'
import { embedding, type EmbeddingState } from 'governance-kit/embedding'
import { hallStream, type DeliberationCommand, type HallState } from 'governance-kit/deliberation'
import { caseStream, type CaseState } from 'governance-kit/dispute'
import { integration } from 'governance-kit/integration'
import { CaseId, HallId, StreetId } from 'governance-kit/codec'
import { defineMachine, type StateOf } from 'governance-kit/decider'
import { lookup, type Collection } from 'governance-kit/collection'
import { specFor } from 'governance-kit/testing'

/** `true` exactly when `A` and `B` are the same type (`any` is the same only as `any`). */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
/** Compiles only when `A` and `B` are the same type. */
const same = <A, B>(proof: Equal<A, B>): Equal<A, B> => proof
/** `true` exactly when `T` is `any` (a declaration that failed to resolve reads as `any`). */
type IsAny<T> = 0 extends 1 & T ? true : false

export const consumer = async (): Promise<ReadonlyArray<unknown>> => {
  // An engine over a root composed of mechanisms: loading a stream gives that kind's state.
  const street = combine('street', { community, deliberation, dispute })
  const engine = createEngine({ decider: street, clock: 'none' })
  const hall = await engine.load(Deliberation.hallStream(HallId.make('h-365')))
  const registry = await engine.load(registryStream(StreetId.make('s-street')))
  const aCase = await engine.load(caseStream(CaseId.make('case-1')))
  const proofs: Array<boolean> = [
    same<typeof hall, StreamState<HallState>>(true),
    same<typeof registry.state, RegistryState>(true),
    same<typeof aCase.state, CaseState>(true),
    // The root's namespaces are the subpaths: each name with its every meaning (type, value).
    same<typeof hall.state, Deliberation.HallState>(true),
    same<Deliberation.DeliberationCommand, DeliberationCommand>(true),
    same<typeof Deliberation.DeliberationCommand.is, (u: unknown) => u is DeliberationCommand>(
      true,
    ),
    same<Community.PlaceRef, PlaceRef>(true),
    same<typeof Deliberation.hallStream, typeof hallStream>(true),
  ]

  // A typed command creator builds what the engine decodes; a missing field is a type error.
  const grid = community.create.registerGrid({
    commandId: 'cmd-1',
    at: '2024-04-24T09:00:00+08:00',
    actor: 'p-clerk',
    street: 's-street',
    grid: 'g-1',
    community: 'c-east',
    name: 'East grid 1',
  })
  const _type: 'registerGrid' = grid.type
  // @ts-expect-error -- `name` is missing
  community.create.registerGrid({ ...grid, name: undefined })
  const handled = await engine.handle(grid)
  proofs.push(same<IsAny<typeof handled>, false>(true))
  if (handled._tag === 'Right') {
    const ok: Handled<unknown, unknown> = handled.right
    proofs.push(ok.duplicate)
  }

  // A lifecycle's states are the ones it declares: naming any other is a type error.
  const door = defineMachine({
    id: 'door',
    states: ['closed', 'open'],
    initial: 'closed',
    transitions: [
      { from: 'closed', on: 'open', to: 'open' },
      // @ts-expect-error -- 'locked' is not a declared state
      { from: 'open', on: 'lock', to: 'locked' },
    ],
  })
  proofs.push(same<StateOf<typeof door>, 'closed' | 'open'>(true))

  // The other subpaths, each by a typical name.
  const counts: Collection<string, number> = {}
  const members: ReadonlyArray<EmbeddingState['members'][string]> = []
  return [
    proofs,
    hall,
    registry,
    aCase,
    door,
    _type,
    lookup(counts, 'x'),
    members,
    specFor(community),
    embedding.commandTypes,
    integration.commandTypes,
  ]
}
