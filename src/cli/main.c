/*
 * main.c: the crosscheck command.  Git-style subcommands over the public
 * library API (include/crosscheck.h) and nothing else.  Exit codes: 0
 * success, 1 some inputs rejected or a runtime failure (the rest
 * processed), 2 usage error.  Every error goes to stderr as
 * "crosscheck: WHAT: what is wrong".
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *help;
} command;

static const command *find_command(const char *name);

int print_help(const char *cmd)
{
    const command *c = find_command(cmd);
    if (!c)
        return usage_error(NULL, "no such command: %s", cmd);
    fputs(c->help, stdout);
    return 0;
}

static int cmd_help(int argc, char **argv);

static const command commands[] = {
    {"report", xc_cli_report, "build a dossier from files, or from the database",
     "usage: crosscheck report [--json|--markdown|--html] [--with-text] [-o FILE]\n"
     "                         [--published DATE] [--outlet NAME] FILE|DIR|-...\n"
     "       crosscheck report --db PATH [--json|--markdown|--html] [STORY]\n\n"
     "Read the reports and write their dossier: the story, the reports with their\n"
     "outlets and dates, and the page furniture set aside. No database is needed.\n"
     "With --db, report on a story of the database (s1 or 1; all documents when no\n"
     "story is given).\n\n"
     "  --json            the dossier as JSON (format crosscheck-dossier/1)\n"
     "  --markdown        the dossier for people (the default): conflicts first,\n"
     "                    then agreed facts, single-source facts, people,\n"
     "                    quotations, timeline, reports\n"
     "  --html            the same as one self-contained HTML file (no script,\n"
     "                    nothing fetched; opens offline, prints well)\n"
     "  --with-text       embed each document's text in the JSON\n"
     "  --debug           explain in the JSON why names were merged into one\n"
     "                    entity (a \"why\" list on each entity)\n"
     "  -o, --output FILE write to FILE (replaced whole, never half-written); without\n"
     "                    a format option, FILE.html is HTML, FILE.json JSON\n"
     "  --db PATH         read the documents from this database\n"
     "  --all             sort the reports into the stories they tell (the\n"
     "                    dossier's stories); without it they form one story\n"
     READ_HELP "\n" INPUT_HELP
     "\nExit status: 0 success, 1 some inputs rejected (the rest reported), 2 usage.\n"},
    {"analyze", xc_cli_analyze, "the per-document analysis as JSON Lines",
     "usage: crosscheck analyze [--count] [--published DATE] [--outlet NAME] FILE|DIR|-...\n\n"
     "Run only the per-document stages (sentences, entities, quotations, times,\n"
     "quantities) and write one JSON object per document: its id, source, and its\n"
     "entities, quotes, times and quantities in the dossier's shapes. Documents\n"
     "stream through one at a time, so a JSON Lines input of any size works.\n\n"
     "  --count           print only the totals (documents, tokens, sentences,\n"
     "                    entities, quotes, times, quantities, seconds)\n"
     READ_HELP "\n" INPUT_HELP},
    {"add", xc_cli_add, "store documents in the database",
     "usage: crosscheck add [--db PATH] [-j N] [--batch N] [-v|-q] FILE|DIR|-...\n\n"
     "Store the documents in the database (default ./crosscheck.db, or\n"
     "$CROSSCHECK_DB), with their near-copies and stories. A document whose text is\n"
     "stored already is not added or analysed again. The analysis runs on N threads;\n"
     "documents are stored in the order read, so any N gives the same numbers and\n"
     "stories, and memory stays bounded whatever the number of inputs. On a terminal\n"
     "a progress line shows documents, megabytes, speed and the time left.\n\n"
     "Documents are committed in batches: an interruption loses at most the batch\n"
     "being written, never half a document. Ctrl-C (SIGINT) or SIGTERM stops the\n"
     "reading and commits what was analysed; run the same command again to finish\n"
     "(what is stored is skipped quickly).\n\n"
     "  --db PATH         the database\n"
     "  -j, --jobs N      analysis threads (default: the number of processors)\n"
     "  --batch N         documents per transaction (default 500)\n"
     "  -v, --verbose     print each document (added or present, its number, source)\n"
     "                    and, at the end, the time each stage took\n"
     "  -q, --quiet       no progress line and no summary\n"
     READ_HELP "\n" INPUT_HELP
     "\nExit status: 0 success, 1 some inputs rejected or the database failed, 2 usage,\n"
     "130 interrupted by SIGINT, 143 by SIGTERM.\n"},
    {"ls", xc_cli_ls, "list the stored documents",
     "usage: crosscheck ls [--db PATH] [--json]\n\n"
     "List the stored documents, oldest first: number, publication date, outlet,\n"
     "headline. With --json, one JSON object per line.\n"},
    {"show", xc_cli_show, "show one stored document",
     "usage: crosscheck show [--db PATH] [--text|--json] DOC\n\n"
     "Show document number DOC (see 'crosscheck ls'): its metadata and the page\n"
     "furniture spans. With --text, print its text byte for byte: the text every\n"
     "offset in a dossier refers to.\n"},
    {"search", xc_cli_search, "full-text search of the stored documents",
     "usage: crosscheck search [--db PATH] [--json] [-n|--limit N] WORD...\n\n"
     "Find the stored documents that contain all the words (accents and case\n"
     "ignored), best first by BM25, each with a snippet where the matches are\n"
     "marked [like this]. Default limit 20.\n"},
    {"stories", xc_cli_stories, "list the stories in the database",
     "usage: crosscheck stories [--db PATH] [--json] [--copies]\n\n"
     "List the stories: their number, how many documents, their date range, the\n"
     "headline and the outlets. Documents are sorted into stories as they are added\n"
     "(content words, names and dates they share); a near-copy joins its original's.\n"
     "Give the number to 'crosscheck report --db PATH STORY'.\n\n"
     "  --json            one JSON object per line\n"
     "  --copies          list the near-copies instead: which document repeats\n"
     "                    which (syndicated wire copy, one article on two sites),\n"
     "                    with the estimated resemblance\n"},
    {"explain", xc_cli_explain, "why names were merged into one entity (or not)",
     "usage: crosscheck explain [--json] ENTITY [--published DATE] [--outlet NAME] FILE|DIR|-...\n"
     "       crosscheck explain [--json] --db PATH ENTITY [STORY]\n\n"
     "Build the dossier of the reports (as 'crosscheck report' does) and explain one\n"
     "of its entities, given by its id (e3) or by any spelling (case and accents\n"
     "ignored: pashinian finds Nikol Pashinyan): its name and type, every spelling\n"
     "with the report and byte offsets where it was seen, the titles that stand for\n"
     "it (\"the Azerbaijani president\"), its roles, every reason for a merge, and\n"
     "the names of the story that are alike but were kept apart, with why.\n\n"
     "  --json            one JSON object instead of text\n"
     "  --db PATH         read the documents from this database\n"
     READ_HELP
     "\nExit status: 0 found, 1 no such entity (the closest names are suggested) or\n"
     "inputs rejected, 2 usage.\n"},
    {"tag", xc_cli_tag, "tag names in CoNLL-format tokens (for measuring)",
     "usage: crosscheck tag --conll [--model PATH] [FILE|-]\n\n"
     "Read CoNLL-2003 lines (the token in the first column, a blank line between\n"
     "sentences, -DOCSTART- between documents) and write each line with one more\n"
     "column: the predicted entity tag in IOB2 (PER, ORG, LOC, MISC). This is how\n"
     "the tagger's accuracy is measured on public data (bench/ner.sh).\n"},
    {"text", xc_cli_text, "print a document's text as crosscheck sees it",
     "usage: crosscheck text [--json] [--format FMT] [--max-bytes N] FILE|DIR|URL|-...\n\n"
     "Print the text of each document exactly as crosscheck sees it: the text every\n"
     "offset in a dossier refers to. For an HTML page that is the article alone\n"
     "(navigation, comments, related links and the like left out), paragraphs\n"
     "separated by blank lines, headings as paragraphs, list items one per line.\n"
     "One document is printed byte for byte. When the inputs hold several\n"
     "(a directory, JSON Lines, several arguments), each is preceded by a line\n"
     "\"==> SOURCE <==\", ends with a newline, and a blank line separates them.\n\n"
     "  --json            one JSON object per line and document: source, title,\n"
     "                    outlet, authors, published, modified, language, url,\n"
     "                    encoding, bytes, boilerplate (the page furniture spans,\n"
     "                    {start,end} byte offsets into the text) and text\n"
     READ_HELP "\n" INPUT_HELP
     "\nExit status: 0 success, 1 some inputs rejected (the rest printed), 2 usage.\n"},
    {"serve", xc_cli_serve, "the web page and JSON API on a local port",
     "usage: crosscheck serve [--db PATH] [--listen ADDR:PORT] [--token TOKEN]\n"
     "                        [--max-body SIZE] [--max-connections N] [--timeout S]\n"
     "                        [--threads N]\n\n"
     "Serve the database over HTTP: the web page at / and the JSON API under /api/\n"
     "(docs/api.md): stories and their dossiers, documents, search, adding and\n"
     "deleting documents. Ctrl-C (or SIGTERM) stops it.\n\n"
     "  --db PATH            the database (created when missing)\n"
     "  --listen ADDR:PORT   where to listen (default 127.0.0.1:8080; port 0: any\n"
     "                       free port). Any address but loopback needs a token\n"
     "  --token TOKEN        every /api request must send 'Authorization: Bearer\n"
     "                       TOKEN' (default: $CROSSCHECK_TOKEN)\n"
     "  --max-body SIZE      largest request body (default 32M); larger: 413\n"
     "  --max-connections N  connections served at once (default 64); more: 503\n"
     "  --timeout S          seconds a connection may idle and a request may take\n"
     "                       (default 30)\n"
     "  --threads N          request threads (default: one per core)\n"
     "\nExit status: 0 after a signal, 1 the database or the address failed, 2 usage.\n"},
    {"help", cmd_help, "show the help of a command",
     "usage: crosscheck help [COMMAND]\n"},
    {NULL, NULL, NULL, NULL}};

static const command *find_command(const char *name)
{
    for (const command *c = commands; name && c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static void main_help(FILE *out)
{
    fputs("usage: crosscheck [--version] [--help] COMMAND [ARGS]\n\n"
          "crosscheck reads many news reports of the same story and tells where they\n"
          "agree, where they conflict and what rests on a single source, with the exact\n"
          "source sentence behind every statement.\n\nCommands:\n", out);
    for (const command *c = commands; c->name; c++)
        fprintf(out, "  %-9s %s\n", c->name, c->summary);
    fputs("\nEnvironment: CROSSCHECK_DB is the database when --db is not given\n"
          "(default ./crosscheck.db).\n"
          "Run 'crosscheck help COMMAND' for a command's options. See man crosscheck.\n",
          out);
}

static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        main_help(stdout);
        return 0;
    }
    return print_help(argv[1]);
}

int main(int argc, char **argv)
{
    const command *c;
    if (argc < 2) {
        main_help(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("crosscheck %s\n", xc_version());
        return 0;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        main_help(stdout);
        return 0;
    }
    if (!(c = find_command(argv[1])))
        return usage_error(NULL, "'%s' is not a command", argv[1]);
    optind = 1;
    opterr = 0;
    return c->run(argc - 1, argv + 1);
}

