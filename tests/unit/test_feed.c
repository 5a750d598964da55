/*
 * test_feed.c: RSS and Atom feeds read through xc_read.  Each item one
 * document with the item's metadata; the feed's title the outlet when the
 * item names none; dates from RFC 822 and ISO 8601; and hostile feeds: an
 * entity-expansion bomb (refused fast), an external entity (never read),
 * nesting 10,000 deep (refused), undefined entities (recovered, warned),
 * XML that is no feed, a feed without items, an item without text.
 */
#include "harness.h"
#include "collect.h"

#include <time.h>

static char dir[] = "/tmp/xc-feed-XXXXXX";
static collect c;

/* Write TEXT as file NAME and read it into c. */
static xc_code read_feed(const char *name, const char *text)
{
    char path[256];
    if (collect_write(dir, name, text, strlen(text), path, sizeof path) != 0)
        return XC_ERR_IO;
    return collect_read(&c, path, NULL);
}

static const char *text_of(size_t i)
{
    return i < c.ndocs ? c.docs[i]->text : "";
}

static void test_rss(void)
{
    xc_code rc = read_feed("news.rss",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
        "     xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
        "<channel><title>The Daily Ledger</title><language>en-gb</language>\n"
        "<item><title>  Bridge   closed </title>\n"
        "  <link>https://ledger.example/bridge</link>\n"
        "  <pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>\n"
        "  <author>jane@ledger.example (Jane Doe)</author>\n"
        "  <description>A teaser only.</description>\n"
        "  <content:encoded><![CDATA[<p>The council closed the bridge on Monday.</p>"
        "<p>Repairs start in May.</p>]]></content:encoded></item>\n"
        "<item><title>Mayor resigns</title>\n"
        "  <guid>https://ledger.example/mayor</guid>\n"
        "  <pubDate>4 Jul 99 12:00 EST</pubDate>\n"
        "  <dc:creator>Tom Ray</dc:creator>\n"
        "  <source url=\"https://wire.example/rss\">Wire Service</source>\n"
        "  <description>&lt;p&gt;The mayor resigned &amp;amp; left town.&lt;/p&gt;</description></item>\n"
        "</channel></rss>\n");
    CHECK(rc == XC_OK);
    CHECK(c.ndocs == 2);
    if (c.ndocs != 2) {
        collect_print(&c);
        return;
    }
    CHECK(strstr(c.docs[0]->source, "news.rss#item-1") != NULL);
    CHECK_STR(c.docs[0]->title, "Bridge closed");
    CHECK_STR(c.docs[0]->url, "https://ledger.example/bridge");
    CHECK_STR(c.docs[0]->published, "2003-06-10");
    CHECK_STR(c.docs[0]->authors, "Jane Doe");
    CHECK_STR(c.docs[0]->outlet, "The Daily Ledger");
    CHECK_STR(c.docs[0]->language, "en-gb");
    CHECK(strstr(text_of(0), "closed the bridge on Monday.") != NULL);
    CHECK(strstr(text_of(0), "Repairs start in May.") != NULL);
    CHECK(strstr(text_of(0), "teaser") == NULL); /* content:encoded preferred */
    CHECK(strstr(text_of(0), "<p>") == NULL);
    CHECK_STR(c.docs[1]->url, "https://ledger.example/mayor"); /* from the guid */
    CHECK_STR(c.docs[1]->published, "1999-07-04");
    CHECK_STR(c.docs[1]->authors, "Tom Ray");
    CHECK_STR(c.docs[1]->outlet, "Wire Service"); /* the item's own source */
    CHECK(strstr(text_of(1), "The mayor resigned & left town.") != NULL);
    CHECK(c.docs[0]->hash != 0 && c.docs[0]->hash != c.docs[1]->hash);
}

static void test_atom(void)
{
    xc_code rc = read_feed("courier.atom",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\">\n"
        "<title type=\"text\">Valley Courier</title>\n"
        "<entry><title type=\"html\">Flood &lt;b&gt;warning&lt;/b&gt; lifted</title>\n"
        "  <link rel=\"self\" href=\"https://courier.example/feed/1\"/>\n"
        "  <link rel=\"alternate\" type=\"text/html\" href=\"https://courier.example/flood\"/>\n"
        "  <updated>2026-11-20T10:00:00Z</updated>\n"
        "  <published>2026-11-19T10:00:00+01:00</published>\n"
        "  <author><name>Eva Berg</name></author><author><name>Li Wen</name></author>\n"
        "  <content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
        "<p>The flood warning was lifted on <b>Wednesday</b>.</p></div></content></entry>\n"
        "<entry xml:base=\"https://courier.example/news/\"><title>Plain entry</title>"
        "<link href=\"plain\"/>\n"
        "  <updated>2026-11-21</updated>\n"
        "  <summary>Only a summary, in plain text: 3 &lt; 4.</summary></entry>\n"
        "</feed>\n");
    CHECK(rc == XC_OK);
    CHECK(c.ndocs == 2);
    if (c.ndocs != 2) {
        collect_print(&c);
        return;
    }
    CHECK(strstr(c.docs[0]->source, "courier.atom#item-1") != NULL);
    CHECK_STR(c.docs[0]->title, "Flood warning lifted");
    CHECK_STR(c.docs[0]->url, "https://courier.example/flood");
    CHECK_STR(c.docs[0]->published, "2026-11-19"); /* published before updated */
    CHECK_STR(c.docs[0]->authors, "Eva Berg; Li Wen");
    CHECK_STR(c.docs[0]->outlet, "Valley Courier");
    CHECK_STR(c.docs[0]->language, "de");
    CHECK(strstr(text_of(0), "The flood warning was lifted on Wednesday.") != NULL);
    CHECK_STR(c.docs[1]->url, "https://courier.example/news/plain"); /* xml:base */
    CHECK_STR(c.docs[1]->published, "2026-11-21");
    CHECK(strstr(text_of(1), "Only a summary, in plain text: 3 < 4.") != NULL);
}

static void test_rss1(void)
{
    xc_code rc = read_feed("rdf.xml",
        "<?xml version=\"1.0\"?>\n"
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
        "  xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
        "<channel rdf:about=\"https://old.example/\"><title>Old Wire</title></channel>\n"
        "<item rdf:about=\"https://old.example/1\"><title>Storm hits coast</title>\n"
        "  <link>https://old.example/1</link><dc:date>2004-02-03T08:00:00Z</dc:date>\n"
        "  <description>A storm hit the coast overnight, officials said.</description></item>\n"
        "</rdf:RDF>\n");
    CHECK(rc == XC_OK);
    CHECK(c.ndocs == 1);
    if (c.ndocs == 1) {
        CHECK_STR(c.docs[0]->title, "Storm hits coast");
        CHECK_STR(c.docs[0]->published, "2004-02-03");
        CHECK_STR(c.docs[0]->outlet, "Old Wire");
        CHECK(strstr(text_of(0), "A storm hit the coast") != NULL);
    }
}

static void test_sniff(void)
{
    xc_doc *doc = NULL;
    xc_error err;
    const char *feed = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
                       "<title>T</title><item><title>x</title><description>Sniffed "
                       "by content, not by name.</description></item></channel></rss>\n";
    CHECK(read_feed("no-extension", feed) == XC_OK);
    CHECK(c.ndocs == 1);
    CHECK(xc_doc_from_bytes("x.rss", feed, strlen(feed), NULL, &doc, &err) == XC_ERR_ARG);
    CHECK(doc == NULL);
    CHECK(strstr(err.msg, "feeds hold many documents") != NULL);
}

static void test_item_problems(void)
{
    xc_code rc = read_feed("gaps.rss",
        "<rss version=\"2.0\"><channel><title>Gaps</title>\n"
        "<item><title>Fine</title><description>This item has text.</description></item>\n"
        "<item><title>Empty</title><description>   </description></item>\n"
        "<item><title>None</title></item>\n"
        "<item><title>Also fine</title><description>More text here.</description></item>\n"
        "</channel></rss>\n");
    CHECK(rc == XC_ERR_EMPTY);
    CHECK(c.ndocs == 2);
    CHECK(c.nerrors == 2);
    CHECK(collect_said(&c, "gaps.rss#item-2: the item has no text"));
    CHECK(collect_said(&c, "gaps.rss#item-3: the item has no text"));
    CHECK(read_feed("empty.rss", "<rss version=\"2.0\"><channel><title>E</title></channel></rss>") != XC_OK);
    CHECK(collect_said(&c, "the feed has no items"));
    CHECK(read_feed("catalog.xml", "<?xml version=\"1.0\"?><catalog><b>x</b></catalog>") == XC_ERR_PARSE);
    CHECK(c.ndocs == 0 && collect_said(&c, "XML, but not an RSS or Atom feed"));
    CHECK(read_feed("junk.xml", "this is not XML at all") == XC_ERR_PARSE);
    CHECK(c.ndocs == 0 && collect_said(&c, "not XML that can be read"));
}

static void test_bomb(void)
{
    char feed[4096];
    size_t n = 0;
    const char *prev = "a";
    static const char *const names[] = {"b", "c", "d", "e", "f", "g", "h", "i", "j", "k"};
    struct timespec t0, t1;
    double secs;
    n += (size_t)snprintf(feed + n, sizeof feed - n,
                          "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY a \"%s\">\n",
                          "lollollollollollollollollollollollollollol");
    for (size_t k = 0; k < 10; k++) {
        n += (size_t)snprintf(feed + n, sizeof feed - n, "<!ENTITY %s \"", names[k]);
        for (int j = 0; j < 10; j++)
            n += (size_t)snprintf(feed + n, sizeof feed - n, "&%s;", prev);
        n += (size_t)snprintf(feed + n, sizeof feed - n, "\">\n");
        prev = names[k];
    }
    snprintf(feed + n, sizeof feed - n,
             "]>\n<rss version=\"2.0\"><channel><title>B</title><item><title>x</title>"
             "<description>&k;</description></item></channel></rss>\n");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK(read_feed("bomb.rss", feed) == XC_ERR_PARSE);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    CHECK(c.ndocs == 0);
    CHECK(c.nerrors == 1);
    CHECK(collect_said(&c, "entity-expansion bomb"));
    CHECK_MSG(secs < 5, "the bomb took %.1f s", secs);
}

static void test_external_entity(void)
{
    CHECK(read_feed("xxe.rss",
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">"
        "<!ENTITY y SYSTEM \"http://127.0.0.1:1/never\">]>\n"
        "<rss version=\"2.0\"><channel><title>X &x;</title><item><title>t &x;</title>"
        "<description>before &x;&y; after the entity</description></item></channel></rss>\n")
          == XC_OK);
    CHECK(c.ndocs == 1);
    if (c.ndocs == 1) {
        CHECK(strstr(text_of(0), "before") != NULL);
        CHECK(strstr(text_of(0), "after the entity") != NULL);
        CHECK(strstr(text_of(0), "root:") == NULL);
        CHECK(strstr(c.docs[0]->title, "root") == NULL);
    }
}

static void test_deep(void)
{
    size_t depth = 10000, n = 0, cap = depth * 8 + 256;
    char *feed = malloc(cap);
    if (!feed) {
        CHECK(0);
        return;
    }
    n += (size_t)snprintf(feed, cap, "<rss><channel><title>D</title><item><title>a</title><description>");
    for (size_t i = 0; i < depth; i++)
        n += (size_t)snprintf(feed + n, cap - n, "<d>");
    snprintf(feed + n, cap - n, "deep</description></item></channel></rss>");
    CHECK(read_feed("deep.xml", feed) == XC_ERR_PARSE);
    CHECK(c.ndocs == 0);
    CHECK(collect_said(&c, "nested more than 256 deep"));
    free(feed);
}

static void test_recovered(void)
{
    CHECK(read_feed("nbsp.rss",
        "<rss version=\"2.0\"><channel><title>N</title><item><title>A&nbsp;title</title>"
        "<description>Text with an undefined&nbsp;entity, read all the same.</description>"
        "</item></channel></rss>") == XC_OK);
    CHECK(c.ndocs == 1);
    CHECK(collect_said(&c, "warning: "));
    CHECK(collect_said(&c, "not well-formed XML"));
    CHECK(strstr(text_of(0), "read all the same") != NULL);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(test_rss);
    RUN(test_atom);
    RUN(test_rss1);
    RUN(test_sniff);
    RUN(test_item_problems);
    RUN(test_bomb);
    RUN(test_external_entity);
    RUN(test_deep);
    RUN(test_recovered);
    collect_free(&c);
    {
        char cmd[128];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", dir);
    }
    DONE();
}
