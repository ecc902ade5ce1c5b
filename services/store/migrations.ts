import type Database from 'better-sqlite3'

/**
 * Append-only: each entry runs once, in order, recorded in `user_version` (SQLite) or the
 * `evm_stress_schema` table (PostgreSQL, which takes them as pg-sql.ts's toPgMigration turns them).
 */
export const migrations: string[] = [
  `
  CREATE TABLE tests (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    config_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    test_id TEXT REFERENCES tests(id) ON DELETE SET NULL,
    name TEXT,
    status TEXT NOT NULL,
    config_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    ended_at INTEGER,
    chain_id INTEGER,
    rpc_url TEXT,
    mining TEXT,
    planned INTEGER NOT NULL,
    report_json TEXT,
    error_json TEXT
  );
  CREATE TABLE txs (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    role TEXT NOT NULL,
    label TEXT NOT NULL,
    account TEXT NOT NULL,
    nonce INTEGER,
    hash TEXT,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    submitted_at INTEGER,
    included_at INTEGER,
    block_number INTEGER,
    gas_used TEXT,
    latency_ms INTEGER,
    error_kind TEXT,
    error_message TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, idx)
  ) WITHOUT ROWID;
  CREATE INDEX txs_state ON txs(run_id, state);
  CREATE INDEX txs_hash ON txs(hash);
  CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    tx_idx INTEGER,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    raw TEXT,
    account TEXT,
    nonce INTEGER,
    attempt INTEGER,
    label TEXT,
    will_retry INTEGER NOT NULL
  );
  CREATE INDEX errors_run ON errors(run_id, kind);
  CREATE TABLE run_events (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    type TEXT NOT NULL,
    data_json TEXT NOT NULL
  );
  CREATE INDEX run_events_run ON run_events(run_id, id);
  `,
  // A run records whether it can be continued after a crash: its senders can be derived again
  // (the install's mnemonic, the node's accounts, impersonation) and not from a secret it was given.
  `
  ALTER TABLE runs ADD COLUMN resumable INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE runs ADD COLUMN continued_as TEXT;
  `,
  // Each tx's gas limit: ended txs leave the engine's memory, and scenario findings (the gas-limit
  // ramp) read it back from here (docs/architecture.md#memory).
  `
  ALTER TABLE txs ADD COLUMN gas_limit TEXT;
  `,
  // Each tx's planned type, the type its receipt says, and a blob tx's blob gas (docs/config.md#tx-types).
  `
  ALTER TABLE txs ADD COLUMN tx_type TEXT;
  ALTER TABLE txs ADD COLUMN receipt_type INTEGER;
  ALTER TABLE txs ADD COLUMN blob_gas_used TEXT;
  ALTER TABLE txs ADD COLUMN blob_gas_price TEXT;
  `,
  // What the run model needs of each tx to replay a stored run to its live numbers: the earliest
  // send and latest acceptance of it, the accepted attempt's round trip; an error's own hint
  // (docs/architecture.md#run-model).
  `
  ALTER TABLE txs ADD COLUMN first_submitted_at INTEGER;
  ALTER TABLE txs ADD COLUMN accepted_at INTEGER;
  ALTER TABLE txs ADD COLUMN submit_rtt_ms INTEGER;
  ALTER TABLE errors ADD COLUMN hint TEXT;
  `,
  // Who is running a run and when it last said so: a store shared by processes and hosts tells a
  // run whose process is gone from one still running elsewhere (docs/architecture.md#liveness).
  `
  ALTER TABLE runs ADD COLUMN owner TEXT;
  ALTER TABLE runs ADD COLUMN alive_at INTEGER;
  `,
]

export function migrate(db: Database.Database) {
  const current = db.pragma('user_version', { simple: true }) as number
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v] as string)
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
}
