/** Where one distributed run lives in Redis (docs/distributed.md#redis). */

/** The BullMQ queue every worker takes shards from. */
export const shardQueue = 'evm-stress-shards'

/** Each worker's batches of run events, in order, for the coordinator to merge. */
export const eventStream = (runId: string) => `evm-stress:${runId}:events`

/** The user's pause / resume / stop, broadcast to every worker of the run. */
export const controlChannel = (runId: string) => `evm-stress:${runId}:control`

/** The user's last request, kept: a worker that takes a shard later starts paused or stopped. */
export const controlKey = (runId: string) => `evm-stress:${runId}:control-state`

/**
 * A worker's hold on its shard (BullMQ's lock, renewed every half of it: the heartbeat). A worker
 * that misses it this long is taken for dead and its shard is settled and handed on; ample, since
 * a live worker taken for dead would share its accounts with the next one (docs/distributed.md).
 */
export const heartbeatTimeoutMs = 10_000
export const stalledCheckMs = 1_000

/** How long the run's keys stay in Redis after it ends (for a look afterwards). */
export const keepKeysSeconds = 3_600

/** A shard handed on this many times (its workers died each time) is cancelled instead. */
export const maxShardAttempts = 3

/** Shards queued this long without a worker taking them get a warning (more shards than workers). */
export const shardWaitWarnMs = 10_000

/**
 * The coordinator's own heartbeat: a key it sets every `coordinatorBeatMs`, gone `coordinatorGoneMs`
 * after its last beat. A worker refuses a shard whose coordinator is gone (killed before it could
 * take its jobs back), since nobody would merge what it sent.
 */
export const coordinatorKey = (runId: string) => `evm-stress:${runId}:coordinator`
export const coordinatorBeatMs = 5_000
export const coordinatorGoneMs = 15_000
