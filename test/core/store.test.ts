import { describe, expect, it } from 'vitest'
import {
  CommandId,
  createMemoryStore,
  streamId,
  type AppendRequest,
  type StoredEvent,
  type StreamId,
} from '../../src/core/index.js'
import { at, left, right } from './fixtures.js'

interface Note {
  readonly type: string
  readonly text: string
  readonly tags?: ReadonlyArray<string>
}

const A = streamId('notes', 'a')
const B = streamId('notes', 'b')

const request = (
  stream: StreamId,
  expectedVersion: number,
  texts: ReadonlyArray<string>,
  commandId = `cmd-${stream.replace('/', '-')}-${expectedVersion}`,
): AppendRequest<Note> => ({
  stream,
  expectedVersion,
  commandId: CommandId.make(commandId),
  commandType: 'writeNotes',
  commandFingerprint: `fp-${commandId}`,
  events: texts.map((text) => ({ type: 'noteWritten', text })),
})

const versions = (events: ReadonlyArray<StoredEvent<Note>>): number[] =>
  events.map((e) => e.version)
const positions = (events: ReadonlyArray<StoredEvent<Note>>): number[] =>
  events.map((e) => e.position)

describe('memory store: appending', () => {
  it('numbers a new stream’s events from version 1 and records the command', async () => {
    const store = createMemoryStore<Note>()
    const stored = right(await store.append(request(A, 0, ['x', 'y'])))
    expect(stored).toEqual([
      {
        stream: A,
        version: 1,
        position: 1,
        commandId: 'cmd-notes-a-0',
        commandType: 'writeNotes',
        commandFingerprint: 'fp-cmd-notes-a-0',
        event: { type: 'noteWritten', text: 'x' },
      },
      {
        stream: A,
        version: 2,
        position: 2,
        commandId: 'cmd-notes-a-0',
        commandType: 'writeNotes',
        commandFingerprint: 'fp-cmd-notes-a-0',
        event: { type: 'noteWritten', text: 'y' },
      },
    ])
  })

  it('numbers versions per stream and positions across the whole store', async () => {
    const store = createMemoryStore<Note>()
    right(await store.append(request(A, 0, ['a1', 'a2'])))
    const b = right(await store.append(request(B, 0, ['b1'])))
    const a = right(await store.append(request(A, 2, ['a3'])))
    expect(versions(b)).toEqual([1])
    expect(positions(b)).toEqual([3])
    expect(versions(a)).toEqual([3])
    expect(positions(a)).toEqual([4])
    expect(positions(store.readAll())).toEqual([1, 2, 3, 4])
    expect(store.readAll().map((e) => e.event.text)).toEqual(['a1', 'a2', 'b1', 'a3'])
  })

  it.each([
    ['behind the stream', 1],
    ['ahead of the stream', 5],
  ])(
    'refuses an expectedVersion %s as VersionConflict and writes nothing',
    async (_what, expected) => {
      const store = createMemoryStore<Note>()
      right(await store.append(request(A, 0, ['a1', 'a2'])))
      const notified: number[] = []
      store.subscribe((events) => notified.push(events.length))
      const before = store.readAll()
      const conflict = left(await store.append(request(A, expected, ['late'])))
      expect(conflict).toEqual({
        code: 'VersionConflict',
        message: `Stream "notes/a" is at version 2, expected ${expected}`,
        stream: A,
        expectedVersion: expected,
        actualVersion: 2,
      })
      expect(store.readAll()).toEqual(before)
      expect(await store.readStream(A)).toHaveLength(2)
      expect(notified).toEqual([])
    },
  )

  it('refuses expectedVersion 0 on a stream that has events', async () => {
    const store = createMemoryStore<Note>()
    right(await store.append(request(A, 0, ['a1'])))
    expect(left(await store.append(request(A, 0, ['again'])))).toMatchObject({
      expectedVersion: 0,
      actualVersion: 1,
    })
  })

  it('refuses an expectedVersion above 0 on a stream that does not exist', async () => {
    const store = createMemoryStore<Note>()
    expect(left(await store.append(request(A, 1, ['a1'])))).toMatchObject({ actualVersion: 0 })
    expect(store.readAll()).toEqual([])
  })

  // Regression guard (once went wrong like this): an append of no events still runs `streams.set(request.stream, stream)`, so
  // `streams()` ("the ids of the streams that have events") lists an empty stream.
  it('an append of no events does not create the stream', async () => {
    const store = createMemoryStore<Note>()
    expect(right(await store.append(request(A, 0, [])))).toEqual([])
    expect(store.streams()).toEqual([])
  })

  it('lists the streams that have events, in order of first append', async () => {
    const store = createMemoryStore<Note>()
    right(await store.append(request(B, 0, ['b1'])))
    right(await store.append(request(A, 0, ['a1'])))
    right(await store.append(request(B, 1, ['b2'])))
    expect(store.streams()).toEqual([B, A])
  })
})

describe('memory store: reading', () => {
  const filled = async () => {
    const store = createMemoryStore<Note>()
    right(await store.append(request(A, 0, ['a1', 'a2'])))
    right(await store.append(request(B, 0, ['b1'])))
    right(await store.append(request(A, 2, ['a3', 'a4'])))
    return store
  }

  it('reads a stream’s events in version order', async () => {
    const store = await filled()
    const events = await store.readStream(A)
    expect(versions(events)).toEqual([1, 2, 3, 4])
    expect(events.map((e) => e.event.text)).toEqual(['a1', 'a2', 'a3', 'a4'])
    expect(events.every((e) => e.stream === A)).toBe(true)
  })

  it('reads only the events after `afterVersion`', async () => {
    const store = await filled()
    expect(versions(await store.readStream(A, 0))).toEqual([1, 2, 3, 4])
    expect(versions(await store.readStream(A, 2))).toEqual([3, 4])
    expect(versions(await store.readStream(A, 4))).toEqual([])
    expect(versions(await store.readStream(A, 10))).toEqual([])
    expect(versions(await store.readStream(A, -3))).toEqual([1, 2, 3, 4])
  })

  it('reads an unknown stream as empty', async () => {
    const store = await filled()
    expect(await store.readStream(streamId('notes', 'none'))).toEqual([])
  })

  it('hands out copies of its lists, so callers cannot add to or remove from history', async () => {
    const store = await filled()
    const read = (await store.readStream(A)) as StoredEvent<Note>[]
    read.pop()
    read.length = 0
    const all = store.readAll() as StoredEvent<Note>[]
    all.splice(0, 2)
    expect(await store.readStream(A)).toHaveLength(4)
    expect(store.readAll()).toHaveLength(5)
    const names = store.streams() as StreamId[]
    names.length = 0
    expect(store.streams()).toEqual([A, B])
  })
})

describe('memory store: stored events are frozen', () => {
  it('refuses changes to a stored event, its event and nested values', async () => {
    const store = createMemoryStore<Note>()
    right(
      await store.append({
        ...request(A, 0, []),
        events: [{ type: 'noteWritten', text: 'x', tags: ['a'] }],
      }),
    )
    const stored = at(await store.readStream(A), 0)
    expect(Object.isFrozen(stored)).toBe(true)
    expect(Object.isFrozen(stored.event)).toBe(true)
    expect(() => {
      ;(stored as { version: number }).version = 9
    }).toThrow(TypeError)
    expect(() => {
      ;(stored.event as { text: string }).text = 'forged'
    }).toThrow(TypeError)
    expect(() => {
      ;(stored.event.tags as string[]).push('b')
    }).toThrow(TypeError)
    expect(at(await store.readStream(A), 0)).toMatchObject({
      version: 1,
      event: { text: 'x', tags: ['a'] },
    })
  })

  it('freezes what it was given, so the appender cannot change history afterwards either', async () => {
    const store = createMemoryStore<Note>()
    const note = { type: 'noteWritten', text: 'x', tags: ['a'] }
    right(await store.append({ ...request(A, 0, []), events: [note] }))
    expect(() => {
      note.tags.push('b')
    }).toThrow(TypeError)
    expect(at(store.readAll(), 0).event.tags).toEqual(['a'])
  })

  // Regression guard (once went wrong like this): it stops at an object that is already frozen, so the children of a shallowly
  // frozen event (e.g. `Object.freeze({ ...e, tags })`) stay mutable and the history can be changed
  // through `readStream`.
  it('deep-freezes an event that was only shallowly frozen', async () => {
    const store = createMemoryStore<Note>()
    const note: Note = Object.freeze({ type: 'noteWritten', text: 'x', tags: ['a'] })
    right(await store.append({ ...request(A, 0, []), events: [note] }))
    const stored = at(await store.readStream(A), 0)
    expect(Object.isFrozen(stored.event.tags)).toBe(true)
  })
})

describe('memory store: subscribers', () => {
  it('tells each listener the events of every append, in order', async () => {
    const store = createMemoryStore<Note>()
    const first: number[][] = []
    const second: string[] = []
    store.subscribe((events) => first.push(versions(events)))
    store.subscribe((events) => second.push(...events.map((e) => e.event.text)))
    right(await store.append(request(A, 0, ['a1', 'a2'])))
    right(await store.append(request(B, 0, ['b1'])))
    expect(first).toEqual([[1, 2], [1]])
    expect(second).toEqual(['a1', 'a2', 'b1'])
  })

  it('calls a listener before the append resolves', async () => {
    const store = createMemoryStore<Note>()
    let seen = 0
    store.subscribe((events) => {
      seen += events.length
    })
    const pending = store.append(request(A, 0, ['a1']))
    expect(seen).toBe(1)
    right(await pending)
  })

  it('stops telling a listener once it unsubscribes, and keeps telling the others', async () => {
    const store = createMemoryStore<Note>()
    const gone: number[] = []
    const kept: number[] = []
    const stop = store.subscribe((events) => gone.push(events.length))
    store.subscribe((events) => kept.push(events.length))
    right(await store.append(request(A, 0, ['a1'])))
    stop()
    right(await store.append(request(A, 1, ['a2', 'a3'])))
    stop()
    expect(gone).toEqual([1])
    expect(kept).toEqual([1, 2])
  })

  it('does not tell listeners of a refused append', async () => {
    const store = createMemoryStore<Note>()
    const calls: number[] = []
    store.subscribe((events) => calls.push(events.length))
    left(await store.append(request(A, 3, ['x'])))
    expect(calls).toEqual([])
  })

  // Regression guard (once went wrong like this): listeners get the very array that `append` resolves with (and that the
  // engine then uses for its result, version and idempotency index). A listener that changes it (JS
  // callers are not held to ReadonlyArray) changes the append's result.
  it('a listener cannot change what the append resolves with', async () => {
    const store = createMemoryStore<Note>()
    store.subscribe((events) => {
      try {
        ;(events as StoredEvent<Note>[]).length = 0
      } catch {
        // A frozen array refuses the change: that is the point.
      }
    })
    const stored = right(await store.append(request(A, 0, ['a1'])))
    expect(versions(stored)).toEqual([1])
  })
})
