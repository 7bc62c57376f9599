/**
 * The consumer as a CommonJS module (Node16 only, `tsconfig.node16.json`): a `.cts` file resolves
 * the package's `"require"` condition, so this brings every `dist/*.d.cts` into the program, where
 * `skipLibCheck: false` checks them in full. Nothing here runs.
 */
import type * as Root from 'governance-kit'
import type * as Community from 'governance-kit/community'
import type * as Embedding from 'governance-kit/embedding'
import type * as Deliberation from 'governance-kit/deliberation'
import type * as Dispute from 'governance-kit/dispute'
import type * as Integration from 'governance-kit/integration'
import type * as Codec from 'governance-kit/codec'
import type * as Decider from 'governance-kit/decider'
import type * as Collection from 'governance-kit/collection'
import type * as Testing from 'governance-kit/testing'

/** `true` exactly when `A` and `B` are the same type (`any` is the same only as `any`). */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

/** Compiles only when `T` is `true`. */
type Assert<T extends true> = T

export type Proofs = [
  // The root's namespaces carry the subpaths' types (the .d.cts copies of the namespaces).
  Assert<Equal<Root.Deliberation.HallState, Deliberation.HallState>>,
  Assert<Equal<Root.Community.PlaceRef, Community.PlaceRef>>,
  Assert<Equal<Root.Dispute.CaseState, Dispute.CaseState>>,
  Assert<
    Equal<Decider.StateOf<Decider.Machine<'closed' | 'open', 'open', never>>, 'closed' | 'open'>
  >,
]

export type Subpaths = [
  typeof Embedding.embedding,
  typeof Integration.integration,
  typeof Codec.CaseId,
  Collection.Collection<string, number>,
  typeof Testing.specFor,
]
