// Property tests run on a fixed seed so CI is deterministic; set FC_SEED to explore other seeds.
// fast-check prints the seed and path of any failure, so a red run can be replayed exactly.
import fc from 'fast-check'

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261122) })
