/**
 * Tiny mechanisms for testing the core kernel, built only with the package's public surface:
 *
 * - `board` (a notice board per stream `board/<id>`): a lifecycle table, a guard (`has-room`),
 *   an authorisation check (only the owner closes), a command that emits several events (or none).
 * - `tally` (a counter per stream `tally/<id>`): a second mechanism, to test `combine`.
 * - `reactions` (per stream `reactions/<board>`): reads the board's state through `loadContext`
 *   and `ReadState`, to test cross-stream context.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import {
  command,
  decodeWith,
  defineMachine,
  defineMechanism,
  event,
  forbidden,
  idCodec,
  integer,
  list,
  notFound,
  oneOf,
  ruleViolation,
  streamId,
  taggedUnion,
  text,
  type DomainError,
  type Mechanism,
  type MechanismDefinition,
  type PersonId,
  type StateOf,
  type StreamId,
  type StreamState,
} from '../../src/core/index.js'

// ---------------------------------------------------------------------------------------------
// Either helpers that throw, so tests need no non-null assertions or casts.

/** The Right value, or throws with the Left rendered (a failing test shows why). */
export const right = <L, R>(result: E.Either<L, R>): R => {
  if (E.isLeft(result)) throw new Error(`expected Right, got Left ${JSON.stringify(result.left)}`)
  return result.right
}

/** The Left value, or throws with the Right rendered. */
export const left = <L, R>(result: E.Either<L, R>): L => {
  if (E.isRight(result)) throw new Error(`expected Left, got Right ${JSON.stringify(result.right)}`)
  return result.left
}

/** Decodes a value a test wrote by hand, throwing if the test's own fixture is malformed. */
export const decodeOrThrow = <A, O>(codec: t.Type<A, O>, input: unknown): A =>
  right(decodeWith(codec, input))

/** The element at `index`, or throws (instead of a non-null assertion). */
export const at = <T>(items: ReadonlyArray<T>, index: number): T => {
  const item = items[index]
  if (item === undefined) throw new Error(`no element at index ${index} (length ${items.length})`)
  return item
}

// ---------------------------------------------------------------------------------------------
// The notice board.

export const BoardId = idCodec('BoardId')
export type BoardId = t.TypeOf<typeof BoardId>

/** The board's lifecycle: opened once, notices posted while there is room, closed for good. */
export const boardMachine = defineMachine({
  id: 'board',
  states: ['unopened', 'open', 'closed'],
  initial: 'unopened',
  final: ['closed'],
  transitions: [
    { from: 'unopened', on: 'openBoard', to: 'open' },
    { from: 'open', on: 'postNotices', to: 'open', guard: 'has-room' },
    { from: 'open', on: 'closeBoard', to: 'closed' },
  ],
})
export type BoardStatus = StateOf<typeof boardMachine>

export const Notice = text(80)

export const BoardCommand = taggedUnion('BoardCommand', [
  command('openBoard', { board: BoardId, title: text(40), capacity: integer(1, 5) }),
  command('postNotices', { board: BoardId, notices: list(Notice, 5) }),
  command('closeBoard', { board: BoardId }, { reason: text(80) }),
])
export type BoardCommand = t.TypeOf<typeof BoardCommand>

export const BoardEvent = taggedUnion('BoardEvent', [
  event('boardOpened', { board: BoardId, title: text(40), capacity: integer(1, 5) }),
  event('noticePosted', { board: BoardId, notice: Notice }),
  event('boardClosed', { board: BoardId }, { reason: text(80) }),
])
export type BoardEvent = t.TypeOf<typeof BoardEvent>

export interface BoardState {
  readonly status: BoardStatus
  readonly owner: PersonId | null
  readonly title: string | null
  readonly capacity: number
  readonly notices: ReadonlyArray<string>
  readonly closedBecause: string | null
}

export const boardStream = (board: string): StreamId<'board'> => streamId('board', board)

const decideBoard = (
  c: BoardCommand,
  s: BoardState,
): E.Either<DomainError, ReadonlyArray<BoardEvent>> => {
  switch (c.type) {
    case 'openBoard': {
      const moved = boardMachine.next(s.status, c.type)
      if (E.isLeft(moved)) return moved
      return E.right([
        {
          type: 'boardOpened',
          at: c.at,
          actor: c.actor,
          board: c.board,
          title: c.title,
          capacity: c.capacity,
        },
      ])
    }
    case 'postNotices': {
      const moved = boardMachine.next(s.status, c.type, {
        'has-room': s.notices.length + c.notices.length <= s.capacity,
      })
      if (E.isLeft(moved)) return moved
      return E.right(
        c.notices.map((notice) => ({
          type: 'noticePosted' as const,
          at: c.at,
          actor: c.actor,
          board: c.board,
          notice,
        })),
      )
    }
    case 'closeBoard': {
      const moved = boardMachine.next(s.status, c.type)
      if (E.isLeft(moved)) return moved
      if (s.owner !== c.actor) return E.left(forbidden(c.actor, c.type, [`owner@board:${c.board}`]))
      const closed: BoardEvent =
        c.reason === undefined
          ? { type: 'boardClosed', at: c.at, actor: c.actor, board: c.board }
          : { type: 'boardClosed', at: c.at, actor: c.actor, board: c.board, reason: c.reason }
      return E.right([closed])
    }
  }
}

/** The board's definition; tests may spread it to build broken variants. */
export const boardDefinition = (): MechanismDefinition<
  BoardCommand,
  BoardEvent,
  BoardState,
  void,
  'board'
> => ({
  name: 'board',
  commands: BoardCommand,
  events: BoardEvent,
  // A fresh object per call, so a test that corrupts one mechanism cannot reach another.
  initialState: {
    status: 'unopened',
    owner: null,
    title: null,
    capacity: 0,
    notices: [],
    closedBecause: null,
  },
  streamKind: 'board',
  streamOf: (c) => boardStream(c.board),
  decide: decideBoard,
  apply: (draft, e) => {
    switch (e.type) {
      case 'boardOpened':
        draft.status = 'open'
        draft.owner = e.actor
        draft.title = e.title
        draft.capacity = e.capacity
        return
      case 'noticePosted':
        draft.notices.push(e.notice)
        return
      case 'boardClosed':
        draft.status = 'closed'
        draft.closedBecause = e.reason ?? null
        return
    }
  },
})

/** A fresh board mechanism (its own initial state). */
export const createBoard = (): Mechanism<BoardCommand, BoardEvent, BoardState> =>
  defineMechanism(boardDefinition())

/** The shared board mechanism. */
export const board = createBoard()

// ---------------------------------------------------------------------------------------------
// The tally (a second mechanism, for `combine`).

export const TallyId = idCodec('TallyId')

export const TallyCommand = taggedUnion('TallyCommand', [
  command('count', { tally: TallyId, by: integer(1, 10) }),
  command('resetTally', { tally: TallyId }),
])
export type TallyCommand = t.TypeOf<typeof TallyCommand>

export const TallyEvent = taggedUnion('TallyEvent', [
  event('counted', { tally: TallyId, by: integer(1, 10) }),
  event('tallyReset', { tally: TallyId }),
])
export type TallyEvent = t.TypeOf<typeof TallyEvent>

export interface TallyState {
  readonly total: number
  readonly resets: number
}

export const tallyStream = (tally: string): StreamId<'tally'> => streamId('tally', tally)

export const tally: Mechanism<TallyCommand, TallyEvent, TallyState> = defineMechanism({
  name: 'tally',
  commands: TallyCommand,
  events: TallyEvent,
  initialState: { total: 0, resets: 0 },
  streamKind: 'tally',
  streamOf: (c: TallyCommand) => tallyStream(c.tally),
  decide: (c: TallyCommand, s: TallyState): E.Either<DomainError, ReadonlyArray<TallyEvent>> => {
    switch (c.type) {
      case 'count':
        return E.right([{ type: 'counted', at: c.at, actor: c.actor, tally: c.tally, by: c.by }])
      case 'resetTally':
        return s.total === 0
          ? E.left(ruleViolation('nothing-to-reset', 'The tally is at zero already'))
          : E.right([{ type: 'tallyReset', at: c.at, actor: c.actor, tally: c.tally }])
    }
  },
  apply: (draft, e) => {
    switch (e.type) {
      case 'counted':
        draft.total += e.by
        return
      case 'tallyReset':
        draft.total = 0
        draft.resets += 1
        return
    }
  },
})

// ---------------------------------------------------------------------------------------------
// Reactions to a board (reads the board's stream as context).

export const Reaction = oneOf(['like', 'thanks'])

export const ReactionCommand = taggedUnion('ReactionCommand', [
  command('react', { board: BoardId, reaction: Reaction }),
])
export type ReactionCommand = t.TypeOf<typeof ReactionCommand>

export const ReactionEvent = taggedUnion('ReactionEvent', [
  event('reacted', { board: BoardId, reaction: Reaction, boardVersion: integer(0, 1_000_000) }),
])
export type ReactionEvent = t.TypeOf<typeof ReactionEvent>

export interface ReactionState {
  readonly like: number
  readonly thanks: number
  /** The board's version each reaction saw, to check what the context read. */
  readonly seenBoardVersions: ReadonlyArray<number>
}

const emptyReactions: ReactionState = { like: 0, thanks: 0, seenBoardVersions: [] }

export const reactionStream = (boardId: string): StreamId<'reactions'> =>
  streamId('reactions', boardId)

/** The context a reaction needs: the board's current state, read from the board's stream. */
export type ReactionContext = StreamState<BoardState>

export const reactions: Mechanism<ReactionCommand, ReactionEvent, ReactionState, ReactionContext> =
  defineMechanism({
    name: 'reactions',
    commands: ReactionCommand,
    events: ReactionEvent,
    initialState: emptyReactions,
    streamKind: 'reactions',
    streamOf: (c: ReactionCommand) => reactionStream(c.board),
    loadContext: (c, read) => read(boardStream(c.board), board),
    decide: (
      c: ReactionCommand,
      _s: ReactionState,
      context: ReactionContext,
    ): E.Either<DomainError, ReadonlyArray<ReactionEvent>> => {
      if (context.state.status === 'unopened') return E.left(notFound('board', c.board))
      if (context.state.status === 'closed')
        return E.left(ruleViolation('board-closed', `Board ${c.board} is closed`))
      return E.right([
        {
          type: 'reacted',
          at: c.at,
          actor: c.actor,
          board: c.board,
          reaction: c.reaction,
          boardVersion: context.version,
        },
      ])
    },
    apply: (draft, e) => {
      draft[e.reaction] += 1
      draft.seenBoardVersions.push(e.boardVersion)
    },
  })

// ---------------------------------------------------------------------------------------------
// Raw command inputs (unknown JSON, as an app would send them).

/** A command as it arrives at the boundary: plain JSON. */
export type RawCommand = Readonly<Record<string, unknown>>

export const AT = '2024-04-24T09:30:00+08:00'
export const OWNER = 'p-owner'
export const VISITOR = 'p-visitor'

export const openBoard = (commandId: string, overrides: RawCommand = {}): RawCommand => ({
  type: 'openBoard',
  commandId,
  at: AT,
  actor: OWNER,
  board: 'b1',
  title: 'Lost and found',
  capacity: 3,
  ...overrides,
})

export const postNotices = (
  commandId: string,
  notices: ReadonlyArray<string>,
  overrides: RawCommand = {},
): RawCommand => ({
  type: 'postNotices',
  commandId,
  at: AT,
  actor: VISITOR,
  board: 'b1',
  notices,
  ...overrides,
})

export const closeBoard = (commandId: string, overrides: RawCommand = {}): RawCommand => ({
  type: 'closeBoard',
  commandId,
  at: AT,
  actor: OWNER,
  board: 'b1',
  ...overrides,
})

export const count = (commandId: string, by: number, overrides: RawCommand = {}): RawCommand => ({
  type: 'count',
  commandId,
  at: AT,
  actor: OWNER,
  tally: 't1',
  by,
  ...overrides,
})

export const resetTally = (commandId: string, overrides: RawCommand = {}): RawCommand => ({
  type: 'resetTally',
  commandId,
  at: AT,
  actor: OWNER,
  tally: 't1',
  ...overrides,
})

export const react = (
  commandId: string,
  reaction: 'like' | 'thanks',
  overrides: RawCommand = {},
): RawCommand => ({
  type: 'react',
  commandId,
  at: AT,
  actor: VISITOR,
  board: 'b1',
  reaction,
  ...overrides,
})

/** A typed board command from a raw one. */
export const boardCommand = (raw: RawCommand): BoardCommand => decodeOrThrow(BoardCommand, raw)

/** A typed board event, for tests of reducers (fields not given take defaults). */
export const boardEvent = (raw: RawCommand): BoardEvent =>
  decodeOrThrow(BoardEvent, { at: AT, actor: OWNER, board: 'b1', ...raw })
