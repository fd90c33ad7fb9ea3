/**
 * Broker config checks across keys, from `KafkaConfig#validateValues` (core/server/KafkaConfig.scala;
 * `require(...)` failures stop the broker at startup). Reported as INVALID_CONFIG.
 */
import type { BrokerConfigs } from './brokerConfigs'
import type { ValidateConfigResult } from './configTypes'
import { parseConfigs } from './parseConfigs'
import { configProblem } from './parseConfigValue'

export interface BrokerSettings {
  readonly configs: BrokerConfigs
}

export function validateBrokerConfig(
  raw: Readonly<Record<string, unknown>>,
): ValidateConfigResult<BrokerSettings> {
  const parsed = parseConfigs('broker', raw)
  if (!parsed.ok) return parsed
  const configs = parsed.configs
  if (configs['replica.fetch.wait.max.ms'] > configs['replica.lag.time.max.ms']) {
    return {
      ok: false,
      errors: [
        configProblem(
          'INVALID_CONFIG',
          'replica.fetch.wait.max.ms',
          'requirement failed: replica.fetch.wait.max.ms should always be less than or equal to ' +
            'replica.lag.time.max.ms to prevent frequent changes in ISR',
          `[...,${configs['replica.lag.time.max.ms']}]`,
        ),
      ],
    }
  }
  return { ok: true, configs }
}
