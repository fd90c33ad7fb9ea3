/**
 * Goal: every engine event and every message kind reads as a sentence in both languages.
 * Method: typed exhaustive records of the engine's unions (a new event type or message kind fails
 * to compile here), checked against both locale files; then a real run with a producer, a
 * transaction and a consumer group, each of its events described in both languages.
 */
import i18next, { type TFunction } from 'i18next'
import { beforeAll, describe, expect, test } from 'vitest'
import type { ClusterCommand, MessageView, SimEvent, SimEventType } from '../../engine'
import { createEngine } from '../../engine/headless'
import { resources } from '../i18n/i18n'
import { describeEvent, describeNode } from './describeEvent'

const EVENT_TYPES: Record<SimEventType, true> = {
  brokerStarted: true,
  brokerCrashed: true,
  brokerRegistered: true,
  brokerUnfenced: true,
  brokerFenced: true,
  nodeIsolated: true,
  networkHealed: true,
  messageDropped: true,
  linkCut: true,
  nodeSlowed: true,
  fetcherPaused: true,
  fetcherResumed: true,
  segmentsDeleted: true,
  topicCreated: true,
  leaderElected: true,
  partitionOffline: true,
  isrChanged: true,
  recordsAppended: true,
  highWatermarkAdvanced: true,
  logTruncated: true,
  logRecovered: true,
  produceCompleted: true,
  fetchCompleted: true,
  producerCreated: true,
  producerClosed: true,
  producerIdAssigned: true,
  producerBatchCompleted: true,
  producerBatchRetrying: true,
  transactionCompleted: true,
  consumerStarted: true,
  consumerStopped: true,
  coordinatorFound: true,
  groupStateChanged: true,
  groupRebalanced: true,
  memberRemoved: true,
  partitionsRevoked: true,
  partitionsAssigned: true,
  partitionsLost: true,
  offsetsCommitted: true,
  recordsPolled: true,
  pollIntervalExceeded: true,
  consumerError: true,
}

const MESSAGE_KINDS: Record<MessageView['kind'], true> = {
  produceRequest: true,
  produceResponse: true,
  fetchRequest: true,
  fetchResponse: true,
  alterPartition: true,
  alterPartitionResponse: true,
  metadataUpdate: true,
  brokerRegistration: true,
  brokerRegistrationResponse: true,
  brokerHeartbeat: true,
  brokerHeartbeatResponse: true,
  metadataRequest: true,
  metadataResponse: true,
  findTxnCoordinatorRequest: true,
  findTxnCoordinatorResponse: true,
  initProducerIdRequest: true,
  initProducerIdResponse: true,
  addPartitionsToTxnRequest: true,
  addPartitionsToTxnResponse: true,
  endTxnRequest: true,
  endTxnResponse: true,
  writeTxnMarkersRequest: true,
  writeTxnMarkersResponse: true,
  findCoordinatorRequest: true,
  findCoordinatorResponse: true,
  joinGroupRequest: true,
  joinGroupResponse: true,
  syncGroupRequest: true,
  syncGroupResponse: true,
  heartbeatRequest: true,
  heartbeatResponse: true,
  leaveGroupRequest: true,
  leaveGroupResponse: true,
  offsetCommitRequest: true,
  offsetCommitResponse: true,
  offsetFetchRequest: true,
  offsetFetchResponse: true,
  listOffsetsRequest: true,
  listOffsetsResponse: true,
}

const LANGUAGES = ['en', 'zh-CN'] as const
const t: Record<string, TFunction> = {}

beforeAll(async () => {
  for (const lng of LANGUAGES) {
    const instance = i18next.createInstance()
    // No fallback: a missing Chinese string must show, not quietly borrow the English one.
    await instance.init({
      resources,
      lng,
      fallbackLng: false,
      interpolation: { escapeValue: false },
    })
    t[lng] = instance.t
  }
})

function section(lng: (typeof LANGUAGES)[number], name: string): Record<string, unknown> {
  return (resources[lng].translation as unknown as Record<string, Record<string, unknown>>)[name]!
}

describe.each(LANGUAGES)('%s strings', (lng) => {
  test('every event type has a sentence', () => {
    const events = section(lng, 'events')
    const missing = Object.keys(EVENT_TYPES).filter((type) => typeof events[type] !== 'string')
    expect(missing).toEqual([])
  })

  test('every message kind has a label', () => {
    const kinds = section(lng, 'messageKinds')
    const missing = Object.keys(MESSAGE_KINDS).filter((kind) => typeof kinds[kind] !== 'string')
    expect(missing).toEqual([])
  })

  test('client nodes are named', () => {
    expect(describeNode(t[lng]!, 'producer-2')).toMatch(/2$/)
    expect(describeNode(t[lng]!, 'producer-2')).not.toBe('producer-2')
    expect(describeNode(t[lng]!, 'consumer-11')).toMatch(/11$/)
    expect(describeNode(t[lng]!, 'consumer-11')).not.toBe(describeNode(t[lng]!, 'producer-11'))
  })
})

/** A run that produces, commits a transaction, and balances a two-member group. */
function clientRunEvents(): SimEvent[] {
  const engine = createEngine({
    seed: 3,
    scenario: { brokers: 3, topics: [{ name: 'orders', partitions: 2, replicationFactor: 3 }] },
  })
  const events: SimEvent[] = [...engine.advanceTo(3_000)]
  const run = (command: ClusterCommand) => {
    const result = engine.dispatch(command)
    expect(result.ok, command.type).toBe(true)
    if (result.ok) events.push(...result.events)
  }
  run({ type: 'createProducer', producerName: 'producer-1', configs: { 'linger.ms': 5 } })
  run({ type: 'send', producerName: 'producer-1', topic: 'orders', key: 'user-1', value: 'a' })
  run({ type: 'send', producerName: 'producer-1', topic: 'orders', key: null, value: 'b' })
  const tx = 'producer-2'
  run({ type: 'createProducer', producerName: tx, configs: { 'transactional.id': 'orders-tx' } })
  run({ type: 'initTransactions', producerName: tx })
  run({ type: 'beginTransaction', producerName: tx })
  run({ type: 'send', producerName: tx, topic: 'orders', key: 'k', value: 'v' })
  run({ type: 'commitTransaction', producerName: tx })
  for (const consumerName of ['consumer-1', 'consumer-2']) {
    const configs = { 'auto.offset.reset': 'earliest' }
    run({ type: 'createConsumer', consumerName, groupId: 'g1', configs })
    run({ type: 'subscribe', consumerName, topics: ['orders'] })
    run({ type: 'runConsumer', consumerName, processingMs: 1 })
  }
  events.push(...engine.advanceBy(15_000))
  run({ type: 'crashProducer', producerName: 'producer-1' })
  run({ type: 'closeConsumer', consumerName: 'consumer-2' })
  events.push(...engine.advanceBy(5_000))
  return events
}

test.each(LANGUAGES)('a client run reads as sentences in %s', (lng) => {
  const events = clientRunEvents()
  const types = new Set(events.map((e) => e.type))
  for (const expected of [
    'producerCreated',
    'producerIdAssigned',
    'producerBatchCompleted',
    'transactionCompleted',
    'consumerStarted',
    'groupRebalanced',
    'partitionsAssigned',
    'recordsPolled',
    'producerClosed',
    'consumerStopped',
    'offsetsCommitted',
  ] as const) {
    expect(types).toContain(expected)
  }
  for (const event of events) {
    const line = describeEvent(t[lng]!, event)
    expect(line, event.type).not.toMatch(/\{\{|events\.|eventlog\.|nodes\.|undefined/)
    expect(line.length, event.type).toBeGreaterThan(5)
  }
  const assigned = events.find((e) => e.type === 'partitionsAssigned')!
  expect(describeEvent(t[lng]!, assigned)).toMatch(/orders-\d/)
})
