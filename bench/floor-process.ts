/**
 * The floor as a process of its own, to compare with `transcript-coder summary --json`
 * spawned the same way: node starts, reads every transcript, reads and js-yaml-parses
 * every sidecar, prints a count and exits. Usage: node out/bench/floor-process.js <study>
 */
import { floorJsYaml } from './lib/floor';

async function main(): Promise<void> {
  const root = process.argv[2];
  if (root === undefined) throw new Error('usage: floor-process <study folder>');
  const count = await floorJsYaml(root);
  process.stdout.write(`${count}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
