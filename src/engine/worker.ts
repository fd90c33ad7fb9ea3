/**
 * Worker entry. DON'T import from app/ or components/: this file is its own chunk.
 */
import { createEngineHost } from './host'
import type { Endpoint } from './protocol'

createEngineHost(self as unknown as Endpoint)
