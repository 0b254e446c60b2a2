/**
 * The benchmarks' one entry point, run under the pinned Node 22 (type stripping, no build step):
 *
 *   npm run bench                         measure: the full run; rewrites BENCHMARKS.md's results and bench/results.json
 *   npm run bench:smoke                   measure --smoke: tiny N, writes nothing (CI keeps the command working)
 *   npm run bench -- measure --verbose    also print wrangler's output
 *   npm run bench -- profile [op] [n] [--cpu-only | --ops | --perf] [--var NAME:VALUE] [--inspector] [--local-observability]
 *   npm run bench -- load-split [n] [rounds] [--var NAME:VALUE]
 *   npm run bench -- hotpath-workerd [n]  the gateway's own code inside workerd, bindings in memory
 *   npm run bench -- hotpath-node [op] [n] [--prof]   the same in Node, for CPU profiles
 *
 * Every command but hotpath-node binds fixed local ports (8775-8779, 9777): on a shared machine run it under
 * `flock /work/ports.lock`. Each command module reads its own arguments from `process.argv.slice(2)`;
 * this file hands them over and loads the module.
 */
const COMMANDS = {
  measure: './measure.ts',
  profile: './profile.ts',
  'load-split': './load-split.ts',
  'hotpath-workerd': './hotpath/workerd.ts',
  'hotpath-node': './hotpath/node.ts',
} as const;

type Command = keyof typeof COMMANDS;
const isCommand = (s: string | undefined): s is Command => s !== undefined && Object.hasOwn(COMMANDS, s);

const given = process.argv.slice(2);
const [first] = given;
// Without a command (or with only flags), `measure` runs: `npm run bench` and `npm run bench -- --smoke`.
const command: Command | null = isCommand(first)
  ? first
  : first === undefined || first.startsWith('--')
    ? 'measure'
    : null;
if (command === null) {
  console.error(`unknown bench command "${first}"; one of: ${Object.keys(COMMANDS).join(', ')}`);
  process.exit(2);
}
process.argv = [process.argv[0]!, process.argv[1]!, ...(isCommand(first) ? given.slice(1) : given)];
await import(COMMANDS[command]);

export {};
