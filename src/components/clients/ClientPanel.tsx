/**
 * The sandbox's Client tab: a real producer (KafkaProducer), consumers in a group, and the raw
 * produce/fetch requests of `client-1`.
 */
import './clients.css'
import { ConsumerSection } from './ConsumerSection'
import { ProducerSection } from './ProducerSection'
import { RawRequestsPanel } from './RawRequestsPanel'

export function ClientPanel() {
  return (
    <div className="clients-tab">
      <ProducerSection />
      <ConsumerSection />
      <RawRequestsPanel />
    </div>
  )
}
