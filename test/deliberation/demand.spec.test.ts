import { describe, expect, it } from 'vitest'
import { deliberationRules as rules, MAX_AGENDA } from '../../src/deliberation/index.js'
import {
  alreadyExists,
  CHAIR,
  demandOf,
  forbiddenTo,
  HALL,
  inSession,
  matterOf,
  meetingOf,
  notFound,
  schedule,
  seedJCommunity,
  statusOf,
  submit,
  typesOf,
  withAgenda,
} from './spec-fixtures.js'

// Demand feedback 集 (demand.ts): demands come through the channels from the residents of the
// hall's place, are aggregated into matters, and matters are put on a meeting's agenda.

describe('stage 1, demand feedback 集: demands through channels, aggregated into matters', () => {
  it('a resident submits their own demand, which waits for a matter', () => {
    const s = seedJCommunity()
      .when(
        'r-2',
        'submitDemand',
        { demand: 'd-1', resident: 'r-2', channel: 'online', text: 'Demand d-1 of r-2' },
        '2024-05-03T10:00:00+08:00',
      )
      .then([
        {
          type: 'demandSubmitted',
          at: '2024-05-03T10:00:00+08:00',
          actor: 'r-2',
          demand: 'd-1',
          resident: 'r-2',
          channel: 'online',
          text: 'Demand d-1 of r-2',
        },
      ])
    expect(demandOf(s, 'd-1')).toEqual({
      id: 'd-1',
      resident: 'r-2',
      channel: 'online',
      text: 'Demand d-1 of r-2',
      submittedBy: 'r-2',
      submittedAt: '2024-05-03T10:00:00+08:00',
      matter: null,
    })
  })

  it('a building head relays the demand of a resident of their building', () => {
    const s = submit(seedJCommunity(), 'd-1', 'r-2', 'p-head-1', 'building-head')
    expect(demandOf(s, 'd-1')).toMatchObject({
      resident: 'r-2',
      submittedBy: 'p-head-1',
      channel: 'building-head',
    })
  })

  it('the duty rota (the chair and the representatives) takes hotline calls and visits', () => {
    const s = submit(
      submit(seedJCommunity(), 'd-1', 'r-3', 'p-ld', 'hotline'),
      'd-2',
      'r-4',
      CHAIR,
      'visit',
    )
    expect(demandOf(s, 'd-1')?.submittedBy).toBe('p-ld')
    expect(demandOf(s, 'd-2')?.submittedBy).toBe(CHAIR)
  })

  it.each([
    ['the head of another building', 'p-head-2', 'building-head'],
    ['a building head on the hotline', 'p-head-1', 'hotline'],
    ['a building head online', 'p-head-1', 'online'],
    ['a representative online', 'p-ld', 'online'],
    ['a representative as a building head', 'p-ld', 'building-head'],
    ['another resident on a visit', 'r-3', 'visit'],
    ['another resident online', 'r-3', 'online'],
  ])('%s does not submit a demand for r-2', (_who, actor, channel) => {
    seedJCommunity()
      .when(actor, 'submitDemand', { demand: 'd-1', resident: 'r-2', channel, text: 'Lights' })
      .thenRefused(
        forbiddenTo(actor, 'submitDemand', [
          'the resident r-2',
          'building-head over their home (channel building-head)',
          `hall-chair or representative of ${HALL} (channel hotline or visit)`,
        ]),
      )
  })

  it('a demand comes from someone who lives at the hall’s place (not-a-resident)', () => {
    seedJCommunity()
      .when('p-prop', 'submitDemand', {
        demand: 'd-1',
        resident: 'p-prop',
        channel: 'online',
        text: 'Parking',
      })
      .thenRefused(rules.notAResident)
  })

  it('a demand names a person who exists, under an id not used before', () => {
    const s = seedJCommunity()
    s.when(CHAIR, 'submitDemand', {
      demand: 'd-1',
      resident: 'p-nobody',
      channel: 'visit',
      text: 'Parking',
    }).thenRefused(notFound('person', 'p-nobody'))
    submit(s, 'd-1', 'r-1')
      .when('r-3', 'submitDemand', {
        demand: 'd-1',
        resident: 'r-3',
        channel: 'online',
        text: 'Other',
      })
      .thenRefused(alreadyExists('demand', 'd-1'))
  })

  it.each([
    ['the chair', CHAIR],
    ['a building head of the place', 'p-head-2'],
    ['a party-group leader of the place', 'p-group'],
  ])('%s aggregates demands into a matter, and the demands keep their link', (_who, actor) => {
    const s = submit(submit(seedJCommunity(), 'd-1', 'r-1'), 'd-2', 'r-4')
      .when(actor, 'aggregateDemands', {
        matter: 'm-1',
        title: 'Garbage sorting',
        demands: ['d-1', 'd-2'],
      })
      .then((events) => {
        expect(typesOf(events)).toEqual(['demandsAggregated'])
      })
    expect(matterOf(s, 'm-1')).toMatchObject({
      title: 'Garbage sorting',
      status: 'collected',
      demands: ['d-1', 'd-2'],
      resolution: null,
      tasks: [],
      reopened: 0,
      steps: [{ to: 'collected', on: 'demandsAggregated', actor }],
    })
    expect(demandOf(s, 'd-1')?.matter).toBe('m-1')
    expect(demandOf(s, 'd-2')?.matter).toBe('m-1')
  })

  it.each([
    ['the residents’ committee', 'p-rc'],
    ['a resident', 'r-1'],
    ['a supervisor', 'p-red'],
  ])('%s does not aggregate demands', (_who, actor) => {
    submit(seedJCommunity(), 'd-1', 'r-1')
      .when(actor, 'aggregateDemands', { matter: 'm-1', title: 'Lights', demands: ['d-1'] })
      .thenRefused(
        forbiddenTo(actor, 'aggregateDemands', [
          `hall-chair of ${HALL}`,
          'building-head or group-leader within community:c-j',
        ]),
      )
  })

  it('a matter is aggregated from at least one demand (no-demands)', () => {
    seedJCommunity()
      .when(CHAIR, 'aggregateDemands', { matter: 'm-1', title: 'Nothing', demands: [] })
      .thenRefused(rules.noDemands)
  })

  it('a demand joins one matter only (demand-aggregated)', () => {
    const s = submit(submit(seedJCommunity(), 'd-1', 'r-1'), 'd-2', 'r-3')
    s.when(CHAIR, 'aggregateDemands', {
      matter: 'm-1',
      title: 'Twice',
      demands: ['d-2', 'd-2'],
    }).thenRefused(rules.demandAggregated)
    const aggregated = s.does(CHAIR, 'aggregateDemands', {
      matter: 'm-1',
      title: 'Lights',
      demands: ['d-1'],
    })
    aggregated
      .when(CHAIR, 'aggregateDemands', { matter: 'm-2', title: 'Again', demands: ['d-2', 'd-1'] })
      .thenRefused(rules.demandAggregated)
    expect(demandOf(aggregated, 'd-2')?.matter).toBeNull()
  })

  it('a matter names demands that exist, under an id not used before', () => {
    const s = submit(submit(seedJCommunity(), 'd-1', 'r-1'), 'd-2', 'r-3')
    s.when(CHAIR, 'aggregateDemands', {
      matter: 'm-1',
      title: 'Lights',
      demands: ['d-9'],
    }).thenRefused(notFound('demand', 'd-9'))
    s.does(CHAIR, 'aggregateDemands', { matter: 'm-1', title: 'Lights', demands: ['d-1'] })
      .when(CHAIR, 'aggregateDemands', { matter: 'm-1', title: 'Noise', demands: ['d-2'] })
      .thenRefused(alreadyExists('matter', 'm-1'))
  })

  it('the chair puts a matter on the agenda of a scheduled meeting', () => {
    const s = withAgenda()
    expect(statusOf(s, 'm-1')).toBe('on-agenda')
    expect(meetingOf(s, 'mt-1')).toMatchObject({
      status: 'scheduled',
      agenda: ['m-1'],
      scheduledFor: '2024-05-15T15:00:00+08:00',
      charter: null,
    })
  })

  it('a matter is on one meeting’s agenda while that meeting is to come (previous-meeting-over)', () => {
    const s = schedule(withAgenda(), 'mt-2')
    for (const meeting of ['mt-1', 'mt-2'])
      s.when(CHAIR, 'putOnAgenda', { matter: 'm-1', meeting }).thenRefused(
        rules.previousMeetingOver,
      )
    expect(matterOf(s, 'm-1')?.meeting).toBe('mt-1')
  })

  it(`an agenda holds at most ${MAX_AGENDA} matters (agenda-full)`, () => {
    let s = schedule(seedJCommunity())
    for (let i = 0; i <= MAX_AGENDA; i++) {
      s = submit(s, `d-${i}`, 'r-1').does(CHAIR, 'aggregateDemands', {
        matter: `m-${i}`,
        title: `Matter ${i}`,
        demands: [`d-${i}`],
      })
      if (i < MAX_AGENDA) s = s.does(CHAIR, 'putOnAgenda', { matter: `m-${i}`, meeting: 'mt-1' })
    }
    s.when(CHAIR, 'putOnAgenda', { matter: `m-${MAX_AGENDA}`, meeting: 'mt-1' }).thenRefused(
      rules.agendaFull,
    )
    expect(meetingOf(s, 'mt-1')?.agenda).toHaveLength(MAX_AGENDA)
  })

  it('a matter goes on the agenda of a meeting that is scheduled, not open (meeting-not-scheduled)', () => {
    const s = submit(inSession(), 'd-3', 'r-5').does(CHAIR, 'aggregateDemands', {
      matter: 'm-2',
      title: 'Noise',
      demands: ['d-3'],
    })
    s.when(CHAIR, 'putOnAgenda', { matter: 'm-2', meeting: 'mt-1' }).thenRefused(
      rules.meetingNotScheduled,
    )
    s.when(CHAIR, 'putOnAgenda', { matter: 'm-2', meeting: 'mt-9' }).thenRefused(
      notFound('meeting', 'mt-9'),
    )
    s.when(CHAIR, 'putOnAgenda', { matter: 'm-9', meeting: 'mt-1' }).thenRefused(
      notFound('matter', 'm-9'),
    )
  })
})
