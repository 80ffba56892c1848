// `dcc kit fetch` against a LOCAL git repository made here (no network): a tiny tree with the
// kit's layout and the problems the Linux fixes address (include and value-set paths spelled
// with another letter case than the file, a folder spelled with another case, a value set
// missing from the pinned commit but present later), its commit id given in place of the
// pinned one. Then the kit locator (@dcc-kit/conformance/kit) finds the fetched folder in its
// cache, and says where it looked when it is not there.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ANS_KIT_COMMIT } from '@dcc-kit/conformance/kit';
import { main } from './index.js';
import { EXPECTED_FILES, fetchKit, KIT_SOURCE_FILE, KitFetchError, kitLayoutProblems, RESTORED_FILES } from '@dcc-kit/conformance/kit/fetch';

const temp = mkdtempSync(path.join(tmpdir(), 'kit-fetch-test-'));
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).trim();

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

const PPS_SCH = `<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <include href="include/entrees/E_directiveAnticipee_int.sch"/>
  <include href="include/specificationsVolets/CANCER-PPS_2022.01/sections/S_traitements.sch"/>
  <let name="path_jdv1" value="'../jeuxDeValeurs/JDV_HL7_Condition_ver_status_CISIS.xml'"/>
</schema>`;

/** A repository with the kit's layout; returns its file:// URL, the pinned-like commit and the later one. */
function makeRepository(name: string, { restoreLater = true } = {}): { url: string; first: string; later: string } {
  const repo = path.join(temp, name);
  mkdirSync(repo);
  git(repo, 'init', '-q', '-b', 'main');
  for (const file of EXPECTED_FILES) if (!(RESTORED_FILES as readonly string[]).includes(file)) write(repo, file, file.endsWith('.sch') ? '<schema xmlns="http://purl.oclc.org/dsdl/schematron"/>' : '<x/>');
  write(repo, 'schematrons/CI-SIS_CANCER-PPS_2022.01.sch', PPS_SCH);
  // Spelled differently from the references above (the kit is maintained on Windows).
  write(repo, 'schematrons/include/entrees/E_directiveanticipee_int.sch', '<pattern id="directive"/>');
  write(repo, 'schematrons/include/specificationsVolets/CANCER-PPS_2022.01/Sections/S_traitements.sch', '<pattern id="traitements"/>');
  write(repo, 'jeuxDeValeurs/JDV_HL7_condition_ver_status_CISIS.xml', '<ValueSet id="condition"/>');
  // Not kit data dcc-kit reads: must not be checked out.
  write(repo, 'FeuilleDeStyle/CDA-FO.xsl', '<xsl:stylesheet/>');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'kit');
  const first = git(repo, 'rev-parse', 'HEAD');
  if (restoreLater) write(repo, RESTORED_FILES[0], '<ValueSet id="JDV_J07_XdsTypeCode_CISIS"/>');
  write(repo, 'README.md', 'later');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'later');
  // What GitHub allows: fetching a commit by id, partial clone filters.
  git(repo, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  git(repo, 'config', 'uploadpack.allowFilter', 'true');
  return { url: pathToFileURL(repo).href, first, later: git(repo, 'rev-parse', 'HEAD') };
}

describe('dcc kit fetch (local git repository)', () => {
  let repository: { url: string; first: string; later: string };
  before(() => {
    repository = makeRepository('kit-repo');
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('fetches the commit, applies the case fixes, restores the missing value set from a later version, and checks the result', async () => {
    const dir = path.join(temp, 'cache-a', 'kit');
    const lines: string[] = [];
    const result = await fetchKit({ repository: repository.url, commit: repository.first, dir, log: (l) => lines.push(l) });
    assert.equal(result.dir, dir);
    assert.equal(result.cached, false);
    assert.deepEqual(kitLayoutProblems(dir), []);
    // Both spellings present, same content.
    const read = (f: string): string => readFileSync(path.join(dir, f), 'utf8');
    assert.equal(read('schematrons/include/entrees/E_directiveAnticipee_int.sch'), read('schematrons/include/entrees/E_directiveanticipee_int.sch'));
    assert.equal(read('schematrons/include/specificationsVolets/CANCER-PPS_2022.01/sections/S_traitements.sch'), '<pattern id="traitements"/>');
    assert.equal(read('jeuxDeValeurs/JDV_HL7_Condition_ver_status_CISIS.xml'), '<ValueSet id="condition"/>');
    assert.deepEqual(
      result.caseFixes.map((f) => f.referenced).sort(),
      [
        'jeuxDeValeurs/JDV_HL7_Condition_ver_status_CISIS.xml',
        'schematrons/include/entrees/E_directiveAnticipee_int.sch',
        'schematrons/include/specificationsVolets/CANCER-PPS_2022.01/sections/S_traitements.sch',
      ],
    );
    assert.equal(read(RESTORED_FILES[0]), '<ValueSet id="JDV_J07_XdsTypeCode_CISIS"/>');
    assert.deepEqual(result.restored, [{ path: RESTORED_FILES[0], from: repository.later }]);
    // Only the data folders, no git metadata, the later commit's other files not there.
    assert.equal(existsSync(path.join(dir, 'FeuilleDeStyle')), false);
    assert.equal(existsSync(path.join(dir, 'README.md')), false);
    assert.equal(existsSync(path.join(dir, '.git')), false);
    assert.equal(JSON.parse(read(KIT_SOURCE_FILE)).commit, repository.first);
    assert.ok(lines.some((l) => l.includes('restored')));

    const again = await fetchKit({ repository: repository.url, commit: repository.first, dir });
    assert.equal(again.cached, true, 'a second fetch of the same commit reuses the folder');
  });

  it('fails clearly, leaving nothing behind, for an unknown commit or a kit that stays incomplete', async () => {
    const dir = path.join(temp, 'cache-b', 'kit');
    await assert.rejects(fetchKit({ repository: repository.url, commit: 'f'.repeat(40), dir }), (e: unknown) => e instanceof KitFetchError && /git fetch .* failed/.test(e.message));
    assert.equal(existsSync(dir), false);
    await assert.rejects(fetchKit({ repository: repository.url, commit: 'main', dir }), /commit: expected 40 hexadecimal digits/);

    const incomplete = makeRepository('kit-repo-incomplete', { restoreLater: false });
    await assert.rejects(
      fetchKit({ repository: incomplete.url, commit: incomplete.first, dir }),
      (e: unknown) => e instanceof KitFetchError && e.message.includes(`missing ${RESTORED_FILES[0]}`),
    );
    assert.equal(existsSync(dir), false);
    assert.deepEqual(
      readdirSync(path.dirname(dir)).filter((f) => f.includes('partial')),
      [],
      'no temporary folder left',
    );
  });

  it('`dcc kit fetch` writes the kit where the locator looks (DCC_KIT_CACHE), which then finds it; says where it looked when absent', async () => {
    const cacheRoot = path.join(temp, 'cache-c');
    // The locator looks for the pinned commit's folder: write the test repository's kit there.
    const target = path.join(cacheRoot, 'ans-testcontenucda', ANS_KIT_COMMIT);
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } };
    assert.equal(await main(['kit', 'fetch', '--repo', repository.url, '--commit', repository.first, '--dir', target], io), 0, err.join(''));
    assert.equal(out.join('').trim(), target);
    assert.equal(await main(['kit', 'fetch', '--bogus'], io), 2);

    // The locator run as a tool outside any repository would run it (no ../shared kit, no ANS_KIT_DIR).
    const require = createRequire(import.meta.url);
    const locate = path.join(path.dirname(require.resolve('@dcc-kit/conformance/package.json')), 'kit', 'locate.mjs');
    const outside = path.join(temp, 'outside', 'project');
    mkdirSync(outside, { recursive: true });
    copyFileSync(locate, path.join(outside, 'locate.mjs'));
    const resolveIn = (cache: string): { status: number | null; stdout: string; stderr: string } => {
      const env: NodeJS.ProcessEnv = { ...process.env, DCC_KIT_CACHE: cache };
      delete env.ANS_KIT_DIR;
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', "import { resolveKitDir } from './locate.mjs'; console.log(resolveKitDir());"], { cwd: outside, env, encoding: 'utf8' });
      return { status: child.status, stdout: child.stdout.trim(), stderr: child.stderr };
    };
    const found = resolveIn(cacheRoot);
    assert.equal(found.status, 0, found.stderr);
    assert.equal(found.stdout, target);

    const missing = resolveIn(path.join(temp, 'empty-cache'));
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /KitNotFoundError: ANS TestContenuCDA kit not found at .*shared\/ans-testcontenucda \(the default, .*\): the folder does not exist, nor at .*empty-cache\/ans-testcontenucda\/61e148b6b83b532a3c743e7f6a5f988015eda007 \(the cache of `npx dcc kit fetch`\): the folder does not exist\. Set ANS_KIT_DIR .*, or run `npx dcc kit fetch`/);
  });
});
