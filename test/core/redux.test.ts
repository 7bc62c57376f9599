/**
 * The mechanisms' reducers in a real Redux store (Redux Toolkit's `configureStore`, with its
 * default middleware, which checks that the state is serialisable and never mutated): slices of
 * several mechanisms side by side with an app's own slice, foreign actions, and `createSlice` case
 * reducers that delegate to a mechanism.
 */
import {
  configureStore,
  createSlice,
  type PayloadAction,
  type UnknownAction,
} from '@reduxjs/toolkit'
import * as E from 'fp-ts/lib/Either.js'
import { castDraft } from 'immer'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  combine,
  decideInOrder,
  decodeWith,
  replay,
  type Mechanism,
  type Tagged,
} from '../../src/core/index.js'
import { community } from '../../src/community/index.js'
import { embedding } from '../../src/embedding/index.js'
import {
  deliberation,
  type DeliberationEvent,
  type HallState,
} from '../../src/deliberation/index.js'
import { dispute } from '../../src/dispute/index.js'
import { integration } from '../../src/integration/index.js'

const STREET = 's-redux'
const CLERK = 'p-clerk'

let minute = 0
/** The envelope of the next command: a minute after the last one. */
const envelope = (actor: string) => {
  minute += 1
  const hh = String(8 + Math.floor(minute / 60)).padStart(2, '0')
  const mm = String(minute % 60).padStart(2, '0')
  return {
    commandId: `cmd-${minute}`,
    at: `2024-07-01T${hh}:${mm}:00+08:00`,
    actor,
    street: STREET,
  }
}

/**
 * Decodes commands as the engine would and decides them in order with the pure `decide` (no
 * engine, no store): the events, or the test fails.
 */
const decided = <C extends Tagged, Ev extends Tagged, S, X>(
  m: Mechanism<C, Ev, S, X>,
  context: X,
  commands: ReadonlyArray<readonly [actor: string, json: Record<string, unknown>]>,
): ReadonlyArray<Ev> => {
  const typed = commands.map(([actor, json]) => {
    const c = decodeWith(m.commandCodec, { ...envelope(actor), ...json })
    if (E.isLeft(c)) throw new Error(`${String(json['type'])}: ${c.left.message}`)
    return c.right
  })
  const result = decideInOrder(m, m.initialState, typed, context)
  if (E.isLeft(result)) throw new Error(`refused: ${result.left.message}`)
  return result.right.events
}

const east = { level: 'community', id: 'c-east' }
const resident = (person: string, name: string) =>
  [
    CLERK,
    { type: 'registerPerson', person, name, household: { status: 'registered' }, home: east },
  ] as const

/** A street's registry, a hall, a case and a one-stop station, as the mechanisms' own events. */
const registryEvents = decided(community, undefined, [
  [
    CLERK,
    {
      type: 'openRegistry',
      name: 'Redux Street',
      registrar: CLERK,
      registrarName: 'Clerk',
      assignment: 'as-clerk',
    },
  ],
  [
    CLERK,
    { type: 'registerCommunity', community: 'c-east', name: 'East', settlement: 'community' },
  ],
  resident('p-chair', 'Chair Wu'),
  resident('p-a', 'Resident A'),
  resident('p-b', 'Resident B'),
])
const registry = replay(community, registryEvents)
const hallEvents = decided(deliberation, { registry }, [
  [
    CLERK,
    {
      type: 'openHall',
      hall: 'h-1',
      name: 'East Hall',
      place: east,
      charter: {
        quorum: { numerator: 1, denominator: 2 },
        threshold: 'simple-majority',
        minutesPerTurn: 3,
        turnsPerMotion: 2,
        balance: null,
        passMark: 4,
      },
      chair: 'p-chair',
    },
  ],
])
const caseEvents = decided(dispute, { registry }, [
  [
    'p-a',
    {
      type: 'fileCase',
      case: 'case-1',
      kind: { kind: 'other', description: 'A hedge too high' },
      parties: [
        { kind: 'person', person: 'p-a' },
        { kind: 'person', person: 'p-b' },
      ],
      arose: east,
      summary: 'The hedge between their yards',
      limits: { grid: null, community: null },
    },
  ],
])
const integrationEvents = decided(
  integration,
  { embedding: replay(embedding, registryEvents), hall: null },
  [
    [
      CLERK,
      {
        type: 'openStation',
        station: 'st-1',
        name: 'One-stop Station',
        place: { level: 'street', id: STREET },
        departments: ['police', 'civil-affairs'],
        staff: ['p-a'],
      },
    ],
  ],
)

/** An app's own slice beside the mechanisms'. */
const counter = createSlice({
  name: 'counter',
  initialState: { value: 0 },
  reducers: {
    increment: (state) => {
      state.value += 1
    },
  },
})

/** The mechanisms' reducers, each under a key, as an app would mount them. */
const makeStore = () =>
  configureStore({
    reducer: {
      registry: community.evolve,
      embedding: embedding.evolve,
      hall: deliberation.evolve,
      case: dispute.evolve,
      integration: integration.evolve,
      counter: counter.reducer,
    },
    // The checks run on every dispatch; a large state must not make them warn that they are slow.
    middleware: (defaults) =>
      defaults({ immutableCheck: { warnAfter: 10_000 }, serializableCheck: { warnAfter: 10_000 } }),
  })

/** A foreign action with an `at`: a type the hall and the integration stream do not know. */
const rescheduled = { type: 'meeting/rescheduled', at: '2099-12-31T23:59:59Z', actor: CLERK }

let complaints: ReturnType<typeof vi.spyOn>[] = []
beforeEach(() => {
  // Redux Toolkit reports a non-serialisable value or a slow check on the console, not by throwing.
  complaints = [vi.spyOn(console, 'error'), vi.spyOn(console, 'warn')]
})
afterEach(() => {
  for (const spy of complaints) expect(spy).not.toHaveBeenCalled()
  vi.restoreAllMocks()
})

describe('the mechanisms in a Redux store (configureStore)', () => {
  it('start at their initial states: Redux’s init action and its probes of unknown types pass', () => {
    const state = makeStore().getState()
    expect(state.registry).toBe(community.initialState)
    expect(state.embedding).toBe(embedding.initialState)
    expect(state.hall).toBe(deliberation.initialState)
    expect(state.case).toBe(dispute.initialState)
    expect(state.integration).toBe(integration.initialState)
    expect(state.counter).toEqual({ value: 0 })
  })

  it('fold the events dispatched to them as replay does, each slice only its mechanism’s', () => {
    const store = makeStore()
    for (const e of [...registryEvents, ...hallEvents, ...caseEvents, ...integrationEvents])
      store.dispatch(e)
    const state = store.getState()
    expect(state.registry).toEqual(replay(community, registryEvents))
    // Embedding takes the registry's events too.
    expect(state.embedding).toEqual(replay(embedding, registryEvents))
    expect(state.hall).toEqual(replay(deliberation, hallEvents))
    expect(state.case).toEqual(replay(dispute, caseEvents))
    expect(state.integration).toEqual(replay(integration, integrationEvents))
    expect(state.hall.hall?.name).toBe('East Hall')
    expect(state.case.case?.summary).toBe('The hedge between their yards')
    expect(state.counter).toEqual({ value: 0 })
  })

  it('an event of one mechanism leaves the other mechanisms’ slices the same objects', () => {
    const store = makeStore()
    for (const e of registryEvents) store.dispatch(e)
    const before = store.getState()
    for (const e of hallEvents) store.dispatch(e)
    const after = store.getState()
    expect(after.hall).not.toBe(before.hall)
    expect(after.registry).toBe(before.registry)
    expect(after.embedding).toBe(before.embedding)
    expect(after.case).toBe(before.case)
    expect(after.integration).toBe(before.integration)
    expect(after.counter).toBe(before.counter)
  })

  it('a foreign action leaves every mechanism’s slice the same object, and lastAt as it was', () => {
    const store = makeStore()
    for (const e of [...registryEvents, ...hallEvents, ...caseEvents, ...integrationEvents])
      store.dispatch(e)
    const before = store.getState()
    store.dispatch(counter.actions.increment())
    store.dispatch(rescheduled)
    store.dispatch({ type: 'counter/increment' })
    const after = store.getState()
    expect(after.counter).toEqual({ value: 2 })
    expect(after.registry).toBe(before.registry)
    expect(after.embedding).toBe(before.embedding)
    expect(after.hall).toBe(before.hall)
    expect(after.case).toBe(before.case)
    expect(after.integration).toBe(before.integration)
    expect(after.hall.lastAt).toBe(hallEvents.at(-1)?.at)
    expect(after.integration.lastAt).toBe(integrationEvents.at(-1)?.at)
  })

  it('keep the state frozen plain data, which the default middleware checks on every dispatch', () => {
    const store = makeStore()
    for (const e of [...registryEvents, ...hallEvents, ...caseEvents, ...integrationEvents])
      store.dispatch(e)
    const state = store.getState()
    expect(Object.isFrozen(state.registry)).toBe(true)
    expect(Object.isFrozen(state.hall.hall)).toBe(true)
    expect(JSON.parse(JSON.stringify(state))).toEqual(state)
    // The immutability check throws on a mutation between dispatches; none happened.
    expect(() => store.dispatch(rescheduled)).not.toThrow()
  })

  it('take a root made by combine as the reducer of one stream (a sum: the part that owns it)', () => {
    const street = combine('street', { community, deliberation, integration })
    const store = configureStore({
      reducer: street.evolve,
      middleware: (defaults) =>
        defaults({
          immutableCheck: { warnAfter: 10_000 },
          serializableCheck: { warnAfter: 10_000 },
        }),
    })
    expect(store.getState()).toBe(street.initialState)
    for (const e of hallEvents) store.dispatch(e)
    const before = store.getState()
    expect(before).toEqual(replay(deliberation, hallEvents))
    store.dispatch(rescheduled)
    store.dispatch({ type: 'caseFiled' }) // the dispute's, not a part of this root
    // Another part's event is foreign to a hall's stream: the registry's opening changes nothing.
    const registryEvent = registryEvents[0]
    if (registryEvent !== undefined) store.dispatch(registryEvent)
    expect(store.getState()).toBe(before)
  })
})

describe('createSlice case reducers that delegate to a mechanism (inside Redux Toolkit’s draft)', () => {
  const isHallEvent = (action: UnknownAction): action is DeliberationEvent =>
    deliberation.eventCodec.is(action)

  it('return the mechanism’s evolve of the draft, for its events and for foreign ones', () => {
    const hall = createSlice({
      name: 'hall',
      initialState: deliberation.initialState,
      reducers: {
        closedForTheDay: (state) => deliberation.evolve(state, { type: 'hall/closedForTheDay' }),
      },
      extraReducers: (builder) =>
        builder.addDefaultCase((state, action) => deliberation.evolve(state, action)),
    })
    const store = configureStore({ reducer: { hall: hall.reducer } })
    expect(store.getState().hall).toBe(deliberation.initialState)
    for (const e of hallEvents) store.dispatch(e)
    const opened = store.getState().hall
    expect(opened).toEqual(replay(deliberation, hallEvents))
    expect(Object.isFrozen(opened)).toBe(true)
    store.dispatch(rescheduled)
    store.dispatch(hall.actions.closedForTheDay())
    expect(store.getState().hall).toBe(opened)
    expect(store.getState().hall.lastAt).toBe(hallEvents.at(-1)?.at)
  })

  it('may edit the draft as well: evolve edits the draft it is given and returns it', () => {
    type Desk = { readonly hall: HallState; readonly folded: number; readonly note: string }
    const initialState: Desk = { hall: deliberation.initialState, folded: 0, note: '' }
    const desk = createSlice({
      name: 'desk',
      initialState,
      reducers: {
        noted: (state, action: PayloadAction<string>) => {
          state.note = action.payload
        },
      },
      extraReducers: (builder) =>
        builder.addMatcher(isHallEvent, (state, action) => {
          // Both in one case reducer: a mutation of the draft, and the mechanism's fold of a part
          // of it (evolve edits that part of the draft and returns it).
          state.folded += 1
          state.hall = castDraft(deliberation.evolve(state.hall, action))
        }),
    })
    const store = configureStore({ reducer: { desk: desk.reducer } })
    for (const e of hallEvents) store.dispatch(e)
    store.dispatch(desk.actions.noted('agenda'))
    const state = store.getState().desk
    expect(state.hall).toEqual(replay(deliberation, hallEvents))
    expect(state.folded).toBe(hallEvents.length)
    expect(state.note).toBe('agenda')
    expect(Object.isFrozen(state.hall)).toBe(true)
    store.dispatch(rescheduled)
    expect(store.getState().desk).toBe(state)
  })
})
