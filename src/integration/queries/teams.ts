/**
 * Volunteer service, read back: the hours of recognised service 志愿服务时长 per volunteer, the list
 * recognition and commendation (表彰) read.
 *
 * @module
 */
import {
  compareInstants,
  valuesOf,
  type PersonId,
  type ServiceRecordId,
  type TeamId,
} from '../../core/index.js'
import type { IntegrationState } from '../state.js'

/**
 * One volunteer's recognised service (志愿服务时长): what {@link serviceHours} returns.
 *
 * @category Queries
 */
export interface VolunteerHours {
  readonly volunteer: PersonId
  /** Minutes of verified service (verified or already rewarded records). */
  readonly minutes: number
  /** The same in hours (`minutes / 60`, not rounded). */
  readonly hours: number
  /** The verified records counted, in the order served (then by id). */
  readonly records: ReadonlyArray<ServiceRecordId>
}

/**
 * Volunteer service hours (志愿服务时长) per volunteer: the minutes of every verified or rewarded
 * record (recorded and rejected ones do not count), optionally of one team only. Most hours first,
 * then by volunteer id: the list recognition and commendation (表彰) read.
 *
 * @example
 * ```ts
 * import { TeamId } from 'governance-kit/codec'
 * import { serviceHours, emptyIntegration } from 'governance-kit/integration'
 * serviceHours(emptyIntegration, { team: TeamId.make('t-patrol') }) // []
 * // after two verified hours of patrol by m-2:
 * // [{ volunteer: 'm-2', minutes: 120, hours: 2, records: ['sr-1', 'sr-2'] }]
 * ```
 *
 * @category Queries
 */
export const serviceHours = (
  state: IntegrationState,
  filter: { readonly team?: TeamId } = {},
): ReadonlyArray<VolunteerHours> => {
  const counted = valuesOf(state.records)
    .filter(
      (r) =>
        (r.status === 'verified' || r.status === 'rewarded') &&
        (filter.team === undefined || r.team === filter.team),
    )
    .sort((a, b) => compareInstants(a.servedOn, b.servedOn) || a.id.localeCompare(b.id))
  const byVolunteer = new Map<PersonId, { minutes: number; records: ServiceRecordId[] }>()
  for (const r of counted) {
    const entry = byVolunteer.get(r.volunteer) ?? { minutes: 0, records: [] }
    entry.minutes += r.minutes
    entry.records.push(r.id)
    byVolunteer.set(r.volunteer, entry)
  }
  return [...byVolunteer]
    .map(([volunteer, { minutes, records }]) => ({
      volunteer,
      minutes,
      hours: minutes / 60,
      records,
    }))
    .sort((a, b) => b.minutes - a.minutes || a.volunteer.localeCompare(b.volunteer))
}
