#!/usr/bin/env python3
"""Static server for the nianbao page: serves www/ and pkg/ of the repository (or of any folder
holding both side by side) with the right MIME types (application/wasm), the page's
Content-Security-Policy as a header, and no caching, on localhost.

    python3 scripts/serve.py [--port 8080] [--host 127.0.0.1] [--root DIR]

--port 0 picks a free port. The first line on stdout is the page's URL.
"""

import argparse
import http.server
import os
import sys
from functools import partial

SERVED = ("/www/", "/pkg/")

# Same policy as the <meta> tag in www/*.html, plus what only a header can say.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'self'",
    ]
)

TYPES = {
    ".wasm": "application/wasm",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".ts": "text/plain; charset=utf-8",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path in ("/", "/index.html", "/www"):
            self.send_response(302)
            self.send_header("Location", "/www/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not path.startswith(SERVED):
            self.send_error(404, "Not here: only /www/ and /pkg/ are served")
            return None
        return super().send_head()

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, fmt, *args):
        if os.environ.get("NIANBAO_QUIET"):
            return
        super().log_message(fmt, *args)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    ap.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    ap.add_argument("--root", default=os.path.dirname(here), help="folder holding www/ and pkg/")
    a = ap.parse_args()
    for d in ("www", "pkg"):
        if not os.path.isdir(os.path.join(a.root, d)):
            sys.exit(f"serve.py: {a.root}/{d} is missing (build pkg/ with scripts/build.sh)")
    server = http.server.ThreadingHTTPServer((a.host, a.port), partial(Handler, directory=a.root))
    host = a.host if ":" not in a.host else f"[{a.host}]"
    print(f"http://{host}:{server.server_address[1]}/www/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
