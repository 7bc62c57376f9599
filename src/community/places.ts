/**
 * Places (地方): the street 街道/镇 whose registry is opened, and the places nested in it —
 * community 社区 or village 村 ⊃ grid 网格 ⊃ compound 楼院 ⊃ building entrance 楼门 — each
 * registered inside its parent by a registrar over that parent, and renamed by a registrar over
 * the place. Opening the registry also registers its first registrar and gives them the street.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Draft } from 'immer'
import {
  alreadyExists,
  draftOf,
  found,
  insert,
  lookup,
  notFound,
  stamp,
  type AlreadyExists,
  type NotFound,
} from '../core/index.js'
import { authorise, registrarOf } from './authorisation.js'
import type { PlaceRef } from './codecs/index.js'
import { hasPlace, placeName } from './queries/index.js'
import {
  holdPost,
  unregistered,
  type RegistryEvents,
  type RegistryHandler,
  type RegistryReducer,
  type RegistryState,
} from './state.js'

// The checks of places

/**
 * The place is in the registry (NotFound otherwise).
 *
 * @category Checks
 */
export const placeExists = (state: RegistryState, place: PlaceRef): E.Either<NotFound, void> =>
  hasPlace(state, place) ? E.right(undefined) : E.left(notFound(place.level, place.id))

/** A street's registry is opened once. */
const notYetOpened = (state: RegistryState): E.Either<AlreadyExists, void> =>
  state.street === null
    ? E.right(undefined)
    : E.left(alreadyExists('street registry', state.street.id))

// Handlers

const openRegistry: RegistryHandler<'openRegistry'> = (c, s) =>
  pipe(
    notYetOpened(s),
    E.map((): RegistryEvents => [
      {
        type: 'registryOpened',
        ...stamp(c),
        street: c.street,
        name: c.name,
        registrar: c.registrar,
        registrarName: c.registrarName,
        assignment: c.assignment,
      },
    ]),
  )

const registerCommunity: RegistryHandler<'registerCommunity'> = (c, s) =>
  pipe(
    authorise(s, c.actor, c.type, [registrarOf({ level: 'street', id: c.street })]),
    E.tap(() => unregistered(lookup(s.communities, c.community), 'community', c.community)),
    E.map((): RegistryEvents => [
      {
        type: 'communityRegistered',
        ...stamp(c),
        community: c.community,
        name: c.name,
        settlement: c.settlement,
      },
    ]),
  )

const registerGrid: RegistryHandler<'registerGrid'> = (c, s) => {
  const community: PlaceRef = { level: 'community', id: c.community }
  return pipe(
    placeExists(s, community),
    E.tap(() => authorise(s, c.actor, c.type, [registrarOf(community)])),
    E.tap(() => unregistered(lookup(s.grids, c.grid), 'grid', c.grid)),
    E.map((): RegistryEvents => [
      { type: 'gridRegistered', ...stamp(c), grid: c.grid, community: c.community, name: c.name },
    ]),
  )
}

const registerCompound: RegistryHandler<'registerCompound'> = (c, s) => {
  const grid: PlaceRef = { level: 'grid', id: c.grid }
  return pipe(
    placeExists(s, grid),
    E.tap(() => authorise(s, c.actor, c.type, [registrarOf(grid)])),
    E.tap(() => unregistered(lookup(s.compounds, c.compound), 'compound', c.compound)),
    E.map((): RegistryEvents => [
      { type: 'compoundRegistered', ...stamp(c), compound: c.compound, grid: c.grid, name: c.name },
    ]),
  )
}

const registerEntrance: RegistryHandler<'registerEntrance'> = (c, s) => {
  const compound: PlaceRef = { level: 'compound', id: c.compound }
  return pipe(
    placeExists(s, compound),
    E.tap(() => authorise(s, c.actor, c.type, [registrarOf(compound)])),
    E.tap(() => unregistered(lookup(s.entrances, c.entrance), 'entrance', c.entrance)),
    E.map((): RegistryEvents => [
      {
        type: 'entranceRegistered',
        ...stamp(c),
        entrance: c.entrance,
        compound: c.compound,
        name: c.name,
      },
    ]),
  )
}

const renamePlace: RegistryHandler<'renamePlace'> = (c, s) =>
  pipe(
    found(placeName(s, c.place), c.place.level, c.place.id),
    E.tap(() => authorise(s, c.actor, c.type, [registrarOf(c.place)])),
    // Renaming to the current name records nothing: the registry already says so.
    E.map((current): RegistryEvents =>
      current === c.name
        ? []
        : [{ type: 'placeRenamed', ...stamp(c), place: c.place, from: current, to: c.name }],
    ),
  )

/**
 * The handlers of the place commands (opening the registry among them).
 *
 * @category Mechanism
 */
export const placeHandlers = {
  openRegistry,
  registerCommunity,
  registerGrid,
  registerCompound,
  registerEntrance,
  renamePlace,
}

// Reducers

const registryOpened: RegistryReducer<'registryOpened'> = (draft, e) => {
  draft.street = { id: e.street, name: e.name, openedAt: e.at }
  insert(draft.persons, e.registrar, {
    id: e.registrar,
    name: e.registrarName,
    household: { status: 'registered' },
    householdChanges: [],
    home: null,
    languages: [],
    moves: [],
    registeredAt: e.at,
  })
  holdPost(draft, {
    id: e.assignment,
    person: e.registrar,
    role: 'registrar',
    scope: { level: 'street', id: e.street },
    since: e.at,
    until: null,
  })
}

const communityRegistered: RegistryReducer<'communityRegistered'> = (draft, e) => {
  insert(draft.communities, e.community, {
    id: e.community,
    name: e.name,
    settlement: e.settlement,
    registeredAt: e.at,
  })
}

const gridRegistered: RegistryReducer<'gridRegistered'> = (draft, e) => {
  insert(draft.grids, e.grid, {
    id: e.grid,
    name: e.name,
    community: e.community,
    registeredAt: e.at,
  })
}

const compoundRegistered: RegistryReducer<'compoundRegistered'> = (draft, e) => {
  insert(draft.compounds, e.compound, {
    id: e.compound,
    name: e.name,
    grid: e.grid,
    registeredAt: e.at,
  })
}

const entranceRegistered: RegistryReducer<'entranceRegistered'> = (draft, e) => {
  insert(draft.entrances, e.entrance, {
    id: e.entrance,
    name: e.name,
    compound: e.compound,
    registeredAt: e.at,
  })
}

/** Sets the name of a place of any level in a draft registry. */
const renameIn = (draft: Draft<RegistryState>, place: PlaceRef, name: string): void => {
  const named: { name: string } | null | undefined =
    place.level === 'street'
      ? draft.street
      : place.level === 'community'
        ? draftOf(draft.communities, place.id)
        : place.level === 'grid'
          ? draftOf(draft.grids, place.id)
          : place.level === 'compound'
            ? draftOf(draft.compounds, place.id)
            : draftOf(draft.entrances, place.id)
  if (named !== null && named !== undefined) named.name = name
}

const placeRenamed: RegistryReducer<'placeRenamed'> = (draft, e) => {
  renameIn(draft, e.place, e.to)
}

/**
 * The reducers of the place events (the registry's opening among them).
 *
 * @category Mechanism
 */
export const placeReducers = {
  registryOpened,
  communityRegistered,
  gridRegistered,
  compoundRegistered,
  entranceRegistered,
  placeRenamed,
}
