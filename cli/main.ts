import { Command } from 'commander'
import { scenarioNames } from '../services/config/scenario-schema'
import { fundingModes, miningModes, modes, rotations } from '../services/config/schema'
import { contractsCommand } from './contracts-command'
import { collect, list, numeric } from './load-config'
import { describeFailure, progressModes, runCommand } from './run-command'

const program = new Command()
  .name('evm-stress')
  .description('Stress-test EVM nodes and smart contracts: many transactions, many accounts, every fate recorded.')
  .showHelpAfterError('(run with --help for usage)')

program
  .command('run')
  .description('Run a stress test headless: live progress, a summary, an optional JSON report.')
  .option('-c, --config <file>', 'test config file (JSON or YAML); flags override its fields')
  .option(
    '--foundry-out <dir>',
    "Foundry out/ directory: the config's artifact: Name finds out/<File>.sol/Name.json here (or foundryOut in the file)",
  )
  .option(
    '--scenario <name>',
    `what each tx does: ${scenarioNames.join(' | ')} | custom-call | workload (those two take options from a --config file; default transfer)`,
  )
  .option('--mode <mode>', `how txs are sent: ${modes.join(' | ')} (default concurrent)`)
  .option('--txs <n>', 'transactions to send (default 100)', numeric)
  .option('--accounts <k>', 'sender accounts, derived from the mnemonic (default 10)', numeric)
  .option('--concurrency <c>', 'most txs in flight at once, concurrent mode (default 400)', numeric)
  .option('--rate <tx/s>', 'target send rate, concurrent mode (default: as fast as the window allows)', numeric)
  .option('--batch-size <n>', 'txs per JSON-RPC batch request (default 100)', numeric)
  .option('--delay-ms <ms>', 'pause between txs of one sender, sequential/multi-user (default 0)', numeric)
  .option('--no-wait-for-receipt', 'sequential: send the next tx without waiting for the last one to be mined')
  .option('--value <wei>', 'wei sent with each transfer (default 1)')
  .option('--to <address>', 'recipient of every transfer (default: the next account)')
  .option('--gas-limit <gas>', 'gas limit of each tx (default 21000 for transfers)')
  .option('--max-fee-per-gas <wei>', 'fee cap (default: 2 × base fee + tip)')
  .option('--max-priority-fee-per-gas <wei>', 'tip (default 1 gwei)')
  .option('--rpc-url <url>', 'node to stress (http(s) or ws(s)); default: an embedded Anvil')
  .option(
    '--fork-url <url>',
    'without --rpc-url: start the embedded Anvil as a local fork of this chain (stress deployed contracts)',
  )
  .option('--fork-block <n>', 'the block the fork starts from (default: the head of --fork-url)', numeric)
  .option(
    '--mining <mode>',
    `block production on Anvil: ${miningModes.join(' | ')} (default: engine for concurrent/multi-user, automine for sequential)`,
  )
  .option('--block-time <s>', 'seconds between blocks with --mining interval', numeric)
  .option('--retries <n>', 'attempts after the first for retryable errors (default 3)', numeric)
  .option('--inclusion-timeout-ms <ms>', 'give up on a tx with no progress this long (default 60000)', numeric)
  .option('--stuck-after-ms <ms>', 'pending txs and no new block this long = stuck (default 10000)', numeric)
  .option(
    '--node-lost-after-ms <ms>',
    'node silent this long: the run ends failed, NODE_LOST (default 120000)',
    numeric,
  )
  .option('--mnemonic <words>', "sender accounts' seed (default: this install's own, in the data dir)")
  .option('--private-keys <keys>', 'comma-separated sender keys (prefer a config file: the shell keeps history)', list)
  .option('--node-accounts', "send from the node's unlocked accounts (eth_accounts)")
  .option('--impersonate <addresses>', 'comma-separated addresses to send as, without keys (Anvil)', list)
  .option('--rotation <how>', `sender of the next tx: ${rotations.join(' | ')} (default round-robin)`)
  .option(
    '--funding <how>',
    `${fundingModes.join(' | ')}: setBalance on Anvil else transfers, transfers only, or none (default auto)`,
  )
  .option('--funder-key <key>', 'account that pays for funding by transfer (or env EVM_STRESS_FUNDER_KEY)')
  .option('--fund-with <wei>', "each sender's balance after funding (default: what its share needs)")
  .option('--top-up', 'refill senders that run low during the run')
  .option('--low-balance-wei <wei>', 'a sender below this is low (default: the cost of 5 of its txs)')
  .option('--allow-non-dev-chain', 'send to a chain that is not a local dev chain (spends real funds)')
  .option(
    '--threshold <expr>',
    "pass/fail criterion, e.g. 'latency.p95 < 2000' (repeatable; added to the config's thresholds; a failure exits 99)",
    collect,
  )
  .option('--report <file.json>', 'write the JSON report here')
  .option('--report-csv <dir>', 'write txs.csv, functions.csv, errors.csv and accounts.csv into this directory')
  .option('--report-html <file.html>', 'write the self-contained HTML report here (charts, tables; opens offline)')
  .option('--junit <file.xml>', 'write JUnit XML for CI: a testcase per threshold, the tx accounting, scenario checks')
  .option('--data-dir <dir>', 'where runs are recorded (SQLite)', process.env.EVM_STRESS_DATA_DIR ?? 'data')
  .option(
    '--progress <how>',
    `live progress: ${progressModes.join(' | ')} — a bar on stderr; json: a JSON line a second on stdout, then an end line with the report's figures (the summary goes to stderr); default bar`,
  )
  .option('-q, --quiet', 'no live progress line (--progress none)')
  .option(
    '--metrics-port <port>',
    "serve the run's Prometheus metrics at http://127.0.0.1:<port>/metrics while it runs (0: any free port, printed)",
    numeric,
  )
  .action(async (opts: Record<string, unknown>) => {
    const { config, report, reportCsv, reportHtml, junit, threshold, dataDir, quiet, progress, metricsPort, ...rest } =
      opts
    // commander sets waitForReceipt=true by default for --no-*: only pass it when given.
    if (rest.waitForReceipt === true) delete rest.waitForReceipt
    rest.funderKey ??= process.env.EVM_STRESS_FUNDER_KEY
    try {
      process.exitCode = await runCommand({
        config: config as string | undefined,
        report: report as string | undefined,
        reportCsv: reportCsv as string | undefined,
        reportHtml: reportHtml as string | undefined,
        junit: junit as string | undefined,
        thresholds: threshold as string[] | undefined,
        dataDir: dataDir as string,
        progress: quiet ? 'none' : (progress as string | undefined),
        metricsPort: metricsPort as number | undefined,
        flags: rest,
      })
    } catch (error) {
      const { message, code } = describeFailure(error)
      process.stderr.write(`${message}\n`)
      process.exitCode = code
    }
  })

program
  .command('contracts')
  .description('List the contracts of a Foundry out/ directory that a config can name with artifact: Name.')
  .requiredOption('--foundry-out <dir>', "Foundry's out/ directory (after forge build)")
  .action((opts: { foundryOut: string }) => {
    try {
      process.stdout.write(`${contractsCommand(opts.foundryOut)}\n`)
    } catch (error) {
      const { message, code } = describeFailure(error)
      process.stderr.write(`${message}\n`)
      process.exitCode = code
    }
  })

await program.parseAsync(process.argv)
