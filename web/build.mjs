// Bundles the dashboard into static files (no CDN at run time): node build.mjs [outDir]
// Maven runs it during generate-resources with outDir = target/classes/web (served by the local platform from the
// class path, uploaded to S3 on AWS).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const outDir = process.argv[2] || 'dist';
rmSync(outDir, { recursive: true, force: true });
mkdirSync(join(outDir, 'assets'), { recursive: true });

const result = await esbuild.build({
  entryPoints: { app: 'src/main.jsx' },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  loader: { '.css': 'css' },
  outdir: join(outDir, 'assets'),
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync('src/index.html', join(outDir, 'index.html'));

const js = readFileSync(join(outDir, 'assets', 'app.js'));
const gzipped = gzipSync(js).length;
writeFileSync(join(outDir, 'assets', 'size.json'), JSON.stringify({ jsBytes: js.length, jsGzipBytes: gzipped }));
console.log(`[web] built ${outDir}: app.js ${(js.length / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
if (result.errors.length) process.exit(1);
