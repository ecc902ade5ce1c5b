import { parseTestConfig } from '../config/parse'
import type { TestConfig } from '../config/schema'
import { compileCustomCall } from '../scenarios/custom-call'
import { compileWorkload } from '../scenarios/workload/compile'

/**
 * All that can be checked of a config without a node: the schema, and for a custom call or a
 * workload its ABIs, functions, arguments, references and deploy order. Throws the ConfigError a run would fail with, naming the field.
 */
export function checkConfig(input: unknown): TestConfig {
  const config = parseTestConfig(input)
  if (config.scenario?.name === 'custom-call') compileCustomCall(config)
  if (config.scenario?.name === 'workload') compileWorkload(config)
  return config
}
