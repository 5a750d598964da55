#!/usr/bin/env python3
"""tests/api_client.py: exercise every endpoint and every error of a running
`crosscheck serve` (docs/api.md), then the hostile requests: bodies over the
limit, malformed JSON, invalid UTF-8, path traversal, missing and wrong
tokens, a slow client, many connections at once.  After each hostile
request the server must still answer /api/health.

    api_client.py BASE_URL TOKEN SEEDS_DIR [--timeout S] [--max-body BYTES]

TOKEN is the server's token ("" when it has none).  The server is expected
to run with --max-body 1M unless --max-body says otherwise, and with
--timeout S for the slow-client check.  Prints one line per failed check
and ends with "N passed, N failed"; exits 1 if any failed.  Python 3
standard library only.
"""
import http.client
import json
import os
import socket
import sys
import threading
import time
import urllib.parse
import gzip

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; "
       "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)
    return cond


class Api:
    def __init__(self, base, token):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.token = token

    def request(self, method, path, body=None, ctype=None, token=True,
                headers=None, chunked=False):
        """(status, headers dict lower-cased, body bytes)."""
        h = dict(headers or {})
        if token and self.token:
            h["Authorization"] = "Bearer " + self.token
        if ctype:
            h["Content-Type"] = ctype
        c = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            c.request(method, path, body=body, headers=h, encode_chunked=chunked)
            r = c.getresponse()
            data = r.read()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, data
        finally:
            c.close()

    def json(self, method, path, body=None, ctype=None, **kw):
        st, h, data = self.request(method, path, body, ctype, **kw)
        try:
            obj = json.loads(data) if data else None
        except ValueError:
            obj = None
        return st, h, obj

    def dossier(self, story, headers=None):
        """GET /api/stories/N, asking again while the server answers 503
        (the dossier is still being built: --timeout is short in the tests
        and a loaded machine builds slowly), as docs/api.md tells clients."""
        for _ in range(60):
            st, h, data = self.request("GET", "/api/stories/%d" % story,
                                       headers=headers)
            if st != 503:
                break
            check(h.get("retry-after", "").isdigit(), "503 says when to retry")
            time.sleep(1)
        return st, h, data

    def raw(self, data, read=True, wait=10):
        """Send bytes on a fresh socket; the answer's status line or ''."""
        s = socket.create_connection((self.host, self.port), timeout=wait)
        try:
            try:
                s.sendall(data)
            except OSError:
                pass
            if not read:
                return ""
            got = b""
            try:
                while b"\r\n" not in got:
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    got += chunk
            except OSError:
                pass
            return got.split(b"\r\n", 1)[0].decode("latin-1")
        finally:
            s.close()

    def alive(self, after):
        st, _, obj = self.json("GET", "/api/health")
        check(st == 200 and obj and obj.get("status") == "ok",
              "server still answers /api/health after " + after)
        return obj


def is_error(obj):
    return isinstance(obj, dict) and isinstance(obj.get("error"), str) and obj["error"]


def expect_error(api, status, method, path, body=None, ctype=None, what="",
                 **kw):
    st, h, obj = api.json(method, path, body, ctype, **kw)
    check(st == status, "%s: status %s, wanted %s (%s)" % (what, st, status, obj))
    check(is_error(obj), "%s: body is {\"error\": message}" % what)
    check(h.get("content-type") == "application/json; charset=utf-8",
          "%s: error is JSON" % what)
    return obj


def test_headers(api):
    st, h, data = api.request("GET", "/api/health")
    check(st == 200, "health 200")
    check(h.get("content-security-policy") == CSP, "CSP on API answers: %r" % h.get("content-security-policy"))
    check(h.get("x-content-type-options") == "nosniff", "nosniff")
    check(h.get("referrer-policy") == "no-referrer", "referrer policy")
    check(h.get("content-type") == "application/json; charset=utf-8", "JSON type")
    obj = json.loads(data)
    check(obj.get("status") == "ok" and isinstance(obj.get("version"), str)
          and isinstance(obj.get("documents"), int), "health fields: %s" % obj)
    # the page needs no token; it still carries the headers
    st, h, data = api.request("GET", "/", token=False)
    check(st in (200, 404), "GET / answers")
    if st == 200:
        check(h.get("content-type", "").startswith("text/html"), "/ is HTML")
    check(h.get("content-security-policy") == CSP, "CSP on the page")
    check(h.get("x-content-type-options") == "nosniff", "nosniff on the page")
    st, h, data = api.request("GET", "/no-such-file.js", token=False)
    check(st == 404 and h.get("content-type", "").startswith("text/plain"),
          "unknown static path: plain 404")
    st, h, data = api.request("POST", "/", body=b"x", ctype="text/plain", token=False)
    check(st == 405, "POST / is 405")


def test_auth(api):
    if not api.token:
        return
    st, h, obj = api.json("GET", "/api/health", token=False)
    check(st == 401 and is_error(obj), "no token: 401 JSON")
    check("bearer" in h.get("www-authenticate", "").lower(), "401 names Bearer")
    for bad in ("Bearer wrong", "Bearer " + api.token + "x", "Bearer " + api.token[:-1],
                "Basic " + api.token, api.token, "Bearer"):
        st, _, obj = api.json("GET", "/api/stories", token=False,
                              headers={"Authorization": bad})
        check(st == 401 and is_error(obj), "wrong token %r: 401" % bad)
    st, _, obj = api.json("POST", "/api/documents", b"text", "text/plain", token=False)
    check(st == 401, "upload without token: 401")
    st, _, obj = api.json("DELETE", "/api/documents/1", token=False)
    check(st == 401, "delete without token: 401")
    api.alive("wrong tokens")


def test_read(api):
    st, _, obj = api.json("GET", "/api/stories")
    check(st == 200 and isinstance(obj.get("stories"), list) and obj["stories"],
          "stories listed")
    story = obj["stories"][0]
    for k, t in (("id", int), ("documents", int), ("outlets", list)):
        check(isinstance(story.get(k), t), "story has %s" % k)
    for k in ("title", "first", "last"):
        check(k in story, "story has %s" % k)
    sid = story["id"]

    st, _, obj = api.json("GET", "/api/stories?q=Aliyev")
    check(st == 200 and any(s["id"] == sid for s in obj["stories"]),
          "story search finds the story")
    st, _, obj = api.json("GET", "/api/stories?q=zzqqxxnothing")
    check(st == 200 and obj["stories"] == [], "story search for nothing: []")
    st, _, obj = api.json("GET", '/api/stories?q=%22AND%20OR%20(NEAR')
    check(st == 200, "FTS syntax in q is only words")

    st, h, data = api.dossier(sid)
    obj = json.loads(data) if st == 200 else None
    check(st == 200 and obj and obj.get("format") == "crosscheck-dossier/1",
          "dossier of story %d" % sid)
    if obj:
        docs = obj.get("documents", [])
        check(docs and all(isinstance(d.get("text"), str) for d in docs),
              "dossier documents carry their text")
    st2, _, data = api.dossier(sid)
    obj2 = json.loads(data) if st2 == 200 else None
    check(st2 == 200 and obj2 == obj, "dossier again (cached) is the same")
    st, h, data = api.dossier(sid, headers={"Accept-Encoding": "gzip"})
    check(st == 200 and h.get("content-encoding") == "gzip" and
          json.loads(gzip.decompress(data)) == obj, "dossier gzip-compressed when asked")
    check("accept-encoding" in h.get("vary", "").lower(), "Vary: Accept-Encoding")
    st, h, data = api.dossier(sid, headers={"Accept-Encoding": "gzip;q=0, identity"})
    check(st == 200 and "content-encoding" not in h and json.loads(data) == obj,
          "gzip;q=0: not compressed")
    st, _, data = api.dossier(0)
    obj = json.loads(data) if st == 200 else None
    check(st == 200 and obj and obj.get("format") == "crosscheck-dossier/1",
          "story 0: all documents")
    expect_error(api, 404, "GET", "/api/stories/999999", what="unknown story")
    expect_error(api, 404, "GET", "/api/stories/abc", what="story not a number")
    expect_error(api, 404, "GET", "/api/stories/-1", what="negative story")
    expect_error(api, 405, "DELETE", "/api/stories/1", what="DELETE a story")

    st, _, obj = api.json("GET", "/api/documents")
    docs = obj["documents"]
    check(st == 200 and len(docs) >= 5, "documents listed")
    ids = [d["id"] for d in docs]
    check(ids == sorted(ids, reverse=True), "newest first")
    for k in ("id", "title", "outlet", "published", "source", "bytes", "story"):
        check(k in docs[0], "document summary has %s" % k)
    st, _, obj = api.json("GET", "/api/documents?limit=2")
    check(st == 200 and len(obj["documents"]) == 2, "limit=2")
    for bad in ("0", "1001", "abc", "-3", "2.5"):
        expect_error(api, 400, "GET", "/api/documents?limit=" + bad, what="limit=" + bad)
    st, _, obj = api.json("GET", "/api/documents?q=Aliyev&limit=3")
    hits = obj["documents"]
    check(st == 200 and 0 < len(hits) <= 3 and all("snippet" in d for d in hits),
          "search hits with snippets")
    check(all("[" in d["snippet"] for d in hits), "snippets mark the matches")
    expect_error(api, 400, "GET", "/api/documents?q=%FF%FE", what="q not UTF-8")
    expect_error(api, 400, "GET", "/api/stories?q=caf%C3%28", what="stories q not UTF-8")

    did = ids[-1]
    st, _, obj = api.json("GET", "/api/documents/%d" % did)
    check(st == 200 and obj["id"] == did and isinstance(obj["text"], str),
          "one document with its text")
    for k in ("title", "outlet", "published", "source", "url", "bytes", "story",
              "boilerplate"):
        check(k in obj, "document has %s" % k)
    check(all(0 <= b["start"] <= b["end"] <= obj["bytes"] for b in obj["boilerplate"]),
          "boilerplate spans inside the text")
    check(len(obj["text"].encode()) == obj["bytes"], "bytes is the text's length")
    expect_error(api, 404, "GET", "/api/documents/999999", what="unknown document")
    expect_error(api, 404, "GET", "/api/documents/0", what="document 0")
    expect_error(api, 404, "GET", "/api/nothing", what="unknown endpoint")
    expect_error(api, 404, "GET", "/api", what="/api itself")
    expect_error(api, 405, "PUT", "/api/documents", b"{}", "application/json",
                 what="PUT documents")
    st, h, _ = api.json("POST", "/api/health", b"x", "text/plain")
    check(st == 405 and "GET" in h.get("allow", ""), "405 names what is allowed")
    return sid


def count(api):
    return api.json("GET", "/api/health")[2]["documents"]


def test_write(api, seeds):
    n0 = count(api)
    text = ("Officials in the port city said on Tuesday that 42 ferries were "
            "cancelled after the storm. The harbour master, Ana Lopes, said "
            "\"we will reopen when it is safe\".\n")
    q = urllib.parse.urlencode({"title": "Storm closes the port",
                                "outlet": "Test Wire", "published": "2026-11-20",
                                "source": "test:plain"})
    st, _, obj = api.json("POST", "/api/documents?" + q, text.encode(),
                          "text/plain; charset=utf-8")
    check(st == 201 and obj["documents"][0]["added"] is True, "text/plain added: %s" % obj)
    d = obj["documents"][0]
    check(isinstance(d["id"], int) and "story" in d, "added document has id and story")
    st, _, got = api.json("GET", "/api/documents/%d" % d["id"])
    check(got and got["text"] == text and got["title"] == "Storm closes the port"
          and got["outlet"] == "Test Wire" and got["published"] == "2026-11-20",
          "stored text and metadata come back")
    check(count(api) == n0 + 1, "health counts the new document")
    st, _, obj = api.json("POST", "/api/documents", text.encode(), "text/plain")
    check(st == 201 and obj["documents"][0] == dict(d, added=False) or
          (obj["documents"][0]["id"] == d["id"] and obj["documents"][0]["added"] is False),
          "same text again: added false, same id")

    body = json.dumps({"text": "The council voted 7 to 2 to close the bridge "
                               "for repairs, the mayor said on Monday.",
                       "title": "Bridge closed", "outlet": "City Post",
                       "published": "2026-11", "url": "https://example.org/b"})
    st, _, obj = api.json("POST", "/api/documents", body.encode(), "application/json")
    check(st == 201 and obj["documents"][0]["added"], "application/json added")
    jid = obj["documents"][0]["id"]
    got = api.json("GET", "/api/documents/%d" % jid)[2]
    check(got["url"] == "https://example.org/b" and got["published"] == "2026-11",
          "JSON metadata kept")

    st, _, obj = api.json("GET", "/api/documents?q=flood+valley&limit=10")
    check(st == 200 and obj["documents"] == [], "nothing about the flood yet")
    lines = "\n".join(json.dumps({"text": "Report number %d about the flood "
                                          "in the valley, where %d homes were "
                                          "damaged." % (i, i * 10),
                                  "outlet": "Line %d" % i}) for i in range(3))
    st, _, obj = api.json("POST", "/api/documents", (lines + "\n\n").encode(),
                          "application/x-ndjson")
    check(st == 201 and len(obj["documents"]) == 3, "JSON Lines: three added")
    lid = [x["id"] for x in obj["documents"]]
    found = [x["id"] for x in api.json("GET", "/api/documents?q=flood+valley&limit=10")[2]["documents"]]
    check(sorted(found) == sorted(lid), "search sees the new documents: %s %s" % (found, lid))

    html = (b"<!doctype html><html><head><title>Quake shakes the coast</title>"
            b"<script>alert(1)</script></head><body><nav>Home | World</nav>"
            b"<article><h1>Quake shakes the coast</h1><p>A magnitude 5.1 "
            b"earthquake struck the coast on Sunday, the seismology office "
            b"said. No injuries were reported.</p><p>Residents said the "
            b"shaking lasted ten seconds.</p></article></body></html>")
    st, _, obj = api.json("POST", "/api/documents?outlet=Quake%20News", html,
                          "text/html; charset=utf-8")
    check(st == 201 and obj["documents"][0]["added"], "text/html added: %s" % obj)
    hid = obj["documents"][0]["id"]
    got = api.json("GET", "/api/documents/%d" % hid)[2]
    check(got and "<script>" not in got["text"] and "alert" not in got["text"],
          "no script from the page in the stored text")

    # the cached dossier of all documents follows the changes
    all_before = json.loads(api.dossier(0)[2])
    n = count(api)
    check(len(all_before["documents"]) == n, "story 0 holds every document")

    # rejections: nothing is stored
    n = count(api)
    expect_error(api, 400, "POST", "/api/documents", b"", "text/plain", what="empty body")
    expect_error(api, 400, "POST", "/api/documents", b"  \n\t ", "text/plain",
                 what="blank body")
    expect_error(api, 400, "POST", "/api/documents", b'{"text": "unclosed',
                 "application/json", what="malformed JSON")
    expect_error(api, 400, "POST", "/api/documents", b"[1, 2]", "application/json",
                 what="JSON not an object")
    expect_error(api, 400, "POST", "/api/documents", b'{"title": "no text"}',
                 "application/json", what="JSON without text")
    expect_error(api, 400, "POST", "/api/documents", b'{"text": 5}',
                 "application/json", what="text not a string")
    expect_error(api, 400, "POST", "/api/documents", b'{"text": "some words here", "title": 3}',
                 "application/json", what="title not a string")
    expect_error(api, 400, "POST", "/api/documents",
                 b'{"text": "some words here", "text": "twice"}',
                 "application/json", what="duplicate key")
    e = expect_error(api, 400, "POST", "/api/documents",
                     json.dumps({"text": "words of a report", "published": "13/02/2026"}).encode(),
                     "application/json", what="bad date in JSON")
    check(e and "published" in e["error"], "bad date named: %s" % e)
    expect_error(api, 400, "POST", "/api/documents?published=yesterday",
                 b"Words of a report.", "text/plain", what="bad date parameter")
    bad_utf8 = "Caf\u00e9 society met on Monday. ".encode() + b"\xc3\x28 broken \xff"
    e = expect_error(api, 400, "POST", "/api/documents", bad_utf8, "text/plain",
                     what="invalid UTF-8 text")
    check(e and "UTF-8" in e["error"], "invalid UTF-8 named: %s" % e)
    expect_error(api, 400, "POST", "/api/documents",
                 b'{"text": "caf\xc3\x28 broken"}', "application/json",
                 what="invalid UTF-8 in JSON")
    expect_error(api, 400, "POST", "/api/documents", b"nul\x00 inside the text",
                 "text/plain", what="NUL in text")
    e = expect_error(api, 400, "POST", "/api/documents",
                     (json.dumps({"text": "a fine first line of text"}) + "\n{oops\n").encode(),
                     "application/x-ndjson", what="bad second JSON line")
    check(e and "line 2" in e["error"], "the bad line is named: %s" % e)
    expect_error(api, 400, "POST", "/api/documents", b"\n\n", "application/jsonl",
                 what="JSON Lines without documents")
    expect_error(api, 415, "POST", "/api/documents", b"<x/>", "application/xml",
                 what="XML")
    expect_error(api, 415, "POST", "/api/documents", b"text", None, what="no type")
    expect_error(api, 415, "POST", "/api/documents", b"text", "multipart/form-data; boundary=x",
                 what="form upload")
    check(count(api) == n, "rejected uploads store nothing")

    # delete
    st, _, data = api.request("DELETE", "/api/documents/%d" % lid[1])
    check(st == 204 and data == b"", "delete: 204 without a body")
    expect_error(api, 404, "GET", "/api/documents/%d" % lid[1], what="deleted document")
    expect_error(api, 404, "DELETE", "/api/documents/%d" % lid[1], what="delete twice")
    expect_error(api, 404, "DELETE", "/api/documents/999999", what="delete unknown")
    expect_error(api, 404, "DELETE", "/api/documents/x", what="delete not a number")
    check(count(api) == n - 1, "count after delete")
    st, _, obj = api.json("GET", "/api/documents?q=flood+valley&limit=10")
    check(lid[1] not in [x["id"] for x in obj["documents"]] and lid[0] in
          [x["id"] for x in obj["documents"]], "a remembered search follows the delete")
    all_after = json.loads(api.dossier(0)[2])
    check(len(all_after["documents"]) == n - 1, "dossier cache follows the delete")
    ids = [x["id"] for x in api.json("GET", "/api/documents?limit=1000")[2]["documents"]]
    check(lid[1] not in ids and lid[0] in ids, "the list follows the delete")


def test_hostile(api, max_body, timeout):
    # a body far over the limit, announced: 413 as soon as the headers are
    # in, before any of it is read
    auth = "Authorization: Bearer %s\r\n" % api.token if api.token else ""
    line = api.raw(("POST /api/documents HTTP/1.1\r\nHost: x\r\n"
                    "Content-Type: text/plain\r\nContent-Length: %d\r\n%s\r\n"
                    % (40 * 1024 * 1024, auth)).encode() + b"a" * 4096)
    check(" 413 " in line, "40 MB body: 413 (%s)" % line)
    api.alive("a 40 MB body")

    # over the limit without a length (chunked): counted, then 413
    def chunks():
        piece = b"b" * 65536
        for _ in range(max_body // len(piece) + 4):
            yield piece
    st, _, obj = api.json("POST", "/api/documents", chunks(), "text/plain",
                          headers={"Transfer-Encoding": "chunked"}, chunked=True)
    check(st == 413 and is_error(obj), "chunked body over the limit: 413 (%s)" % st)
    api.alive("a chunked body over the limit")
    line = api.raw(("POST /api/documents HTTP/1.1\r\nHost: x\r\n"
                    "Content-Type: text/plain\r\nContent-Length: %d\r\n%s\r\n"
                    % (max_body + 1, auth)).encode())
    check(" 413 " in line, "one byte over the limit: 413 (%s)" % line)
    # exactly the limit is read (and then refused by the UTF-8 check, which
    # is quicker than analysing a megabyte of text)
    st, _, obj = api.json("POST", "/api/documents", (b"word " * (max_body // 5 + 1))[:max_body - 5] + b"\xff\xfe\xfd\xfc\xfb",
                          "text/plain")
    check(st == 400 and "UTF-8" in obj.get("error", ""),
          "a body of exactly the limit is read (%s %s)" % (st, obj))

    # path traversal: only the built-in files, never the file system
    for path in ("/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
                 "/api/../../etc/passwd", "/api/documents/..%2f..%2fetc%2fpasswd",
                 "//etc/passwd", "/index.html/../../etc/passwd", "/.%2e/",
                 "/..\\..\\etc\\passwd", "/api/%2e%2e/%2e%2e/etc/passwd"):
        line = api.raw(("GET %s HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n"
                        % (path, auth)).encode())
        check(" 404 " in line or " 400 " in line, "traversal %s: %s" % (path, line))
    st, _, data = api.request("GET", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd")
    check(b"root:" not in data, "no /etc/passwd")
    api.alive("traversal attempts")

    # garbage on the wire
    for junk in (b"\x00\xff\xfe garbage\r\n\r\n", b"GET\r\n\r\n",
                 b"GET / HTTP/9.9\r\n\r\n", b"GET /api/health HTTP/1.1\r\n" + b"X: " + b"y" * 100000 + b"\r\n\r\n"):
        api.raw(junk, read=False)
    api.alive("garbage requests")

    # a slow client holds a connection; others are served meanwhile, and it
    # is dropped after the time limit
    slow = socket.create_connection((api.host, api.port), timeout=timeout + 10)
    slow.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
    t0 = time.time()
    for _ in range(5):
        st, _, _ = api.request("GET", "/api/health")
        check(st == 200, "served while a slow client waits")
    closed = False
    try:
        closed = slow.recv(4096) == b"" or True
    except OSError:
        closed = True
    waited = time.time() - t0
    check(closed and waited < timeout + 8, "slow client dropped after about %d s (%.1f s)" % (timeout, waited))
    slow.close()
    api.alive("a slow client")

    # many connections at once: each is served, told 503, or refused
    results = []
    lock = threading.Lock()
    barrier = threading.Barrier(200)

    def one():
        try:
            s = socket.create_connection((api.host, api.port), timeout=30)
        except OSError:
            with lock:
                results.append("refused")
            return
        try:
            barrier.wait(timeout=30)
        except threading.BrokenBarrierError:
            pass
        try:
            auth = "Authorization: Bearer %s\r\n" % api.token if api.token else ""
            s.sendall(("GET /api/stories HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n" % auth).encode())
            data = b""
            while True:
                got = s.recv(65536)
                if not got:
                    break
                data += got
            line = data.split(b"\r\n", 1)[0]
            code = line.split(b" ")[1].decode() if b" " in line else "closed"
        except OSError:
            code = "reset"
        finally:
            s.close()
        with lock:
            results.append(code)

    threads = [threading.Thread(target=one) for _ in range(200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    served = results.count("200")
    check(len(results) == 200, "200 clients finished")
    check(served > 0, "some of 200 concurrent clients served (%d)" % served)
    check(all(r in ("200", "503", "closed", "reset", "refused") for r in results),
          "each of 200 clients: 200, 503 or closed: %s" % sorted(set(results)))
    api.alive("200 concurrent connections")


def main():
    args = sys.argv[1:]
    if len(args) < 3:
        print(__doc__)
        return 2
    base, token, seeds = args[:3]
    timeout, max_body = 3, 1024 * 1024
    if "--timeout" in args:
        timeout = int(args[args.index("--timeout") + 1])
    if "--max-body" in args:
        max_body = int(args[args.index("--max-body") + 1])
    api = Api(base, token)
    test_headers(api)
    test_auth(api)
    test_read(api)
    test_write(api, seeds)
    test_hostile(api, max_body, timeout)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
