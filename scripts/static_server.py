#!/usr/bin/env python3
"""A static file server for the built app, bound to 127.0.0.1 only.

Serves .wasm as application/wasm (so browsers can stream-compile it) and the
web app manifest with its own type; sends no-cache and never answers
"304 Not Modified", so a new build is picked up even within the same second.

Usage: static_server.py DIRECTORY [PORT]   (PORT 0 picks a free port)
Prints "serving http://127.0.0.1:PORT/" once listening.
"""
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".html": "text/html; charset=utf-8",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
        ".svg": "image/svg+xml",
    }

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        # Always the whole file, never "304 Not Modified": Last-Modified has
        # one-second resolution, so a file rewritten within the second it was
        # last served (a new build's sw.js in the update test) would otherwise
        # be reported unchanged, and the browser would keep the old one.
        if "If-Modified-Since" in self.headers:
            del self.headers["If-Modified-Since"]
        return super().send_head()

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        if "-v" in sys.argv:
            super().log_message(format, *args)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: static_server.py DIRECTORY [PORT]")
    directory = sys.argv[1]
    port = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] != "-v" else 8080
    handler = functools.partial(Handler, directory=directory)
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"serving http://127.0.0.1:{server.server_address[1]}/", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
