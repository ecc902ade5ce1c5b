/** Exit codes are part of the CLI's contract (CI scripts branch on them); README.md#cli lists them. */
export const exitCodes = {
  ok: 0,
  internal: 1,
  badInput: 2,
  couldNotRun: 3,
  stopped: 4,
  /** The run ended (or an abortOnFail threshold stopped it) and a threshold or state check failed, or the chain's nonces differ from the report; the summary names it. */
  thresholdsFailed: 99,
  aborted: 130,
} as const
