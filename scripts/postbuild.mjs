// After `trunk build --release`: adds the Content-Security-Policy to the served
// page, writes the single-file copy for file:// use, and prints a size report.
// Usage: node scripts/postbuild.mjs   (reads dist/, writes dist/, dist-single/, target/size-report.json)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, mkdirSync, statSync, copyFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';
import { transformSync } from 'esbuild';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const SINGLE_DIR = join(ROOT, 'dist-single');
export const SINGLE_FILE = join(SINGLE_DIR, 'ketamine-dosing-reference.html');

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const fail = (msg) => { console.error(`postbuild: ${msg}`); process.exit(1); };

const files = readdirSync(DIST);
// Re-running on an already processed dist/ is fine: generated files are replaced.
const pick = (re, what) => {
  const found = files.filter((f) => re.test(f));
  if (found.length !== 1) fail(`expected one ${what} in dist/, found ${found.length}: ${found.join(', ')}`);
  return found[0];
};
const wasmName = pick(/_bg\.wasm$/, 'wasm file');
const jsName = pick(/^ketamine-dosing-reference-[0-9a-f]+\.js$/, 'JS glue');
// Stylesheets in the order the page links them.
const cssNames = [...readFileSync(join(DIST, 'index.html'), 'utf8').matchAll(/<link rel="stylesheet" href="\.\/([^"]+\.css)"/g)]
  .map((m) => m[1]);
if (cssNames.length === 0 || cssNames.some((n) => !files.includes(n))) fail(`stylesheets not found in dist/: ${cssNames.join(', ')}`);

// ---- 1. Installable offline app: manifest, icons, service worker ------------
const indexPath = join(DIST, 'index.html');
let index = readFileSync(indexPath, 'utf8');
index = index.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
index = index.replace(/\s*<!-- pwa -->[\s\S]*?<!-- \/pwa -->/, '');
const PWA = join(ROOT, 'assets', 'pwa');
const ICONS = join(ROOT, 'assets', 'icons');
for (const icon of ['icon-192.png', 'icon-512.png', 'icon.svg']) copyFileSync(join(ICONS, icon), join(DIST, icon));
copyFileSync(join(PWA, 'manifest.webmanifest'), join(DIST, 'manifest.webmanifest'));
const register = readFileSync(join(PWA, 'register.js'));
const registerName = `register-${createHash('sha256').update(register).digest('hex').slice(0, 16)}.js`;
for (const f of readdirSync(DIST)) if (/^register-[0-9a-f]+\.js$/.test(f) || f === 'sw.js') rmSync(join(DIST, f));
writeFileSync(join(DIST, registerName), register);
const sri = (buf) => `sha384-${createHash('sha384').update(buf).digest('base64')}`;
index = index.replace('</head>', `<!-- pwa -->
    <link rel="manifest" href="./manifest.webmanifest" />
    <meta name="theme-color" content="#0b5cad" />
    <script type="module" src="./${registerName}" integrity="${sri(register)}" crossorigin="anonymous"></script>
    <!-- /pwa -->
  </head>`);
// The wasm is fetched with its integrity checked: Chromium ignores the
// integrity attribute of a fetch-type preload (and warns about it), so the
// loader asks fetch() to check it. Idempotent on a processed dist/.
const wasmInit = new RegExp(`init\\(\\{ module_or_path: (?:fetch\\('\\./${wasmName}', \\{ integrity: '[^']*' \\}\\)|'\\./${wasmName}') \\}\\)`, 'g');
const wasmSri = sri(readFileSync(join(DIST, wasmName)));
const inits = index.match(wasmInit) ?? [];
if (inits.length !== 1) fail(`expected one init() of ${wasmName} in dist/index.html, found ${inits.length}`);
index = index.replace(wasmInit, `init({ module_or_path: fetch('./${wasmName}', { integrity: '${wasmSri}' }) })`);
// The preload's own integrity attribute goes: it is ignored, and warned of.
index = index.replace(new RegExp(`(<link rel="preload" href="\\./${wasmName}"[^>]*?) integrity="[^"]*"`), '$1');
const inline = [...index.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)];
if (inline.length !== 1) fail(`expected one inline loader script in dist/index.html, found ${inline.length}`);
if (/\son[a-z]+=/i.test(index)) fail('dist/index.html has an inline event handler attribute');
const servedCsp = [
  "default-src 'none'",
  `script-src 'self' ${sha256(inline[0][1])} 'wasm-unsafe-eval'`,
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
// The service worker caches exactly this build's files under a name derived
// from their contents, so a new build is a new cache.
const cached = readdirSync(DIST).filter((f) => f !== 'index.html' && statSync(join(DIST, f)).isFile()).sort();
const buildHash = createHash('sha256');
for (const f of cached) buildHash.update(f).update(readFileSync(join(DIST, f)));
buildHash.update(index);
const buildId = buildHash.digest('hex').slice(0, 16);
const swFiles = ['./', ...cached.map((f) => `./${f}`)];
writeFileSync(join(DIST, 'sw.js'), `const BUILD_ID = ${JSON.stringify(buildId)};\nconst FILES = ${JSON.stringify(swFiles, null, 2)};\n${readFileSync(join(PWA, 'sw.js'), 'utf8')}`);

index = index.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${servedCsp}" />`);
writeFileSync(indexPath, index);

// ---- 2. Single-file copy -----------------------------------------------------
// The wasm-bindgen glue becomes part of one inline module: its `export`
// statements are removed, and the wasm, gzipped and base64-encoded, is
// decompressed in the page (DecompressionStream) and passed as bytes to the
// glue's async init function. Nothing is fetched, so it works from file://.
const glue = readFileSync(join(DIST, jsName), 'utf8');
const stripped = glue
  .replace(/^export\s*\{[^}]*\};?\s*$/gm, '')
  .replace(/^export default\s+[A-Za-z_$][\w$]*;?\s*$/gm, '')
  .replace(/^export\s+(?=(async\s+)?(function|class|const|let|var)\b)/gm, '');
if (/^\s*export\b/m.test(stripped)) fail('the JS glue still has an export statement after stripping');
const initName = (glue.match(/export\s*\{[^}]*\b(\w+)\s+as\s+default\b/) ?? glue.match(/export default\s+(\w+)/) ?? [])[1];
if (!initName) fail('could not find the glue\'s default-exported init function');
// Zopfli (from npm) writes ordinary gzip that DecompressionStream reads, about
// 5% smaller than zlib's level 9 (406 KB against 429 KB on 2026-12-01), which
// keeps the single file well within its 600 KB budget. One iteration: more
// gains well under 1% for several seconds more per build.
const wasmB64 = Buffer.from(await gzipAsync(readFileSync(join(DIST, wasmName)), { numiterations: 1 })).toString('base64');
// The single file is minified (esbuild, from npm) to stay within its budget;
// the served build keeps Trunk's readable output.
const script = transformSync(`${stripped}
const packed = Uint8Array.from(atob("${wasmB64}"), (c) => c.charCodeAt(0));
const wasmBytes = await new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
await ${initName}({ module_or_path: wasmBytes });
`, { loader: 'js', format: 'esm', minify: true, legalComments: 'none' }).code;
const css = cssNames.map((n) => readFileSync(join(DIST, n), 'utf8')).join('\n');
const singleCss = transformSync(css, { loader: 'css', minify: true, legalComments: 'none' }).code;
const singleCsp = [
  "default-src 'none'",
  `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha256(singleCss)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
const source = readFileSync(join(ROOT, 'index.html'), 'utf8');
const description = (source.match(/<meta name="description" content="([^"]*)"/) ?? [])[1] ?? '';
// The start-up message, the same as the served build's.
const boot = (source.match(/<div id="boot"[\s\S]*?<\/div>/) ?? [])[0];
if (!boot) fail('index.html has no start-up message (<div id="boot">)');
const single = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${singleCsp}" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="description" content="${description}" />
    <meta name="color-scheme" content="light dark" />
    <title>Ketamine Dosing Reference (offline copy)</title>
    <link rel="icon" href="data:," />
    <style>${singleCss}</style>
  </head>
  <body>
    <noscript>This reference needs JavaScript and WebAssembly enabled in the browser.</noscript>
    ${boot}
    <script type="module">${script}</script>
  </body>
</html>
`;
mkdirSync(SINGLE_DIR, { recursive: true });
writeFileSync(SINGLE_FILE, single);

// ---- 3. Size report ------------------------------------------------------------
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const measure = (path) => { const b = readFileSync(path); return { raw: b.length, gzip: gz(b) }; };
const report = {
  wasm: measure(join(DIST, wasmName)),
  js: measure(join(DIST, jsName)),
  css: { raw: cssNames.reduce((n, f) => n + statSync(join(DIST, f)).size, 0), gzip: gz(Buffer.from(css)) },
  single_file: { raw: statSync(SINGLE_FILE).size, gzip: gz(readFileSync(SINGLE_FILE)) },
};
report.wasm_plus_js_gzip = report.wasm.gzip + report.js.gzip;
mkdirSync(join(ROOT, 'target'), { recursive: true });
writeFileSync(join(ROOT, 'target', 'size-report.json'), JSON.stringify(report, null, 2));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('size report (gzip -9):');
for (const key of ['wasm', 'js', 'css', 'single_file']) {
  console.log(`  ${key.padEnd(12)} ${kb(report[key].raw).padStart(10)} raw  ${kb(report[key].gzip).padStart(10)} gzipped`);
}
console.log(`  wasm + js    ${kb(report.wasm_plus_js_gzip).padStart(27)} gzipped`);
console.log(`single-file copy: ${SINGLE_FILE}`);
