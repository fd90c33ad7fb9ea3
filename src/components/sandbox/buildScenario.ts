/**
 * The sandbox form's fields → a scenario, validated by the engine's own schema (so a bad cluster
 * is refused with INVALID_CONFIG and a message naming the field, before the engine restarts).
 */
import { parseScenario, type ParseResult, type ScenarioConfig } from '../../engine/core/scenario'

export interface TopicDraft {
  name: string
  partitions: number
  replicationFactor: number
  minInsyncReplicas: number
}

export interface ClusterDraft {
  seed: number
  brokers: number
  uncleanLeaderElection: boolean
  topics: TopicDraft[]
}

export function buildScenario(draft: ClusterDraft): ParseResult<ScenarioConfig> {
  return parseScenario({
    brokers: draft.brokers,
    ...(draft.uncleanLeaderElection
      ? { brokerConfigs: { 'unclean.leader.election.enable': true } }
      : {}),
    topics: draft.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions,
      replicationFactor: topic.replicationFactor,
      configs: { 'min.insync.replicas': topic.minInsyncReplicas },
    })),
  })
}

/** The form's starting values from a scenario (the one running). */
export function draftOf(scenario: ScenarioConfig, seed: number): ClusterDraft {
  return {
    seed,
    brokers: scenario.brokers,
    uncleanLeaderElection: scenario.brokerConfigs?.['unclean.leader.election.enable'] === true,
    topics: (scenario.topics ?? []).map((topic) => ({
      name: topic.name,
      partitions: topic.partitions,
      replicationFactor: topic.replicationFactor,
      minInsyncReplicas: Number(topic.configs?.['min.insync.replicas'] ?? 1),
    })),
  }
}
