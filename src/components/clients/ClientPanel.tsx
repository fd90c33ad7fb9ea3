/**
 * The sandbox's Client tab: a real producer (KafkaProducer), consumers in a group, and the raw
 * produce/fetch requests of `client-1`, each a section that opens and closes and remembers it.
 * The producer's essentials come first and stay compact, so the group's table follows on screen.
 */
import './clients.css'
import { ConsumerSection } from './ConsumerSection'
import { ProducerSection } from './ProducerSection'
import { RawRequestsPanel } from './RawRequestsPanel'

export function ClientPanel() {
  return (
    <div className="clients-tab client-panel">
      <ProducerSection />
      <ConsumerSection />
      <RawRequestsPanel />
    </div>
  )
}
