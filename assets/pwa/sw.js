// Service worker of the installable offline app (release build only).
// scripts/postbuild.mjs prepends two constants generated from the build output:
//   BUILD_ID: a hash of every file of this build (the cache name ends with it);
//   FILES:    every file of this build, hashed names included.
// Every file of one build is cached together under one cache name, and a new
// build waits until the page asks it to take over, so old and new files are
// never mixed in one page.
/* global BUILD_ID, FILES */
// One cache store serves the whole site: a copy in another folder of it
// (https://intranet/ketamine/ and https://intranet/ketamine-test/) has its
// own caches, named after its scope, which this worker leaves alone.
const PREFIX = `kdr-${self.registration.scope}-`;
const CACHE = `${PREFIX}${BUILD_ID}`;
// The folder this copy is served from ("/" at a site's root).
const FOLDER = new URL(self.registration.scope).pathname;
// Caches named before the scope was part of the name (builds before
// 2026-12-02), which could only be served from a site's root: only the
// worker at the root replaces them.
const LEGACY = FOLDER === '/' ? /^kdr-[0-9a-f]{16}$/ : null;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys
        .filter((k) => (k.startsWith(PREFIX) || LEGACY?.test(k)) && k !== CACHE)
        .map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const page = request.mode === 'navigate';
  // Only this copy's own page (the app's routes are in the fragment): other
  // pages of the site below this folder, another copy in a subfolder among
  // them, are left to the network.
  if (page && url.pathname !== FOLDER && url.pathname !== `${FOLDER}index.html`) return;
  // The page (any fragment, any query) is the cached index.html of this build.
  const key = page ? './' : request;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(key, { ignoreSearch: page }).then((hit) => hit ?? fetch(request)),
    ),
  );
});
