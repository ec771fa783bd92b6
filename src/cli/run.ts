/** The process entry of the `lantern` command (bin/lantern.mjs runs its build, dist/cli/run.js). */
import { main } from './main.ts';

// `lantern … | head` closes the pipe early: that ends the output, it is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  else throw e;
});
process.exitCode = await main(process.argv.slice(2));
