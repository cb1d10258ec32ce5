// Service worker: keeps the page, its modules, the wasm and the example in a cache so that after
// one visit the checker works with the network off. Network first (so a new version shows up at
// once when online, and the JS and the wasm always come from the same build), cache when the
// network fails or is too slow. Only same-origin GET requests are handled.

const CACHE = 'nianbao-v1';
const FILES = [
  './',
  './index.html',
  './style.css',
  './components.css',
  './icon.svg',
  './app.js',
  './checker.js',
  './dom.js',
  './export.js',
  './markdown.js',
  './render.js',
  './cellpop.js',
  './template.js',
  './worker.js',
  './packed.js',
  './example.txt',
  './rules.json',
  './embed.html',
  './embed.css',
  './embed-demo.js',
  './nianbao-checker.js',
  './widget.css',
  './round.html',
  './round.js',
  './round.css',
  './filetext.js',
  // Loaded only when the round page exports its workbook; cached so that works offline too.
  './vendor/write-excel-file.min.js',
  './vendor/write-excel-file.LICENSE',
  '../pkg/nianbao.js',
  '../pkg/nianbao_bg.wasm',
  '../pkg/full/nianbao.js',
  '../pkg/full/nianbao_bg.wasm',
];
// pdf.js (built into www/vendor/pdfjs/ by scripts/build.sh), for opening a PDF offline; cached
// when present, without failing the install where a build left it out. The character maps and
// fonts a PDF needs are cached as they are first fetched, like every same-origin file.
const PDFJS_FILES = ['./vendor/pdfjs/pdf.min.mjs', './vendor/pdfjs/pdf.worker.min.mjs'];
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((c) =>
        c
          .addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))
          .then(() => c.addAll(PDFJS_FILES.map((f) => new Request(f, { cache: 'reload' }))).catch(() => {})),
      )
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('nianbao-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(networkFirst(req, event));
});

async function networkFirst(req, event) {
  const cache = await caches.open(CACHE);
  const network = fetch(req).then((res) => {
    if (res.ok && res.type === 'basic') {
      const saved = cache.put(req, res.clone()).catch(() => {});
      try {
        event.waitUntil(saved);
      } catch {
        // The response was already answered from the cache; the write still completes.
      }
    }
    return res;
  });
  network.catch(() => {});
  const cached = () =>
    cache.match(req, { ignoreSearch: true }).then(
      (hit) => hit || (req.mode === 'navigate' ? cache.match('./index.html') : undefined),
    );
  try {
    return await Promise.race([
      network,
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), NETWORK_TIMEOUT_MS)),
    ]);
  } catch (err) {
    const hit = await cached();
    if (hit) return hit;
    // Slow but alive network and nothing cached: keep waiting for it.
    return network;
  }
}
