/**
 * The codecs of management integration 管理整合 (seed 000 §三.1): the co-governance council
 * 共治议事会, its commands and its events.
 *
 * @module
 */
import * as t from 'io-ts'
import {
  CouncilId,
  HallId,
  Instant,
  OrganisationId,
  command,
  event,
  list,
  struct,
} from '../../core/index.js'
import { Description, Name } from '../../community/index.js'
import { HallPlace } from '../../deliberation/index.js'
import { onStreet } from './place.js'

/**
 * A co-governance council 共治议事会 of migrant and local representatives (management
 * integration 管理整合). Its meetings, roster, seats and balance rule are those of a deliberation
 * hall (`hall`); the council adds its written charter 章程 (articles on its organisation and
 * duties) and its council branch 议事会党支部, whose secretary chairs it.
 *
 * @category State
 */
export const Council = struct('Council', {
  id: CouncilId,
  name: Name,
  hall: HallId,
  /** Where the hall sits (copied from it when the council was constituted). */
  place: HallPlace,
  branch: OrganisationId,
  /** The written charter 成文章程: its articles, in order. */
  articles: list(Description, 50),
  constitutedAt: Instant,
})
/** A co-governance council. @category State */
export type Council = t.TypeOf<typeof Council>

/**
 * Constitutes a council on a hall whose chair is the secretary of the council's branch.
 *
 * @category Commands
 */
export const ConstituteCouncil = command('constituteCouncil', {
  ...onStreet,
  council: CouncilId,
  name: Name,
  hall: HallId,
  branch: OrganisationId,
  articles: list(Description, 50),
})
/** The council branch's secretary rewrites the council's written charter. @category Commands */
export const AmendArticles = command('amendArticles', {
  ...onStreet,
  council: CouncilId,
  articles: list(Description, 50),
})
/** The council's commands, in their order in `IntegrationCommand`. @category Commands */
export const councilCommands = [ConstituteCouncil, AmendArticles] as const

/** The council's events, in their order in `IntegrationEvent`. @category Events */
export const councilEvents = [
  event('councilConstituted', {
    council: CouncilId,
    name: Name,
    hall: HallId,
    place: HallPlace,
    branch: OrganisationId,
    articles: list(Description, 50),
  }),
  event('articlesAmended', { council: CouncilId, articles: list(Description, 50) }),
] as const
