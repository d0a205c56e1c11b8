// Builds better-sqlite3 for Electron's ABI into build/electron-native/, beside (never instead of)
// the Node build that tests and `serve` load. The desktop app passes this file as better-sqlite3's
// `nativeBinding`. Only `npm start` and `npm run dist` call this: it needs Electron's headers,
// which a machine without internet cannot fetch.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = require('better-sqlite3/package.json').version;
const outDir = 'build/electron-native';
const target = join(outDir, 'better_sqlite3.node');
const stamp = join(outDir, 'stamp.json');
const wanted = JSON.stringify({ electronVersion, sqliteVersion, platform: process.platform, arch: process.arch });

if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) process.exit(0);

const work = join(outDir, 'src');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${sqliteDir}/build`) });
console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}...`);
const result = spawnSync(
  process.execPath,
  [
    require.resolve('node-gyp/bin/node-gyp.js'),
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit' },
);
if (result.status !== 0) {
  console.error(
    "Could not build better-sqlite3 for Electron (it needs Electron's headers from the internet and a C++ toolchain).",
  );
  process.exit(result.status ?? 1);
}
cpSync(join(work, 'build/Release/better_sqlite3.node'), target);
writeFileSync(stamp, wanted);
rmSync(work, { recursive: true, force: true });
