# Audition — the two commands: `make run` and `make test`.
# Meson + Ninja do the building; this file only names the steps.

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
BIN        := $(BUILD)/audition
export DATABASE_URL ?= sqlite://data/audition.db

# npm packages, installed from the committed package-lock.json files (then the
# build and the tests need no network): Swagger UI for /docs/, newman for the
# Postman collection.
SWAGGER_UI := docs/ui/node_modules/swagger-ui-dist/package.json
NEWMAN     := postman/node_modules/newman/package.json

.PHONY: all build web asan fuzz deps npm run test torture unit bench clean help install

# `make install`: PREFIX (default /usr/local) and DESTDIR (staging root) as usual.
PREFIX  ?= /usr/local
DESTDIR ?=
WEB_DIR ?= web/dist

all: build

deps:
	@scripts/install-deps

$(SWAGGER_UI): docs/ui/package-lock.json
	npm ci --prefix docs/ui --no-audit --no-fund --loglevel=error
	@touch $@

$(NEWMAN): postman/package-lock.json
	npm ci --prefix postman --no-audit --no-fund --loglevel=error
	@touch $@

npm: $(SWAGGER_UI) $(NEWMAN)

$(BUILD)/build.ninja: | $(SWAGGER_UI)
	meson setup $(BUILD) --buildtype=debugoptimized

$(ASAN_BUILD)/build.ninja: | $(SWAGGER_UI)
	meson setup $(ASAN_BUILD) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

# The libFuzzer harnesses (tests/fuzz): clang, ASan + UBSan, core instrumented.
$(FUZZ_BUILD)/build.ninja:
	CC=clang-14 meson setup $(FUZZ_BUILD) --buildtype=debugoptimized -Dfuzz=true \
	  -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link

build: $(SWAGGER_UI) $(BUILD)/build.ninja web
	ninja -C $(BUILD)

# The web app (React + Vite) into web/dist, served by the server under /app/.
web:
	@scripts/build-web

asan: $(SWAGGER_UI) $(ASAN_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD)

fuzz: $(FUZZ_BUILD)/build.ninja
	ninja -C $(FUZZ_BUILD)

# Installs what is missing, builds, seeds data/audition.db on first run, serves.
run: deps build
	@scripts/run-demo $(BIN)

# The whole suite: unit tests, black-box API tests on SQLite and PostgreSQL,
# the same black-box tests against the sanitizer build, Postman, a short fuzzing run,
# the web app's Vitest tests and its end-to-end tests in Debian's Chromium.
test: deps build asan fuzz $(NEWMAN)
	@scripts/run-tests

# The long versions (docs/reliability.md): each fuzzer for 5 minutes, then the
# reliability tests (abuse, kill/restart, faults) at their torture sizes.
torture: deps build asan fuzz
	@AUDITION_FUZZ_SECONDS=$${AUDITION_FUZZ_SECONDS:-300} AUDITION_TORTURE=1 \
	  AUDITION_RUNNERS="$${AUDITION_RUNNERS:-fuzz torture}" scripts/run-tests

# The benchmark against nginx's ceiling (several minutes; not part of test).
bench: deps build
	@bench/run.py

unit: build
	meson test -C $(BUILD) --print-errorlogs

# Binary, man page, docs, systemd unit and haproxy example; web assets when
# the repository has them ($(WEB_DIR)/ -> share/audition/web).
install: build
	install -D -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/audition
	install -D -m 0644 deploy/audition.1 $(DESTDIR)$(PREFIX)/share/man/man1/audition.1
	install -d $(DESTDIR)$(PREFIX)/share/doc/audition $(DESTDIR)$(PREFIX)/share/audition
	install -m 0644 README.md docs/*.md $(DESTDIR)$(PREFIX)/share/doc/audition/
	install -m 0644 deploy/haproxy.cfg $(DESTDIR)$(PREFIX)/share/audition/haproxy.cfg
	sed 's|/usr/bin/audition|$(PREFIX)/bin/audition|' deploy/audition.service > $(BUILD)/audition.service
	install -D -m 0644 $(BUILD)/audition.service $(DESTDIR)$(PREFIX)/lib/systemd/system/audition.service
	if [ -d $(WEB_DIR) ]; then \
	  install -d $(DESTDIR)$(PREFIX)/share/audition/web && cp -R $(WEB_DIR)/. $(DESTDIR)$(PREFIX)/share/audition/web/; \
	fi

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) web/dist web/test-results

help:
	@echo "make run    build and start the server with demo data; the web app is at http://127.0.0.1:8080/app/"
	@echo "make test   run the whole test suite"
	@echo "make torture  fuzz for minutes and run the long reliability tests"
	@echo "make bench  benchmark against nginx, append to bench/RESULTS.md"
	@echo "make build  build $(BIN)"
	@echo "make clean  remove build directories"
	@echo "make install [PREFIX=/usr/local] [DESTDIR=]  install binary, man page, docs, systemd unit"
