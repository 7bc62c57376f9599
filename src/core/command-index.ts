/**
 * The engine's index of the commands a stream has seen (internal: `core/index.ts` does not
 * re-export this module): for each command id, its fingerprint, its type and the versions of its
 * events — not the events, which stay in the store — so a repeat is answered without deciding
 * again and a reused id is told apart.
 *
 * @module
 */
import type { CommandId } from './ids.js'
import type { StoredEvent } from './store.js'

/** What the engine remembers of a command id on a stream: enough to answer a repeat. */
export interface CommandRecord {
  readonly fingerprint: string
  readonly type: string
  /** The versions of its first and last event. */
  readonly first: number
  readonly last: number
}

/** Adds what `stored` says of each command id to a stream's index. */
export const indexCommands = (
  commands: Map<CommandId, CommandRecord>,
  stored: ReadonlyArray<StoredEvent<unknown>>,
): void => {
  for (const s of stored) {
    const known = commands.get(s.commandId)
    commands.set(
      s.commandId,
      known === undefined
        ? {
            fingerprint: s.commandFingerprint,
            type: s.commandType,
            first: s.version,
            last: s.version,
          }
        : { ...known, last: Math.max(known.last, s.version) },
    )
  }
}
