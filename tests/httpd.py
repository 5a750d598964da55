#!/usr/bin/env python3
"""tests/httpd.py PORTFILE: a tiny HTTP server on 127.0.0.1 for the URL tests.

Listens on a free port, writes the port number to PORTFILE once it is ready,
and serves until killed.  Python 3 standard library only.  Routes:

  /page.html        an article page (UTF-8)
  /page2.html       another article page
  /redirect         302 to /page.html
  /feed.xml         RSS 2.0 whose items link to /page.html and /page2.html
  /atom.xml         an Atom feed, served as application/atom+xml
  /missing          404
  /error            500
  /loop/a, /loop/b  302 to each other: a redirect loop
  /chain/N          302 to /chain/N+1 for ever: too many redirects
  /slow             accepts and never answers
  /big              50 MB of HTML with a Content-Length
  /big-stream       50 MB of HTML without one (chunked)
  /liar.html        says charset=utf-8, is Windows-1252
  /text.txt         plain text
  /deep.html        a page nested 10,000 elements deep
  /gzip.html        a page sent with Content-Encoding: gzip
  /gzip-bomb        50 MB of zeros sent as 50 KB of gzip
  /crawl.warc       a WARC file (application/warc) with one page
  /cut.warc.gz      a gzip WARC of two pages, the second member cut short
  /count            how many requests each path has had, as JSON
"""
import gzip
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Dam inspectors find cracks</title>
<meta property="article:published_time" content="2026-11-20T08:00:00Z">
</head><body><article><h1>Dam inspectors find cracks</h1>
<p>Inspectors found three cracks in the Kessel dam on Thursday, the regional
water authority said in a statement.</p>
<p>"The dam is safe for now," said Maria Ortiz, the authority's chief engineer.
Repairs will cost 4 million euros.</p></article></body></html>"""

PAGE2 = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Kessel dam to be repaired</title></head><body><article>
<p>The Kessel dam will be repaired over the winter, officials said on Friday
after inspectors reported cracks in its wall.</p>
<p>The work is expected to take four months.</p></article></body></html>"""

LIAR = ("<html><head><title>Caf\xe9 owner speaks</title></head><body>"
        "<p>The caf\xe9 owner said the na\xefve plan would fail, and the "
        "mayor\x92s office declined to comment on Thursday.</p>"
        "</body></html>").encode("latin-1")

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Valley Courier</title>
<entry><title>Flood warning lifted</title>
<link rel="alternate" href="http://127.0.0.1:{port}/page2.html"/>
<published>2026-11-19T10:00:00+01:00</published>
<content type="html">&lt;p&gt;The flood warning for the Kessel valley was lifted on Wednesday, forecasters said.&lt;/p&gt;</content>
</entry></feed>"""


def rss(port):
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Kessel Gazette</title><link>http://127.0.0.1:{port}/</link>
<item><title>Cracks found in dam</title>
<link>http://127.0.0.1:{port}/page.html</link>
<pubDate>Fri, 20 Nov 2026 09:00:00 +0100</pubDate>
<dc:creator>Ann Lee</dc:creator>
<description>&lt;p&gt;Short teaser: cracks were found in the dam.&lt;/p&gt;</description></item>
<item><title>Dam repairs planned</title>
<link>/page2.html</link>
<pubDate>Sat, 21 Nov 2026 09:00:00 +0100</pubDate>
<description>&lt;p&gt;Another teaser: repairs are planned for the dam.&lt;/p&gt;</description></item>
<item><title>Gone</title>
<link>http://127.0.0.1:{port}/missing</link>
<description>&lt;p&gt;This item links to a page that is gone, but has its own text.&lt;/p&gt;</description></item>
</channel></rss>"""


DEEP = ("<html><body><p>Intro text before the nesting.</p>" + "<div>" * 10000
        + "deep text." + "</div>" * 10000 + "</body></html>")
GZ_PAGE = gzip.compress(PAGE2.encode("utf-8"))
GZ_BOMB = gzip.compress(b"\0" * (50 * 1000 * 1000), 9)


def warc(uri=b"https://archived.example/dam", page=PAGE.encode("utf-8")):
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + page)
    head = (b"WARC/1.0\r\nWARC-Type: response\r\n"
            b"WARC-Target-URI: " + uri + b"\r\n"
            b"WARC-Date: 2024-01-15T10:20:30Z\r\n"
            b"Content-Length: %d\r\n\r\n" % len(http))
    return head + http + b"\r\n\r\n"


def cut_warc():
    a = gzip.compress(warc(b"https://news.example/a", b"<html><body><p>The first "
                           b"archived report says the dam held.</p></body></html>"))
    b = gzip.compress(warc(b"https://news.example/b", b"<html><body><p>The second "
                           b"archived report, cut short in the archive.</p></body></html>"))
    return a + b[: len(b) // 2]


counts = {}
counts_lock = threading.Lock()
BIG = 50 * 1000 * 1000


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send(self, code, body, ctype="text/html; charset=utf-8", extra=None):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, where):
        self.send(302, "", extra={"Location": where})

    def big(self, chunked):
        block = b"<p>" + b"filler text " * 800 + b"</p>\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(BIG))
        self.end_headers()
        sent = 0
        try:
            while sent < BIG:
                part = block[: BIG - sent]
                if chunked:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                else:
                    self.wfile.write(part)
                sent += len(part)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def do_GET(self):
        port = self.server.server_address[1]
        path = self.path.split("?")[0]
        with counts_lock:
            counts[path] = counts.get(path, 0) + 1
        if path == "/page.html":
            self.send(200, PAGE)
        elif path == "/page2.html":
            self.send(200, PAGE2)
        elif path == "/redirect":
            self.redirect("/page.html")
        elif path == "/feed.xml":
            self.send(200, rss(port), "application/rss+xml")
        elif path == "/atom.xml":
            self.send(200, ATOM.format(port=port), "application/atom+xml")
        elif path == "/missing":
            self.send(404, "<html><body>not here</body></html>")
        elif path == "/error":
            self.send(500, "<html><body>broken</body></html>")
        elif path == "/loop/a":
            self.redirect("/loop/b")
        elif path == "/loop/b":
            self.redirect("/loop/a")
        elif path.startswith("/chain/"):
            self.redirect("/chain/%d" % (int(path[7:]) + 1))
        elif path == "/slow":
            time.sleep(120)
        elif path == "/big":
            self.big(False)
        elif path == "/big-stream":
            self.big(True)
        elif path == "/liar.html":
            self.send(200, LIAR, "text/html; charset=utf-8")
        elif path == "/text.txt":
            self.send(200, "A plain report. The council met on Monday and "
                      "voted to close the bridge.\n", "text/plain; charset=utf-8")
        elif path == "/deep.html":
            self.send(200, DEEP)
        elif path == "/gzip.html":
            self.send(200, GZ_PAGE, extra={"Content-Encoding": "gzip"})
        elif path == "/gzip-bomb":
            self.send(200, GZ_BOMB, extra={"Content-Encoding": "gzip"})
        elif path == "/cut.warc.gz":
            self.send(200, cut_warc(), "application/gzip")
        elif path == "/crawl.warc":
            self.send(200, warc(), "application/warc")
        elif path == "/count":
            with counts_lock:
                self.send(200, json.dumps(counts), "application/json")
        else:
            self.send(404, "no such route")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.replace(sys.argv[1] + ".tmp", sys.argv[1])
    server.serve_forever()


if __name__ == "__main__":
    main()
