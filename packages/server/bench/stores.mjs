// The two stores every server benchmark runs on: PGlite in memory, then PostgreSQL (DATABASE_URL,
// or a throw-away server from scripts/postgres.mjs; skipped with its reason when neither works).
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Runs `run(label, storeOptions)` on PGlite, then on a fresh PostgreSQL schema named `<schemaPrefix>_<random>`. */
export async function onEachStore(schemaPrefix, run) {
  await run('PGlite', { memory: true });
  let pg;
  try {
    let url = process.env.DATABASE_URL;
    if (!url) {
      const { startPostgres } = await import(join(root, 'scripts', 'postgres.mjs'));
      pg = await startPostgres();
      url = pg.url;
    }
    await run('PostgreSQL', { databaseUrl: url, schema: `${schemaPrefix}_${randomBytes(4).toString('hex')}` });
  } catch (error) {
    console.log(`  PostgreSQL skipped: ${error.message}`);
  } finally {
    await pg?.stop();
  }
}
