import { describe, expect, it } from 'vitest'
import { sanSanSan, sanWuWu } from '../../src/deliberation/index.js'
import { CHAIR, seedJCommunity } from './spec-fixtures.js'

// The hall's schedules (schedule.ts): the chair sets them by name. Their occurrences are
// computations, specified in schedule.test.ts.

describe('the hall’s schedules: one under each name', () => {
  it('a schedule replaces the one of the same name, and keeps the others', () => {
    const s = seedJCommunity()
      .when(CHAIR, 'setSchedule', { schedule: sanWuWu() })
      .then((events) => {
        expect(events).toMatchObject([{ type: 'scheduleSet', actor: CHAIR, schedule: sanWuWu() }])
      })
      .does(CHAIR, 'setSchedule', { schedule: sanSanSan() })
      .does(CHAIR, 'setSchedule', { schedule: sanWuWu('+09:00') })
    expect(s.hall.schedules.map((x) => [x.name, x.zone])).toEqual([
      ['三三三 tea talk', '+08:00'],
      ['三五五 co-governance deliberation', '+09:00'],
    ])
  })
})
