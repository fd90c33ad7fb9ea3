/**
 * The context menu's entries for a client on the canvas: inspect it, and the engine's own client
 * faults (crash or close a producer; crash, slow down, close or restart a consumer). Each is an
 * existing engine command, so it is recorded, replayed and undone by seeking back.
 */
import type { ClusterView, NodeId } from '../../engine'
import type { MenuItem } from './faultItems'

/** "Slow consumer": this many ms of processing per record (lag grows while it lasts). */
export const SLOW_CONSUMER_MS = 1_000
/** Back to normal: the client panel's poll loop processes a record in 10 ms. */
export const NORMAL_PROCESSING_MS = 10

export function clientMenuItems(node: NodeId, view: ClusterView): MenuItem[] {
  const inspect: MenuItem = {
    id: 'inspect',
    label: 'inspectClient',
    values: { name: node },
    inspect: true,
  }
  const producer = view.producers.find((p) => p.nodeId === node)
  if (producer !== undefined) {
    if (producer.status !== 'running') return [inspect]
    const producerName = node
    return [
      inspect,
      { id: 'crash', label: 'crashProducer', command: { type: 'crashProducer', producerName } },
      { id: 'close', label: 'closeProducer', command: { type: 'closeProducer', producerName } },
    ]
  }
  const consumer = view.consumerGroups.consumers.find((c) => c.name === node)
  if (consumer === undefined) return [inspect]
  const consumerName = node
  if (consumer.status !== 'running')
    return [
      inspect,
      {
        id: 'restart',
        label: 'restartConsumer',
        command: { type: 'restartConsumer', consumerName },
      },
    ]
  const slow = consumer.processingMs !== null && consumer.processingMs >= SLOW_CONSUMER_MS
  return [
    inspect,
    { id: 'crash', label: 'crashConsumer', command: { type: 'crashConsumer', consumerName } },
    slow
      ? {
          id: 'slow',
          label: 'normalConsumer',
          values: { ms: NORMAL_PROCESSING_MS },
          command: { type: 'slowConsumer', consumerName, processingMs: NORMAL_PROCESSING_MS },
        }
      : {
          id: 'slow',
          label: 'slowConsumer',
          values: { ms: SLOW_CONSUMER_MS },
          command: { type: 'slowConsumer', consumerName, processingMs: SLOW_CONSUMER_MS },
        },
    { id: 'close', label: 'closeConsumer', command: { type: 'closeConsumer', consumerName } },
  ]
}
