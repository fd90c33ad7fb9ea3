/**
 * The engine version is part of a replay's identity (TigerBeetle's "seed + commit" rule): a run
 * is reproduced exactly only by the engine that recorded it. Bump it whenever behaviour changes.
 */
export const ENGINE_VERSION = '0.1.0'

/** Version of the replay file format (not of the engine). */
export const REPLAY_FORMAT_VERSION = 1
