import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { castDraft, produce } from 'immer'
import { describe, expect, it } from 'vitest'
import {
  combine,
  command,
  decodeWith,
  defineMechanism,
  emptyCollection,
  event,
  insert,
  instant,
  lookup,
  PersonId,
  replay,
  streamId,
  taggedUnion,
  text,
  type Collection,
  type Evolve,
  type EvolveAll,
  type ReadState,
  type StreamId,
  type Tagged,
} from '../../src/core/index.js'
import { community } from '../../src/community/index.js'
import { embedding } from '../../src/embedding/index.js'
import { deliberation } from '../../src/deliberation/index.js'
import { dispute } from '../../src/dispute/index.js'
import { integration } from '../../src/integration/index.js'
import {
  board,
  boardDefinition,
  BoardCommand,
  boardCommand,
  boardEvent,
  BoardEvent,
  boardStream,
  closeBoard,
  count,
  decodeOrThrow,
  left,
  openBoard,
  postNotices,
  react,
  resetTally,
  reactions,
  ReactionCommand,
  right,
  tally,
  TallyCommand,
  reactionStream,
  tallyStream,
  type BoardState,
  type TallyEvent,
} from './fixtures.js'

/** Any board event (valid per the codec), for property tests of the reducer. */
const arbBoardEvent: fc.Arbitrary<BoardEvent> = fc.oneof(
  fc
    .record({ title: fc.constantFrom('A', 'Board B'), capacity: fc.integer({ min: 1, max: 5 }) })
    .map((r) => boardEvent({ type: 'boardOpened', ...r })),
  fc.constantFrom('n1', 'n2', '通知').map((notice) => boardEvent({ type: 'noticePosted', notice })),
  fc
    .option(fc.constantFrom('done', 'moved'), { nil: undefined })
    .map((reason) =>
      boardEvent(reason === undefined ? { type: 'boardClosed' } : { type: 'boardClosed', reason }),
    ),
)

/** A tally's `counted` event. */
const counted = (by: number): TallyEvent =>
  decodeOrThrow(tally.eventCodec, {
    type: 'counted',
    at: '2024-04-24T09:30:00+08:00',
    actor: 'p-owner',
    tally: 't1',
    by,
  })

describe('defineMechanism', () => {
  it('derives the command and event types from the codecs', () => {
    expect(board.name).toBe('board')
    expect(board.commandTypes).toEqual(['openBoard', 'postNotices', 'closeBoard'])
    expect(board.eventTypes).toEqual(['boardOpened', 'noticePosted', 'boardClosed'])
    expect(board.commandCodec).toBe(BoardCommand)
    expect(board.eventCodec).toBe(BoardEvent)
  })

  it('loads no context when none is declared', async () => {
    const read: ReadState = () => Promise.reject(new Error('must not read'))
    await expect(board.loadContext(boardCommand(openBoard('c1')), read)).resolves.toBeUndefined()
  })

  it('evolve applies one event through the recipe', () => {
    const opened = board.evolve(
      board.initialState,
      boardEvent({ type: 'boardOpened', title: 'T', capacity: 2 }),
    )
    expect(opened).toEqual({
      status: 'open',
      owner: 'p-owner',
      title: 'T',
      capacity: 2,
      notices: [],
      closedBecause: null,
    })
  })

  it('evolve does not change the state it is given', () => {
    const before = board.initialState
    const snapshot = structuredClone(before)
    board.evolve(before, boardEvent({ type: 'noticePosted', notice: 'n' }))
    expect(before).toEqual(snapshot)
  })

  it('evolveAll of no events is the same state', () => {
    const state = board.evolve(
      board.initialState,
      boardEvent({ type: 'noticePosted', notice: 'n' }),
    )
    expect(board.evolveAll(state, [])).toBe(state)
  })

  it('evolved states are frozen (immer), so history cannot be edited through them', () => {
    const state = board.evolve(
      board.initialState,
      boardEvent({ type: 'noticePosted', notice: 'n' }),
    )
    expect(Object.isFrozen(state)).toBe(true)
    expect(Object.isFrozen(state.notices)).toBe(true)
  })

  it('every object a fold creates is frozen, however deep, and a state from outside is frozen whole', () => {
    type Entry = { readonly tags: ReadonlyArray<{ readonly label: string }> }
    type Book = { readonly entries: Collection<string, Entry> }
    const book = defineMechanism({
      name: 'book',
      commands: taggedUnion('BookCommand', [command('noop', {})]),
      events: taggedUnion('BookEvent', [event('entered', { key: text(20), label: text(20) })]),
      initialState: { entries: emptyCollection<string, Entry>() },
      streamKind: 'book',
      streamOf: () => streamId('book', 'b'),
      decide: () => E.right([]),
      apply: (draft, e) => {
        insert(draft.entries, e.key, { tags: [{ label: e.label }] })
      },
    })
    const entered = (key: string) => ({
      type: 'entered' as const,
      at: instant('2024-04-24T09:00:00+08:00'),
      actor: PersonId.make('p-1'),
      key,
      label: key,
    })
    const state = book.evolveAll(book.initialState, [entered('a'), entered('b')])
    const a = lookup(state.entries, 'a')
    expect(Object.isFrozen(state.entries)).toBe(true)
    expect(a !== undefined && Object.isFrozen(a.tags[0])).toBe(true)
    // A state built outside the library (say, a snapshot parsed from JSON) comes back frozen whole.
    const outside = JSON.parse(JSON.stringify(state)) as Book
    const next = book.evolve(outside, entered('c'))
    const b = lookup(next.entries, 'b')
    expect(b !== undefined && Object.isFrozen(b.tags)).toBe(true)
    expect(b !== undefined && Object.isFrozen(b.tags[0])).toBe(true)
  })

  it('property: evolveAll(s, es) equals folding evolve over es', () => {
    fc.assert(
      fc.property(
        fc.array(arbBoardEvent, { maxLength: 6 }),
        fc.array(arbBoardEvent, { maxLength: 30 }),
        (prefix, events) => {
          const start = board.evolveAll(board.initialState, prefix)
          const batched = board.evolveAll(start, events)
          const folded = events.reduce<BoardState>((s, e) => board.evolve(s, e), start)
          expect(batched).toEqual(folded)
        },
      ),
    )
  })

  it('property: evolveAll splits over concatenation', () => {
    fc.assert(
      fc.property(
        fc.array(arbBoardEvent, { maxLength: 20 }),
        fc.array(arbBoardEvent, { maxLength: 20 }),
        (a, b) => {
          expect(board.evolveAll(board.evolveAll(board.initialState, a), b)).toEqual(
            board.evolveAll(board.initialState, [...a, ...b]),
          )
        },
      ),
    )
  })

  it('property: folding never changes the initial state', () => {
    const snapshot = structuredClone(board.initialState)
    fc.assert(
      fc.property(fc.array(arbBoardEvent, { maxLength: 20 }), (events) => {
        board.evolveAll(board.initialState, events)
        events.reduce<BoardState>((s, e) => board.evolve(s, e), board.initialState)
        expect(board.initialState).toEqual(snapshot)
      }),
    )
  })
})

describe('replay', () => {
  it('folds events from the initial state', () => {
    const events = [
      boardEvent({ type: 'boardOpened', title: 'T', capacity: 3 }),
      boardEvent({ type: 'noticePosted', notice: 'a' }),
      boardEvent({ type: 'noticePosted', notice: 'b' }),
      boardEvent({ type: 'boardClosed', reason: 'done' }),
    ]
    expect(replay(board, events)).toEqual({
      status: 'closed',
      owner: 'p-owner',
      title: 'T',
      capacity: 3,
      notices: ['a', 'b'],
      closedBecause: 'done',
    })
    expect(replay(board, [])).toBe(board.initialState)
  })

  it('uses evolve when the decider has no evolveAll', () => {
    const sum = { initialState: 10, evolve: (s: number, e: number) => s * 2 + e }
    // Order matters: ((10*2+1)*2+2)*2+3 = 91.
    expect(replay(sum, [1, 2, 3])).toBe(91)
  })

  it('property: replay equals folding evolve from the initial state', () => {
    fc.assert(
      fc.property(fc.array(arbBoardEvent, { maxLength: 30 }), (events) => {
        expect(replay(board, events)).toEqual(
          events.reduce<BoardState>((s, e) => board.evolve(s, e), board.initialState),
        )
      }),
    )
  })
})

describe('combine', () => {
  const root = combine('root', { board, tally })

  it("lists every part's command and event types", () => {
    expect(root.name).toBe('root')
    expect(root.commandTypes).toEqual([
      'openBoard',
      'postNotices',
      'closeBoard',
      'count',
      'resetTally',
    ])
    expect(root.eventTypes).toEqual([
      'boardOpened',
      'noticePosted',
      'boardClosed',
      'counted',
      'tallyReset',
    ])
  })

  it('is a sum over streams: each kind of stream is one part’s, and holds that part’s state alone', () => {
    expect(root.streamKinds).toEqual(['board', 'tally'])
    expect(root.initialStateOf(boardStream('b1'))).toBe(board.initialState)
    expect(root.initialStateOf(tallyStream('t1'))).toBe(tally.initialState)
    expect(() => root.initialStateOf(streamId('nowhere', 'x'))).toThrow(
      /combine root: no part keeps streams of kind "nowhere"/,
    )
    // The root's own initial state stands for a stream not known yet: no part's state in it.
    expect(root.initialState).toEqual({})
    expect(Object.isFrozen(root.initialState)).toBe(true)
  })

  it('routes a command to the part that declares it, with that part’s state', () => {
    const state = root.initialStateOf(tallyStream('t1'))
    const resetting = decodeOrThrow(TallyCommand, resetTally('c1'))
    // A tally at zero refuses a reset: the tally part decided, on the tally state.
    expect(left(root.decide(resetting, state, undefined))).toMatchObject({
      rule: 'nothing-to-reset',
    })
    const withTotal = { total: 4, resets: 0 }
    expect(right(root.decide(resetting, withTotal, undefined))).toMatchObject([
      { type: 'tallyReset' },
    ])
    // A board command goes to the board part.
    const posting = boardCommand(postNotices('c2', ['x']))
    expect(left(root.decide(posting, root.initialState, undefined))).toMatchObject({
      code: 'IllegalTransition',
      machine: 'board',
      state: 'unopened',
    })
  })

  it('routes a command to its part’s stream', () => {
    expect(root.streamOf(boardCommand(openBoard('c1')))).toBe(boardStream('b1'))
    expect(root.streamOf(decodeOrThrow(TallyCommand, count('c2', 2)))).toBe(tallyStream('t1'))
  })

  it('folds a stream’s events with the part that owns them; another part’s event is foreign to it', () => {
    const posted = boardEvent({ type: 'noticePosted', notice: 'n' })
    const boardState = root.evolve(root.initialState, posted)
    expect(boardState).toEqual(board.evolve(undefined, posted))
    const tallied = root.evolve(root.initialState, counted(3))
    expect(tallied).toEqual({ total: 3, resets: 0 })
    expect(root.evolve(tallied, counted(2))).toEqual({ total: 5, resets: 0 })
    // A board's state is the board part's: a tally event leaves it as it is.
    expect(root.evolve(boardState, counted(3))).toBe(boardState)
    expect(root.evolveAll(tallied, [posted, counted(1)])).toEqual({ total: 4, resets: 0 })
  })

  it('property: the combined evolveAll equals folding evolve, and each part sees only its events', () => {
    const arbEvent = fc.oneof(
      arbBoardEvent,
      fc.integer({ min: 1, max: 10 }).map((by) => counted(by)),
    )
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 30 }), (events) => {
        const combined = root.evolveAll(root.initialState, events)
        expect(combined).toEqual(
          events.reduce<unknown>((s, e) => root.evolve(s as never, e), root.initialState),
        )
        const boardEvents = events.filter((e): e is BoardEvent => BoardEvent.is(e))
        const tallyEvents = events.filter((e): e is TallyEvent => tally.eventCodec.is(e))
        // The first event names the stream's part; the other part's events are foreign to it.
        const first = events[0]
        if (first === undefined) expect(combined).toBe(root.initialState)
        else if (BoardEvent.is(first)) expect(combined).toEqual(replay(board, boardEvents))
        else expect(combined).toEqual(replay(tally, tallyEvents))
        // A stream of one part's events folds as that part alone folds them.
        expect(root.evolveAll(undefined, boardEvents)).toEqual(
          boardEvents.length === 0 ? root.initialState : replay(board, boardEvents),
        )
      }),
    )
  })

  it('throws (a programmer error) on a command type declared by two parts', () => {
    expect(() => combine('twice', { a: board, b: board })).toThrow(
      /combine twice: command "openBoard" in two parts/,
    )
  })

  it('throws on an event type declared by two parts', () => {
    const lookalike = {
      name: 'lookalike',
      commandTypes: ['other'],
      eventTypes: ['counted'],
      streamKinds: ['other'],
    }
    expect(() => combine('twice', { tally, lookalike })).toThrow(
      /combine twice: event "counted" in two parts/,
    )
  })

  it('throws on a kind of stream kept by two parts', () => {
    const lookalike = {
      name: 'lookalike',
      commandTypes: ['other'],
      eventTypes: ['othered'],
      streamKinds: ['tally'],
    }
    expect(() => combine('twice', { tally, lookalike })).toThrow(
      /combine twice: stream kind "tally" in two parts/,
    )
  })

  it('a root returns the same state for an event no part declares, and its apply skips it', () => {
    const state = root.evolve(root.initialState, counted(2))
    expect(root.evolve(state, { type: 'stray' })).toBe(state)
    expect(root.evolveAll(state, [{ type: 'stray' }, { type: '@@redux/INIT' }])).toBe(state)
    const strayEvent = { type: 'stray' } as unknown as TallyEvent
    expect(
      produce(state, (draft) => {
        root.apply(draft, strayEvent)
      }),
    ).toBe(state)
    expect(root.evolve(undefined, { type: 'stray' })).toBe(root.initialState)
  })

  it('a root still throws (a programmer error) on a command type no part declares', () => {
    const stray = { ...count('c1', 1), type: 'stray' } as unknown as TallyCommand
    expect(() => root.decide(stray, root.initialState, undefined)).toThrow(
      /combine root: no part handles "stray"/,
    )
    expect(() => root.streamOf(stray)).toThrow(/no part handles "stray"/)
  })

  it('decodes the commands of every part', () => {
    expect(right(decodeWith(root.commandCodec, openBoard('c1')))).toMatchObject({
      type: 'openBoard',
    })
    expect(right(decodeWith(root.commandCodec, count('c2', 2)))).toMatchObject({ type: 'count' })
    expect(root.commandCodec.is(count('c2', 2))).toBe(true)
    expect(root.commandCodec.is({ type: 'count' })).toBe(false)
  })

  it('refuses an unknown command type at $.type, listing every known type', () => {
    expect(
      left(decodeWith(root.commandCodec, { ...count('c1', 1), type: 'explode' })).issues,
    ).toEqual([
      {
        path: '$.type',
        expected: '"openBoard" | "postNotices" | "closeBoard" | "count" | "resetTally"',
        actual: '"explode"',
      },
    ])
  })

  it('refuses a missing type at $.type', () => {
    expect(
      left(decodeWith(root.commandCodec, { commandId: 'c1' })).issues.map((i) => i.path),
    ).toEqual(['$.type'])
  })

  it('refuses a non-object command', () => {
    expect(E.isLeft(decodeWith(root.commandCodec, null))).toBe(true)
    expect(E.isLeft(decodeWith(root.commandCodec, 'count'))).toBe(true)
  })

  it('reports a known command’s errors from its part, at their paths', () => {
    expect(left(decodeWith(root.commandCodec, count('c1', 11))).issues).toEqual([
      { path: '$.by', expected: 'integer in [1, 10]', actual: '11' },
    ])
  })

  it('refuses an unknown event type at $.type', () => {
    expect(
      left(decodeWith(root.eventCodec, { type: 'reacted' })).issues.map((i) => [i.path, i.actual]),
    ).toEqual([['$.type', '"reacted"']])
    expect(right(decodeWith(root.eventCodec, counted(2)))).toEqual(counted(2))
  })

  it('routes loadContext to the part that declares the command', async () => {
    const withReactions = combine('hall', { board, reactions })
    const reads: StreamId[] = []
    const read: ReadState = (stream, fold) => {
      reads.push(stream)
      return Promise.resolve({ state: fold.initialState, version: 7 })
    }
    const reacting = decodeOrThrow(ReactionCommand, react('c1', 'like'))
    const context = await withReactions.loadContext(reacting, read)
    expect(reads).toEqual([streamId('board', 'b1')])
    expect(context).toEqual({ state: board.initialState, version: 7 })
    // The board part declares no context: nothing is read.
    await withReactions.loadContext(boardCommand(closeBoard('c2')), read)
    expect(reads).toHaveLength(1)
  })

  it('can itself be combined: a nested root’s kinds of stream are the city’s', () => {
    const city = combine('city', { root, reactions })
    expect(city.streamKinds).toEqual(['board', 'tally', 'reactions'])
    expect(city.initialStateOf(tallyStream('t1'))).toBe(tally.initialState)
    expect(city.initialStateOf(reactionStream('b1'))).toBe(reactions.initialState)
    const after = city.evolve(city.initialState, counted(5))
    expect(after).toEqual({ total: 5, resets: 0 })
    expect(city.evolve(after, counted(1))).toEqual({ total: 6, resets: 0 })
  })
})

describe('reducers (each mechanism’s evolve and evolveAll, and a root’s, are Redux reducers)', () => {
  const root = combine('root', { board, tally })
  /** A mechanism's reducers with its state type erased, so that mechanisms can share a table. */
  const reducers = <S>(m: {
    readonly initialState: S
    readonly evolve: Evolve<S, never>
    readonly evolveAll: EvolveAll<S, never>
  }) => ({
    initialState: m.initialState,
    fromUndefined: (action: Tagged): unknown => m.evolve(undefined, action),
    fromInitial: (action: Tagged): unknown => m.evolve(m.initialState, action),
    batchFromUndefined: (actions: ReadonlyArray<Tagged>): unknown =>
      m.evolveAll(undefined, actions),
  })
  const exported = [
    ['community', reducers(community)],
    ['embedding', reducers(embedding)],
    ['deliberation', reducers(deliberation)],
    ['dispute', reducers(dispute)],
    ['integration', reducers(integration)],
    ['a root made by combine', reducers(combine('street', { community, deliberation, dispute }))],
  ] as const
  const opened = boardEvent({ type: 'boardOpened', title: 'T', capacity: 2 })
  const posted = boardEvent({ type: 'noticePosted', notice: 'n' })
  /** A foreign action, as another slice of a Redux store would dispatch. */
  const foreign = { type: 'counter/increment' }
  /** A foreign action with an `at`, which a hall or an integration stream must not read. */
  const stray = { type: 'meeting/rescheduled', at: '2099-12-31T23:59:59Z', actor: 'p-owner' }
  /** A mechanism whose recipe counts its calls. */
  const counting = () => {
    const calls: string[] = []
    const definition = boardDefinition()
    const m = defineMechanism({
      ...definition,
      apply: (draft, e) => {
        calls.push(e.type)
        definition.apply(draft, e)
      },
    })
    return { m, calls }
  }

  it.each(exported)('a reducer takes undefined to its initial state (%s)', (_name, m) => {
    expect(m.fromUndefined({ type: '@@redux/INIT' })).toBe(m.initialState)
    expect(m.batchFromUndefined([])).toBe(m.initialState)
    expect(Object.isFrozen(m.initialState)).toBe(true)
  })

  it('a reducer folds an event onto undefined as onto the initial state', () => {
    expect(board.evolve(undefined, opened)).toEqual(board.evolve(board.initialState, opened))
    expect(board.evolveAll(undefined, [opened, posted])).toEqual(replay(board, [opened, posted]))
    expect(board.initialState.status).toBe('unopened')
  })

  it.each(exported)('a reducer returns the same state for a foreign action (%s)', (_name, m) => {
    expect(m.fromInitial(foreign)).toBe(m.initialState)
    expect(m.fromInitial(stray)).toBe(m.initialState)
  })

  it('a reducer returns the same state for a foreign action, whatever the state', () => {
    const state = board.evolveAll(board.initialState, [opened, posted])
    expect(board.evolve(state, foreign)).toBe(state)
    expect(root.evolve(root.evolve(root.initialState, opened), foreign)).toEqual(
      root.evolve(root.initialState, opened),
    )
    // Even a state from outside the library (not frozen by it) comes back as the same object.
    const outside = JSON.parse(JSON.stringify(state)) as BoardState
    expect(board.evolve(outside, foreign)).toBe(outside)
  })

  it('a foreign action reaches no recipe', () => {
    const { m, calls } = counting()
    m.evolve(m.initialState, foreign)
    m.evolveAll(m.initialState, [foreign, stray])
    expect(calls).toEqual([])
    m.evolveAll(m.initialState, [foreign, opened, stray, posted])
    expect(calls).toEqual(['boardOpened', 'noticePosted'])
  })

  it('a batch of only foreign events returns the same state; a mixed batch applies only its own', () => {
    const state = board.evolve(board.initialState, opened)
    expect(board.evolveAll(state, [foreign, stray, foreign])).toBe(state)
    expect(board.evolveAll(state, [foreign, posted, stray])).toEqual(board.evolve(state, posted))
  })

  it('property: foreign events anywhere in a batch change nothing', () => {
    const arbForeign = fc.constantFrom<{ readonly type: string }>(foreign, stray, {
      type: '@@redux/PROBE_UNKNOWN_ACTION',
    })
    fc.assert(
      fc.property(fc.array(fc.oneof(arbBoardEvent, arbForeign), { maxLength: 30 }), (mixed) => {
        const own = mixed.filter((e): e is BoardEvent => BoardEvent.is(e))
        expect(board.evolveAll(board.initialState, mixed)).toEqual(
          board.evolveAll(board.initialState, own),
        )
        expect(root.evolveAll(root.initialState, mixed)).toEqual(
          root.evolveAll(root.initialState, own),
        )
      }),
    )
  })

  it('a foreign action with an `at` leaves the lastAt of a hall and of an integration stream untouched', () => {
    const hallOpened = decodeOrThrow(deliberation.eventCodec, {
      type: 'hallOpened',
      at: '2024-04-24T09:00:00+08:00',
      actor: 'p-clerk',
      hall: 'h-1',
      street: 's-street',
      name: 'Hall',
      place: { level: 'community', id: 'c-east' },
      charter: {
        quorum: { numerator: 1, denominator: 2 },
        threshold: 'simple-majority',
        minutesPerTurn: 3,
        turnsPerMotion: 2,
        balance: null,
        passMark: 4,
      },
      chair: 'p-chair',
    })
    const stationOpened = decodeOrThrow(integration.eventCodec, {
      type: 'stationOpened',
      at: '2024-04-24T09:05:00+08:00',
      actor: 'p-clerk',
      station: 'st-1',
      name: 'Station',
      place: { level: 'street', id: 's-street' },
      departments: ['police'],
      staff: [],
    })
    const hall = deliberation.evolve(undefined, hallOpened)
    const street = integration.evolve(undefined, stationOpened)
    expect(hall.lastAt).toBe('2024-04-24T09:00:00+08:00')
    expect(street.lastAt).toBe('2024-04-24T09:05:00+08:00')
    expect(deliberation.evolve(hall, stray)).toBe(hall)
    expect(integration.evolve(street, stray)).toBe(street)
    expect(deliberation.evolveAll(hall, [stray, stray]).lastAt).toBe('2024-04-24T09:00:00+08:00')
    expect(integration.evolve(integration.initialState, stray).lastAt).toBeNull()
    expect(deliberation.evolve(undefined, stray).lastAt).toBeNull()
    // The recipe as exported skips a foreign action too (a Redux Toolkit default case may hand
    // it any action).
    for (const [m, state] of [
      [deliberation, hall],
      [integration, street],
      [community, community.initialState],
      [embedding, embedding.initialState],
    ] as const) {
      const applied = produce(state, (draft: never) => {
        ;(m.apply as (d: unknown, e: unknown) => void)(draft, stray)
      })
      expect(applied).toBe(state)
    }
  })

  it('a reducer given an immer draft edits that draft and returns it', () => {
    const next = produce(board.initialState, (draft) => {
      expect(board.evolve(draft, opened)).toBe(draft)
      expect(board.evolveAll(draft, [posted, foreign])).toBe(draft)
      expect(board.evolve(draft, foreign)).toBe(draft)
    })
    expect(next).toEqual(board.evolveAll(board.initialState, [opened, posted]))
    expect(Object.isFrozen(next)).toBe(true)
  })

  it('a reducer given a part of a bigger draft edits that part, and freezes none of the caller’s draft', () => {
    const app = { board: board.evolve(board.initialState, opened), visits: 0 }
    const next = produce(app, (draft) => {
      draft.visits += 1
      draft.board = castDraft(board.evolve(draft.board, posted))
      expect(Object.isFrozen(draft.board)).toBe(false)
    })
    expect(next.visits).toBe(1)
    expect(next.board.notices).toEqual(['n'])
    expect(app.board.notices).toEqual([])
    const tallied = root.evolve(root.initialState, counted(1))
    const viaRoot = produce(tallied, (draft) => {
      expect(root.evolve(draft, counted(4))).toBe(draft)
      expect(root.evolve(draft, foreign)).toBe(draft)
    })
    expect(viaRoot).toEqual({ total: 5, resets: 0 })
  })
})
