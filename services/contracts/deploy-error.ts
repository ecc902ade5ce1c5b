import type { Hex } from 'viem'
import { StressError, type StressErrorOptions } from '../errors/base'
import type { NonceEffect } from '../errors/tx-error'

export type DeployErrorOptions = StressErrorOptions & { nonceEffect?: NonceEffect; hash?: Hex }

/**
 * A contract could not be deployed. `nonceEffect` says what happened to the sender's nonce, as on
 * TxError: `free` when nothing was sent, `consumed` when a deployment tx was mined and reverted,
 * `unknown` when a sent tx was not seen mined in time.
 */
export class DeployError extends StressError {
  override name = 'DeployError'
  override readonly code = 'DEPLOY_FAILED'
  readonly contractName: string
  readonly nonceEffect: NonceEffect
  /** The deployment tx, when one was sent. */
  readonly hash: Hex | undefined

  constructor(contractName: string, reason: string, options: DeployErrorOptions = {}) {
    const { nonceEffect = 'free', hash, ...base } = options
    super(`Contract ${contractName} failed to deploy: ${reason}`, base)
    this.contractName = contractName
    this.nonceEffect = nonceEffect
    this.hash = hash
  }
}
