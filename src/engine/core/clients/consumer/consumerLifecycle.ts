/**
 * A consumer's construction (`new KafkaConsumer(props)`: configs validated by the catalog, the
 * rebalance protocol chosen from the assignors) and its restart as a new process with the same
 * configs, subscription and application (a static member keeps its `group.instance.id`).
 */
import { simError, type KafkaError } from '../../errors'
import { validateConsumerConfig } from '../../config/validateConsumerConfig'
import type { ConsumerState } from './consumerTypes'

export function newConsumerState(
  name: string,
  groupId: string | null,
  rawConfigs: Record<string, unknown>,
): ConsumerState | KafkaError {
  const raw = { ...rawConfigs, ...(groupId !== null ? { 'group.id': groupId } : {}) }
  const validated = validateConsumerConfig(raw)
  if (!validated.ok) {
    const first = validated.errors[0]!
    return { error: first.error, code: first.code, message: first.message }
  }
  const configs = validated.configs
  if (configs['group.protocol'] === 'consumer') {
    return simError(
      'INVALID_COMMAND',
      'group.protocol=consumer (KIP-848) is not simulated; consumers here use the classic protocol.',
    )
  }
  if (validated.rebalanceProtocol === null) {
    return {
      error: 'ConfigException',
      code: null,
      message: 'partition.assignment.strategy: at least one assignor is required.',
    }
  }
  const number = name.slice('consumer-'.length)
  const group = configs['group.id']
  return {
    name,
    rawConfigs: raw,
    configs,
    groupId: group,
    // ConsumerConfig's default client.id is "consumer-<group.id>-<sequence>"; the node number
    // stands in for the JVM-wide sequence.
    clientId:
      configs['client.id'] !== '' ? configs['client.id'] : `consumer-${group ?? ''}-${number}`,
    protocol: validated.rebalanceProtocol,
    assignors: [...configs['partition.assignment.strategy']],
    subscription: [],
    run: null,
    heartbeatToken: 0,
    nextToken: 0,
    ...processState(1),
    stats: {
      polledCount: 0,
      processedCount: 0,
      duplicateCount: 0,
      duplicatesSkipped: 0,
      forwardedCount: 0,
      recent: [],
    },
  }
}

/** What a process starts with: nothing of the previous one's group membership or positions. */
function processState(incarnation: number) {
  return {
    incarnation,
    status: 'running',
    coordinatorId: null,
    memberId: '',
    generationId: -1,
    protocolName: null,
    memberState: 'UNJOINED',
    rejoinNeeded: false,
    owned: [],
    previousAssignment: [],
    previousGeneration: -1,
    requests: {},
    heartbeatDueMs: null,
    pollDeadlineMs: null,
    pollTimerAtMs: null,
    requestTimerAtMs: null,
    autoCommitDueMs: 0,
    retryAtMs: 0,
    wakeAtMs: null,
    failed: false,
    processing: null,
    blockingCommitId: null,
    awaitingCommitBatch: null,
    crashPlan: null,
    lastError: null,
    lastCommitError: null,
  } satisfies Partial<ConsumerState>
}

/** A new process: nothing survives but configs, subscription, the application and its figures. */
export function restartConsumerState(c: ConsumerState): void {
  Object.assign(c, processState(c.incarnation + 1))
}
