/** How a run's txs spread over its send endpoints (docs/config.md#endpoints). */
export const sendPolicies = ['round-robin', 'by-account', 'broadcast'] as const
export type SendPolicy = (typeof sendPolicies)[number]
