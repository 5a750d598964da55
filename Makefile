# crosscheck: build, test, install.
#
#   make            library (static and shared), the crosscheck binary, tests
#   make demo       install what is missing, build, and run the demo dossier
#   make check      install what is missing, build, run the whole test suite
#   make check-asan the unit and CLI tests under AddressSanitizer + UBSan
#   make install    PREFIX=/usr/local DESTDIR= (binary, library, header,
#                   pkg-config file, man page)

PREFIX    ?= /usr/local
DESTDIR   ?=
BUILD     ?= build
CC        ?= cc
PKGS      := sqlite3 libutf8proc jansson libxml-2.0 libxxhash libcurl libmicrohttpd zlib

VERSION   := $(shell sed -n 's/^\#define XC_VERSION "\(.*\)"/\1/p' include/crosscheck.h)
SOVERSION := 0

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN      := -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion \
             -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla \
             -Wpointer-arith -Wcast-qual -Werror
OPT       ?= -O2 -g
CFLAGS    ?=
CPPFLAGS  += -Iinclude -Isrc -D_GNU_SOURCE -DXC_DATA_DIR='"$(PREFIX)/share/crosscheck"'
ALL_CFLAGS = -std=c11 $(WARN) $(OPT) -fPIC -fvisibility=hidden $(PKG_CFLAGS) $(CFLAGS)
LDLIBS    += $(PKG_LIBS) -lstemmer -lpthread -lm  # libstemmer has no .pc file

LIB_SRC   := $(sort $(wildcard src/*/*.c))
LIB_SRC   := $(filter-out src/cli/%,$(LIB_SRC))
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
TEST_SRC  := $(sort $(wildcard tests/unit/test_*.c))

LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
# The web page is compiled in: tools/embed.c, built with the host compiler,
# turns web/ into $(BUILD)/gen/assets.c (src/serve/assets.h).
HOSTCC    ?= $(CC)
WEB_SRC   := $(sort $(wildcard web/*.html web/*.js web/*.mjs web/*.css web/*.svg))
EMBED     := $(BUILD)/tools/embed
LIB_OBJ   += $(BUILD)/gen/assets.o
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN  := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

STATIC    := $(BUILD)/libcrosscheck.a
SHARED    := $(BUILD)/libcrosscheck.so.$(VERSION)
BIN       := $(BUILD)/crosscheck

.PHONY: all lib tests demo check test check-asan deps install uninstall clean

all: lib $(BIN) tests

lib: $(STATIC) $(SHARED)

tests: $(TEST_BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(EMBED): tools/embed.c
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=c11 $(WARN) -O2 -o $@ $<

# web itself is a prerequisite so that adding or removing a file regenerates
$(BUILD)/gen/assets.c: $(EMBED) $(WEB_SRC) web
	@mkdir -p $(dir $@)
	$(EMBED) $@ $(WEB_SRC)

$(BUILD)/gen/assets.o: $(BUILD)/gen/assets.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(STATIC): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(SHARED): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libcrosscheck.so.$(SOVERSION) $(OPT) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)
	ln -sf libcrosscheck.so.$(VERSION) $(BUILD)/libcrosscheck.so.$(SOVERSION)
	ln -sf libcrosscheck.so.$(VERSION) $(BUILD)/libcrosscheck.so

# The binary links the static library so it runs from the build tree.
$(BIN): $(CLI_OBJ) $(STATIC)
	$(CC) $(OPT) $(CFLAGS) -o $@ $(CLI_OBJ) $(STATIC) $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/unit $(ALL_CFLAGS) -o $@ $< $(STATIC) $(LDFLAGS) $(LDLIBS)

# The benchmark programs (bench/*.c), linked like the tests; each bench/
# script that needs one builds it with 'make $(BUILD)/bench/NAME'.
$(BUILD)/bench/%: bench/%.c $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(STATIC) $(LDFLAGS) $(LDLIBS)

# ---- the README's two commands -------------------------------------------

deps:
	@sh scripts/install-deps.sh

demo: deps
	@$(MAKE) --no-print-directory $(BIN)
	@sh scripts/demo.sh $(BIN)

check test:
	@sh scripts/install-deps.sh --test
	@$(MAKE) --no-print-directory all
	@sh tests/run.sh $(BUILD)

check-asan:
	@sh scripts/install-deps.sh --test
	@$(MAKE) --no-print-directory BUILD=build-asan \
	  OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" all
	@XC_SANITIZED=1 ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	  UBSAN_OPTIONS=print_stacktrace=1 sh tests/run.sh build-asan

# ---- install ---------------------------------------------------------------

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/crosscheck
	install -m 644 $(STATIC) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(SHARED) $(DESTDIR)$(PREFIX)/lib/
	ln -sf libcrosscheck.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libcrosscheck.so.$(SOVERSION)
	ln -sf libcrosscheck.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libcrosscheck.so
	install -m 644 include/crosscheck.h $(DESTDIR)$(PREFIX)/include/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' \
	  -e 's|@REQUIRES@|$(PKGS)|g' crosscheck.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/crosscheck.pc
	install -m 644 man/crosscheck.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -d $(DESTDIR)$(PREFIX)/share/crosscheck
	for f in data/*; do [ -f "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(PREFIX)/share/crosscheck/; done; true

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/crosscheck $(DESTDIR)$(PREFIX)/lib/libcrosscheck.* \
	  $(DESTDIR)$(PREFIX)/include/crosscheck.h $(DESTDIR)$(PREFIX)/lib/pkgconfig/crosscheck.pc \
	  $(DESTDIR)$(PREFIX)/share/man/man1/crosscheck.1
	rm -rf $(DESTDIR)$(PREFIX)/share/crosscheck

clean:
	rm -rf build build-asan

# Further rules (the tagger's model, benchmarks) live beside in mk/.
-include $(sort $(wildcard mk/*.mk))

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
