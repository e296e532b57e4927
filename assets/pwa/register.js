// Registers the service worker (release build only; inserted by
// scripts/postbuild.mjs) and shows an "update available" notice when a new
// build has been installed in the background. Reloading hands the page to the
// new build in one step, so old and new files are never mixed.
const RELOAD_ID = 'update-banner';
// Only a reload the user asked for: the first install also changes the controller.
let updateRequested = false;

function showUpdateNotice(worker) {
  if (document.getElementById(RELOAD_ID)) return;
  const banner = document.createElement('div');
  banner.id = RELOAD_ID;
  banner.className = 'update-banner';
  banner.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.textContent = 'An updated version of this reference is available. ';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Reload to update';
  button.addEventListener('click', () => {
    updateRequested = true;
    worker.postMessage('skip-waiting');
  });
  banner.append(text, button);
  document.body.prepend(banner);
}

// Served over plain http from another machine (a ward server, say), the
// browser allows no service worker, so the page cannot be kept for use
// without a network: say so once, and what to use instead.
if (location.protocol === 'http:' && !window.isSecureContext) {
  const note = document.createElement('div');
  note.className = 'update-banner';
  note.setAttribute('role', 'note');
  note.dataset.testid = 'no-offline';
  note.textContent = 'This copy comes from a server over plain http, so this browser cannot keep it '
    + 'for use without a network. For that, use the single-file copy of this reference, which works '
    + 'from a file on this computer, or ask for the server to use https.';
  // After the app has started: mounting it empties the page's body.
  const show = () => document.body.prepend(note);
  if (document.querySelector('main')) show();
  else window.addEventListener('TrunkApplicationStarted', show, { once: true });
}

if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!updateRequested) return;
    updateRequested = false;
    location.reload();
  });
  navigator.serviceWorker.register('./sw.js').then((registration) => {
    const watch = (worker) => {
      if (!worker) return;
      worker.addEventListener('statechange', () => {
        // An update waits only where this copy's worker already runs (a
        // worker of a copy at the site's root may control this page, and
        // this copy's first install is no update).
        if (worker.state === 'installed' && registration.active) showUpdateNotice(worker);
      });
    };
    if (registration.waiting && registration.active) showUpdateNotice(registration.waiting);
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    // Look for a new build whenever the page becomes visible again.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') registration.update().catch(() => {});
    });
  }).catch(() => {
    // No service worker (for example a private window): the app still works online.
  });
}
