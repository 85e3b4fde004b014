// Build script in the shape of the official extension samples.
//   node esbuild.js               bundle the extension (dist/extension.js), its worker and the CLI (dist/cli.js)
//   node esbuild.js --production  minified, no source maps (used by `vsce package`)
//   node esbuild.js --watch       rebuild on change
//   node esbuild.js --tests       also bundle the unit tests, the host-test suite and its entry point
//   node esbuild.js --bench       also bundle the benchmark script
//   node esbuild.js --check-core  only the core-boundary check
// Besides the Node bundles (dist/extension.js, dist/worker.js) every build writes the browser entry for VS Code for
// the Web (dist/web/extension.js and its report worker dist/web/worker.js); `--tests` adds the web suite
// (dist/test/web/index.js). The browser builds resolve `src/host/platform.ts` to `src/web/platform.ts`.
// Every build first bundles src/core for the browser with a plugin that fails on any import of
// `vscode`, a Node built-in (fs, path, …) or code outside src/core: the core must stay host-free.
'use strict';
const esbuild = require('esbuild');
const path = require('path');
const fs = require('fs');
const { builtinModules } = require('module');

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const coreDir = path.join(__dirname, 'src', 'core');
const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Fails the build when a file in src/core imports vscode, Node built-ins or host code. */
const coreBoundaryPlugin = {
  name: 'core-boundary',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (a) => {
      if (!a.importer || !a.importer.startsWith(coreDir + path.sep)) return undefined;
      const rel = path.relative(__dirname, a.importer);
      if (a.path === 'vscode' || nodeBuiltins.has(a.path) || nodeBuiltins.has(a.path.split('/')[0])) {
        return { errors: [{ text: `src/core must stay free of VS Code and Node APIs: ${rel} imports '${a.path}'` }] };
      }
      if (a.path.startsWith('.')) {
        const target = path.resolve(path.dirname(a.importer), a.path);
        if (!target.startsWith(coreDir)) {
          return { errors: [{ text: `src/core may only import src/core and npm packages: ${rel} imports '${a.path}'` }] };
        }
      }
      return undefined;
    });
  },
};

/** Fails the CLI build on any import of `vscode`: the command line runs on the core and Node alone. */
const noVscodePlugin = {
  name: 'no-vscode',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (a) => ({
      errors: [{ text: `the CLI must not depend on VS Code: ${path.relative(__dirname, a.importer)} imports 'vscode'` }],
    }));
  },
};

/** Prints errors in the problem-matcher format the samples use. */
const problemMatcherPlugin = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => { if (watch) console.log('[watch] build started'); });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: !production,
  sourcesContent: false,
  minify: production,
  logLevel: 'silent',
  // remark/unified are ESM-only: esbuild turns them into CommonJS inside the bundle,
  // so the extension host never loads ESM itself.
  mainFields: ['module', 'main'],
  loader: { '.json': 'json' },
  plugins: [coreBoundaryPlugin, problemMatcherPlugin],
};

/**
 * The browser builds swap the Node platform module (worker threads, child processes) for the web one, and fail
 * on any Node built-in, so nothing Node-only can slip into the web worker extension host.
 */
const webPlatformPlugin = {
  name: 'web-platform',
  setup(build) {
    const nodePlatform = path.join(__dirname, 'src', 'host', 'platform.ts');
    const webPlatform = path.join(__dirname, 'src', 'web', 'platform.ts');
    build.onResolve({ filter: /platform$/ }, (a) => {
      if (!a.path.startsWith('.')) return undefined;
      const target = path.resolve(path.dirname(a.importer), a.path) + '.ts';
      return target === nodePlatform ? { path: webPlatform } : undefined;
    });
    build.onResolve({ filter: /.*/ }, (a) => {
      if (nodeBuiltins.has(a.path) && a.importer) {
        return { errors: [{ text: `the browser bundle cannot use Node's '${a.path}' (imported by ${path.relative(__dirname, a.importer)})` }] };
      }
      return undefined;
    });
  },
};

/** Options of every browser bundle (the web worker extension host and its workers). */
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  // Packages with a DOM build (decode-named-character-reference) have a worker build too: a web worker has no document.
  conditions: ['worker'],
  define: { global: 'globalThis' },
  plugins: [webPlatformPlugin, coreBoundaryPlugin, problemMatcherPlugin],
};

function files(dir, re) {
  const abs = path.join(__dirname, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true })
    .filter((f) => re.test(f))
    .map((f) => path.join(dir, f));
}

async function main() {
  // 1. The core must build for a browser with nothing but itself and npm packages.
  await esbuild.build({
    ...common,
    entryPoints: ['src/core/index.ts'],
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    sourcemap: false,
    mainFields: ['browser', 'module', 'main'],
  });
  if (args.has('--check-core')) { console.log('core boundary: ok'); return; }

  const builds = [
    { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
    { ...common, entryPoints: ['src/host/worker.ts'], outfile: 'dist/worker.js' },
    { ...web, entryPoints: ['src/web/extension.ts'], outfile: 'dist/web/extension.js', external: ['vscode'] },
    { ...web, entryPoints: ['src/web/worker.ts'], outfile: 'dist/web/worker.js', format: 'iife' },
    // Report import (pdf.js, mammoth): its own worker, so a large PDF never blocks the extension host.
    { ...common, entryPoints: ['src/host/importWorker.ts'], outfile: 'dist/importWorker.js' },
    {
      ...common,
      entryPoints: ['src/cli/index.ts'],
      outfile: 'dist/cli.js',
      banner: { js: '#!/usr/bin/env node' },
      plugins: [noVscodePlugin, ...common.plugins],
    },
  ];
  if (args.has('--tests')) {
    builds.push({
      ...common,
      entryPoints: files('test/unit', /\.test\.ts$/),
      outdir: 'dist/test/unit',
      outbase: 'test/unit',
      // pdfkit reads its font metrics from its own folder at run time: loaded from node_modules, not bundled.
      external: ['vscode', 'mocha', 'pdfkit'],
    });
    builds.push({
      ...common,
      entryPoints: files('test/pandoc', /\.test\.ts$/),
      outdir: 'dist/test/pandoc',
      outbase: 'test/pandoc',
      external: ['vscode', 'mocha'],
    });
    builds.push({
      ...common,
      entryPoints: ['test/host/index.ts', ...['suite', 'untrusted'].flatMap((d) => files(`test/host/${d}`, /\.test\.ts$/))],
      outdir: 'dist/test/host',
      outbase: 'test/host',
      external: ['vscode', 'mocha', 'pdfkit'],
    });
  }
  if (args.has('--tests')) {
    builds.push({ ...web, entryPoints: ['test/web/index.ts'], outfile: 'dist/test/web/index.js', external: ['vscode'] });
  }
  if (args.has('--bench')) {
    builds.push({ ...common, entryPoints: ['test/bench/bench.ts'], outfile: 'dist/test/bench/bench.js', sourcemap: false, external: ['pdfkit'] });
  }
  if (watch) {
    for (const b of builds) await (await esbuild.context(b)).watch();
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

main().catch((e) => {
  if (!e.errors) console.error(e);
  process.exit(1);
});
