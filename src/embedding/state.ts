/**
 * The embedding mechanism's state: the street's registry, and beside it what embedding records.
 *
 * The registry is held whole (not copied): the embedding mechanism decides on the registry's own
 * stream, so that the branches it founds are the registry's organisations and there is one party
 * tree. Members, duties and candidates are {@link Collection}s, like the registry's entities.
 *
 * @module
 */
import type { Collection, DutyId, OrganisationId, PersonId } from '../core/index.js'
import { emptyRegistry, type RegistryState } from '../community/index.js'
import type {
  Candidate,
  Commendation,
  Conversion,
  Duty,
  FirstSecretaryPosting,
  Founding,
  Grant,
  Member,
} from './codecs/index.js'

/**
 * A street's registry and its embedding records: plain, JSON-serialisable data.
 *
 * @category State
 */
export interface EmbeddingState {
  /** The street's registry (places, persons, organisations, roles). */
  readonly registry: RegistryState
  /** Party members known to the street, by person. */
  readonly members: Collection<PersonId, Member>
  /** Every duty, held or ended. */
  readonly duties: Collection<DutyId, Duty>
  /**
   * Index: the held `households` duty leading each household (by the person heading it), kept
   * by the reducer so that "one member leads one household" is checked without a scan.
   */
  readonly householdLeads: Collection<PersonId, DutyId>
  /** Persons being (or having been) developed into members, by person. */
  readonly candidates: Collection<PersonId, Candidate>
  /** How each branch founded through embedding was founded. */
  readonly foundings: Collection<OrganisationId, Founding>
  readonly conversions: ReadonlyArray<Conversion>
  readonly grants: ReadonlyArray<Grant>
  readonly firstSecretaries: ReadonlyArray<FirstSecretaryPosting>
  readonly commendations: ReadonlyArray<Commendation>
}

/**
 * The state of a street with no events.
 *
 * @category State
 */
export const emptyEmbedding: EmbeddingState = {
  registry: emptyRegistry,
  members: {},
  duties: {},
  householdLeads: {},
  candidates: {},
  foundings: {},
  conversions: [],
  grants: [],
  firstSecretaries: [],
  commendations: [],
}
