/**
 * Goal: replication invariants hold under random faults (see swarm.ts for the list).
 * Method: swarm runs for fixed seeds 501–750; the 1,000 seeds are split over four files so the
 * test runner spreads them over the machine's cores.
 */
import { registerSwarmSeeds } from './swarmSeeds'

registerSwarmSeeds(501, 750)
