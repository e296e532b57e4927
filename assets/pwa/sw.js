// Service worker of the installable offline app (release build only).
// scripts/postbuild.mjs prepends two constants generated from the build output:
//   BUILD_ID: a hash of every file of this build (also the cache name);
//   FILES:    every file of this build, hashed names included.
// Every file of one build is cached together under one cache name, and a new
// build waits until the page asks it to take over, so old and new files are
// never mixed in one page.
/* global BUILD_ID, FILES */
const CACHE = `kdr-${BUILD_ID}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('kdr-') && k !== CACHE).map((k) => caches.delete(k))))
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
  // Pages (any path, any fragment) are the cached index.html of this build.
  const key = request.mode === 'navigate' ? './' : request;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(key, { ignoreSearch: request.mode === 'navigate' }).then((hit) => hit ?? fetch(request)),
    ),
  );
});
