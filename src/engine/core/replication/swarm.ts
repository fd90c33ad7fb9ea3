/**
 * Swarm fuzzing (TigerBeetle's VOPR idea): a seed draws a fault mix and a run of random faults
 * and client traffic on a 3-broker cluster (RF 3, min.insync.replicas 2, at most one broker down
 * at a time), and checks after every step:
 *  - logStartOffset ≤ HW ≤ LEO on every replica (core invariants, checked after every timer);
 *  - a leader's HW never goes back within a leader epoch;
 *  - no consumer fetch returns an offset at or above the HW it was answered with;
 *  - at the end, every record acknowledged with acks=all is in the log (none lost), and no
 *    idempotent record appears twice.
 * A failure names the seed and carries a one-line-per-event trace that replays it.
 */
import { createEngine, type Engine } from '../../headless'
import { debug } from '../advanceTo'
import type { ClusterCommand } from '../commands'
import { chancePerMille, createRng, nextInt, nextIntBetween, type RngState } from '../rng'
import type { SimEvent } from '../events'

export interface SwarmResult {
  seed: number
  violation: string | null
  trace: string[]
  acked: number
}

const STEP_MS = 50
const TOPIC = 't'

function describeCommand(command: ClusterCommand): string {
  return JSON.stringify(command)
}

export function runSwarm(seed: number, simMs = 30_000): SwarmResult {
  const rng: RngState = createRng(seed ^ 0x5eed)
  // The fault mix itself comes from the seed (swarm testing): some runs crash a lot, some cut links.
  const mix = {
    crash: nextInt(rng, 40),
    isolate: nextInt(rng, 30),
    pause: nextInt(rng, 30),
    drop: nextInt(rng, 30),
    slow: nextInt(rng, 20),
    lossPerMille: chancePerMille(rng, 300) ? nextIntBetween(rng, 1, 30) : 0,
  }
  const engine: Engine = createEngine({
    seed,
    checkpointIntervalMs: 3_600_000, // no seeking here: skip the time-travel checkpoints
    scenario: {
      brokers: 3,
      network: {
        latencyMsMin: 1,
        latencyMsMax: nextIntBetween(rng, 1, 30),
        lossPerMille: mix.lossPerMille,
      },
      brokerConfigs: { 'min.insync.replicas': 2, 'replica.lag.time.max.ms': 10_000 },
      topics: [{ name: TOPIC, partitions: 1, replicationFactor: 3, replicas: [[1, 2, 3]] }],
    },
  })
  const trace: string[] = []
  const log = (line: string) => trace.push(`${engine.nowMs()} ${line}`)
  const logEvents = (events: SimEvent[]) => {
    for (const e of events) {
      const { seq: _seq, atMs, type, ...rest } = e
      log(`@${atMs} ${type} ${JSON.stringify(rest)}`)
    }
  }
  const issue = (command: ClusterCommand) => {
    const result = engine.timeline.dispatch(command)
    log(`> ${describeCommand(command)}${result.ok ? '' : ` refused: ${result.error.error}`}`)
    if (result.ok) logEvents(result.events)
  }
  const down = new Set<number>()
  const faulty = nextIntBetween(rng, 1, 3)
  const hwByLeaderEpoch = new Map<string, number>()
  const ackedValues: string[] = []
  // The idempotent producer: one batch in flight, retried with the same sequence until acked.
  let sequence = 0
  let inFlight = null as { requestId: number; value: string; sentAtMs: number } | null
  const pid = { producerId: 4242, producerEpoch: 0 }
  const resultsSeen = new Set<number>()

  const sendValue = (value: string) => {
    const requestId = engine.timeline.state().nextRequestId
    issue({
      type: 'produce',
      topic: TOPIC,
      partition: 0,
      records: [{ key: null, value }],
      acks: -1,
      timeoutMs: 5000,
      ...pid,
      baseSequence: sequence,
    })
    inFlight = { requestId, value, sentAtMs: engine.nowMs() }
  }

  const check = (): string | null => {
    const state = engine.timeline.state()
    for (const broker of Object.values(state.brokersById)) {
      for (const replica of Object.values(broker.replicasByKey)) {
        if (replica.role !== 'leader' || broker.process !== 'running') continue
        const key = `${broker.brokerId}/${replica.registration.leaderEpoch}`
        const previous = hwByLeaderEpoch.get(key) ?? -1
        if (replica.highWatermark < previous)
          return `leader ${key} HW went back from ${previous} to ${replica.highWatermark}`
        hwByLeaderEpoch.set(key, replica.highWatermark)
      }
    }
    for (const result of state.clientResults) {
      if (resultsSeen.has(result.requestId)) continue
      resultsSeen.add(result.requestId)
      if (result.kind === 'fetch' && result.error === null && result.highWatermark !== null) {
        const beyond = result.offsets.find((o) => o >= result.highWatermark!)
        if (beyond !== undefined)
          return `consumer read offset ${beyond} at or above HW ${result.highWatermark}`
      }
      if (inFlight !== null && result.requestId === inFlight.requestId) {
        if (result.error === null) {
          ackedValues.push(inFlight.value)
          sequence += 1
        }
        inFlight = null
      }
    }
    return null
  }

  debug.checkInvariants = true
  try {
    for (let t = STEP_MS; t <= simMs; t += STEP_MS) {
      logEvents(engine.advanceTo(t))
      const violation = check()
      if (violation) return { seed, violation, trace, acked: ackedValues.length }
      if (inFlight === null) sendValue(`v${sequence}`)
      else if (engine.nowMs() - inFlight.sentAtMs > 6000) sendValue(inFlight.value) // lost: retry same sequence
      if (chancePerMille(rng, 150))
        issue({
          type: 'consumerFetch',
          topic: TOPIC,
          partition: 0,
          fetchOffset: nextInt(rng, 1 + ackedValues.length),
        })
      // The fault model: one broker of the seed's choosing is the faulty one (crashes, power
      // loss, hung fetcher, cut links, slowness, lost responses); message loss hits everyone.
      const broker = faulty
      const roll = nextInt(rng, 1000)
      if (roll < mix.crash) {
        if (down.size === 0) {
          down.add(broker)
          issue({
            type: 'crashBroker',
            brokerId: broker,
            mode: chancePerMille(rng, 500) ? 'process' : 'powerLoss',
          })
        } else {
          const back = [...down][0]!
          down.delete(back)
          issue({ type: 'restartBroker', brokerId: back })
        }
      } else if (roll < mix.crash + mix.isolate) {
        const other = `broker-${1 + ((broker + nextInt(rng, 2)) % 3)}` as const
        issue(
          chancePerMille(rng, 500)
            ? {
                type: 'cutLink',
                a: `broker-${broker}`,
                b: chancePerMille(rng, 200) ? 'controller' : other,
              }
            : { type: 'healNetwork' },
        )
      } else if (roll < mix.crash + mix.isolate + mix.pause) {
        issue(
          chancePerMille(rng, 500)
            ? { type: 'pauseFetcher', brokerId: broker }
            : { type: 'resumeFetcher', brokerId: broker },
        )
      } else if (roll < mix.crash + mix.isolate + mix.pause + mix.drop) {
        issue({ type: 'dropResponses', brokerId: broker, count: nextIntBetween(rng, 1, 3) })
      } else if (roll < mix.crash + mix.isolate + mix.pause + mix.drop + mix.slow) {
        issue({
          type: 'slowNode',
          nodeId: `broker-${broker}`,
          extraLatencyMs: nextInt(rng, 2) * nextIntBetween(rng, 10, 400),
        })
      }
    }
    // Heal everything, let the cluster settle, then read the whole partition from the leader.
    issue({ type: 'healNetwork' })
    for (const brokerId of down) issue({ type: 'restartBroker', brokerId })
    for (const brokerId of [1, 2, 3]) issue({ type: 'resumeFetcher', brokerId })
    logEvents(engine.advanceBy(20_000))
    const settled = check()
    if (settled) return { seed, violation: settled, trace, acked: ackedValues.length }
    const leaderId = engine.timeline.state().controller.partitionsByKey['t-0']!.leader
    const leader = engine.replica(leaderId, TOPIC)
    if (leader === undefined || leaderId < 0)
      return { seed, violation: 'no leader after healing', trace, acked: ackedValues.length }
    const values: string[] = []
    for (let offset = 0, attempts = 0; offset < leader.highWatermark; attempts++) {
      // Messages can still be lost on the way: retry a read that got no answer.
      if (attempts > 50)
        return {
          seed,
          violation: `final read stuck at ${offset}`,
          trace,
          acked: ackedValues.length,
        }
      const requestId = engine.timeline.state().nextRequestId
      // Small reads, so every value of the answer is kept (CLIENT_RESULT_VALUES_MAX).
      issue({
        type: 'consumerFetch',
        topic: TOPIC,
        partition: 0,
        fetchOffset: offset,
        maxBytes: 4096,
      })
      logEvents(engine.advanceBy(600))
      const answer = engine.clientResults().find((r) => r.requestId === requestId)
      if (answer === undefined) continue
      if (answer.error !== null || answer.offsets.length === 0) {
        return {
          seed,
          violation: `final read at ${offset} failed: ${answer.error?.error ?? 'empty'}`,
          trace,
          acked: ackedValues.length,
        }
      }
      values.push(...answer.values)
      offset = answer.offsets[answer.offsets.length - 1]! + 1
    }
    const counts = new Map<string, number>()
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
    const duplicated = [...counts].find(([, n]) => n > 1)
    if (duplicated)
      return {
        seed,
        violation: `idempotent record ${duplicated[0]} appears ${duplicated[1]} times`,
        trace,
        acked: ackedValues.length,
      }
    const lost = ackedValues.find((v) => !counts.has(v))
    if (lost)
      return {
        seed,
        violation: `acknowledged record ${lost} (acks=all) was lost`,
        trace,
        acked: ackedValues.length,
      }
    return { seed, violation: null, trace, acked: ackedValues.length }
  } catch (error) {
    return {
      seed,
      violation: `engine error: ${error instanceof Error ? error.message : String(error)}`,
      trace,
      acked: ackedValues.length,
    }
  } finally {
    debug.checkInvariants = false
  }
}
