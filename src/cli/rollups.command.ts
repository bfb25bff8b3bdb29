import type { Command } from 'commander';
import { rebuildLevelCounts } from '../modules/assessment/assessment-rollup.service.ts';
import { withDatabase } from './cli-context.ts';

/**
 * `coalition rollups rebuild`: recounts the self-assessment roll-ups from the frozen ratings. The
 * counts are kept as ratings freeze, under the school's center at that moment; after schools move
 * between centers, this files their past cycles under their current center. Safe while the site
 * is up: submissions and finished reviews wait for it (or it for them), and pages read the old
 * counts until it commits.
 */
export function registerRollupsCommand(program: Command): void {
  const rollups = program.command('rollups').description('The network roll-ups of self-assessment levels.');
  rollups
    .command('rebuild')
    .description("Recount every school's frozen ratings under its current center, in one transaction (submissions wait meanwhile).")
    .action(async () => {
      await withDatabase(
        async (database) => {
          const started = Date.now();
          const rows = await rebuildLevelCounts(database.db);
          console.log(`Recounted the roll-ups: ${rows} count rows in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
        },
        { migrate: true },
      );
    });
}
