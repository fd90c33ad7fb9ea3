/**
 * Goal: `alterConfigs` validates against the config catalog, refuses with INVALID_CONFIG and
 * changes nothing, refuses static broker configs as Kafka does, and applies dynamic ones so the
 * engine acts on them (the log's retention, the topic's min ISR), recorded for replay and seek.
 * Method: a timeline with the sandbox topic; dispatch good and bad requests; read `describeConfigs`
 * and the replicas' log config; seek back before the change.
 */
import { expect, test } from 'vitest'
import { createTimeline } from '../timeline'
import { describeConfigs } from '../view'

const scenario = {
  brokers: 3,
  topics: [
    { name: 'orders', partitions: 2, replicationFactor: 3, configs: { 'min.insync.replicas': 2 } },
  ],
}

const topicConfig = (timeline: ReturnType<typeof createTimeline>, name: string) =>
  describeConfigs(timeline.state())
    .topics.find((t) => t.topic === 'orders')!
    .configs.find((c) => c.name === name)!

test('an invalid value is INVALID_CONFIG with the catalog message and changes nothing', () => {
  const timeline = createTimeline({ seed: 1, scenario })
  timeline.advanceTo(1_000)
  const before = JSON.stringify(describeConfigs(timeline.state()))
  for (const configs of [
    { 'min.insync.replicas': 0 },
    { 'retention.ms': 'soon' },
    { 'segment.bytes': 100 },
    { 'no.such.config': 1 },
  ]) {
    const result = timeline.dispatch({
      type: 'alterConfigs',
      resourceType: 'topic',
      resourceName: 'orders',
      configs,
    })
    expect(result.ok, JSON.stringify(configs)).toBe(false)
    if (!result.ok) expect(result.error.error).toBe('INVALID_CONFIG')
  }
  const minIsr = timeline.dispatch({
    type: 'alterConfigs',
    resourceType: 'topic',
    resourceName: 'orders',
    configs: { 'min.insync.replicas': 0 },
  })
  expect(!minIsr.ok && minIsr.error.message).toBe(
    'Invalid value 0 for configuration min.insync.replicas: Value must be at least 1',
  )
  expect(JSON.stringify(describeConfigs(timeline.state()))).toBe(before)
  expect(timeline.commands()).toHaveLength(0)
})

test('static broker configs are refused; dynamic ones apply cluster-wide', () => {
  const timeline = createTimeline({ seed: 1, scenario })
  const lag = timeline.dispatch({
    type: 'alterConfigs',
    resourceType: 'broker',
    resourceName: '',
    configs: { 'replica.lag.time.max.ms': 5_000 },
  })
  expect(!lag.ok && lag.error.message).toBe(
    'Cannot update these configs dynamically: Set(replica.lag.time.max.ms)',
  )
  const unclean = timeline.dispatch({
    type: 'alterConfigs',
    resourceType: 'broker',
    resourceName: '',
    configs: { 'unclean.leader.election.enable': 'true' },
  })
  expect(unclean.ok).toBe(true)
  const entry = describeConfigs(timeline.state()).broker.find(
    (c) => c.name === 'unclean.leader.election.enable',
  )!
  expect(entry).toEqual({ name: 'unclean.leader.election.enable', value: true, isDefault: false })
})

test('a topic change reaches every replica log and is undone by seeking back', () => {
  const timeline = createTimeline({ seed: 1, scenario })
  timeline.advanceTo(1_000)
  const result = timeline.dispatch({
    type: 'alterConfigs',
    resourceType: 'topic',
    resourceName: 'orders',
    configs: { 'retention.ms': '60000', 'min.insync.replicas': 3 },
  })
  expect(result.ok).toBe(true)
  expect(topicConfig(timeline, 'retention.ms')).toEqual({
    name: 'retention.ms',
    value: 60_000,
    isDefault: false,
  })
  expect(topicConfig(timeline, 'min.insync.replicas').value).toBe(3)
  for (const broker of Object.values(timeline.state().brokersById))
    for (const replica of Object.values(broker.replicasByKey))
      expect(replica.log.config['retention.ms']).toBe(60_000)
  // null deletes the override.
  timeline.advanceTo(2_000)
  timeline.dispatch({
    type: 'alterConfigs',
    resourceType: 'topic',
    resourceName: 'orders',
    configs: { 'retention.ms': null },
  })
  expect(topicConfig(timeline, 'retention.ms').isDefault).toBe(true)
  timeline.seek(500)
  expect(topicConfig(timeline, 'min.insync.replicas').value).toBe(2)
  expect(topicConfig(timeline, 'retention.ms').value).toBe(604_800_000)
})
