# nk-timeline: build, serve, test and bench the site.
#
#   make tools   install what the build needs (skips what is present)
#   make dist    build the site into dist/ (index.html and index.ko.html, pkg/, assets, worksheets,
#                an offline file per language;
#                .br and .gz beside each)
#   make serve   build, then serve dist/ on http://127.0.0.1:$(PORT)/
#   make test    fmt, clippy, unit tests, data checks, wasm smoke tests, dist, browser tests
#   make bench   sizes, first paint and frame beside two peers and a floor page, redraws, Lighthouse
#
# Nothing here downloads a browser or binary: Rust crates come from crates.io, node packages from
# npm (wasm-opt is npm's binaryen, never Debian's; terser minifies the JS, lightningcss the CSS),
# chromium from Debian's
# apt.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := dist
.DELETE_ON_ERROR:
.NOTPARALLEL:

PORT ?= 8080
DIST := dist
WASM_TARGET := wasm32-unknown-unknown
WASM_IN := target/$(WASM_TARGET)/release/nk_timeline.wasm
WASM_OUT := $(DIST)/pkg/nk_timeline_bg.wasm
# The wasm-bindgen CLI must match the library version exactly; read it from Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
# Always the npm binaryen in node_modules: Debian's wasm-opt 108 breaks wasm-bindgen's output.
WASM_OPT := node_modules/.bin/wasm-opt
# The JavaScript of the first load is minified in place (ES modules: exports keep their names).
TERSER := node_modules/.bin/terser
TERSER_FLAGS := --module --compress --mangle
# The style sheet is minified by lightningcss (npm lightningcss-cli, its binary from the registry);
# `timeline site` then puts it inline in index.html.
LIGHTNINGCSS := node_modules/.bin/lightningcss
# Features rustc's wasm32 target enables by default (the module's target_features section lists
# them); wasm-opt must be allowed all of them or it rejects the module.
WASM_OPT_FLAGS := -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue
CHROMIUM := /usr/bin/chromium
NODE_STAMP := node_modules/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: tools tools-rust tools-wasm-bindgen tools-node tools-chromium \
        dist serve test test-rust test-wasm test-e2e test-summary lint-wasm bench clean

# ---------------------------------------------------------------------------------------- tools
tools: tools-rust tools-wasm-bindgen tools-node tools-chromium

tools-rust:
	@if rustup target list --installed | grep -qx '$(WASM_TARGET)'; then \
	  echo "tools: rust target $(WASM_TARGET) present"; \
	else \
	  rustup target add $(WASM_TARGET); \
	fi

# Without --locked: one crate the CLI's lock file pins is not in the registry here.
tools-wasm-bindgen:
	@test -n '$(WASM_BINDGEN_VERSION)' || { echo "tools: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" = 'wasm-bindgen $(WASM_BINDGEN_VERSION)' ]; then \
	  echo "tools: wasm-bindgen $(WASM_BINDGEN_VERSION) present"; \
	else \
	  echo "tools: installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 7 minutes)"; \
	  cargo install wasm-bindgen-cli --version '=$(WASM_BINDGEN_VERSION)'; \
	fi

tools-node: $(NODE_STAMP)

$(NODE_STAMP): package.json $(wildcard package-lock.json)
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
	@test -x $(WASM_OPT) || { echo "tools: $(WASM_OPT) missing after npm install" >&2; exit 1; }
	@test -x $(TERSER) || { echo "tools: $(TERSER) missing after npm install" >&2; exit 1; }
	@test -x $(LIGHTNINGCSS) || { echo "tools: $(LIGHTNINGCSS) missing after npm install" >&2; exit 1; }
	@touch $@

# Browser tests only. Debian's chromium (+ chromedriver for wasm-bindgen-test, + a sans font,
# + poppler-utils: the print test turns the handout PDF into PNGs).
tools-chromium:
	@pkgs=""; \
	[ -x $(CHROMIUM) ] || pkgs="$$pkgs chromium"; \
	[ -x /usr/bin/chromedriver ] || pkgs="$$pkgs chromium-driver"; \
	[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || pkgs="$$pkgs fonts-dejavu-core"; \
	[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || pkgs="$$pkgs fonts-noto-cjk"; \
	[ -x /usr/bin/pdftoppm ] || pkgs="$$pkgs poppler-utils"; \
	if [ -z "$$pkgs" ]; then \
	  echo "tools: chromium present"; \
	else \
	  echo "tools: apt-get install$$pkgs"; \
	  $(SUDO) apt-get update -q; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$pkgs; \
	fi

# ----------------------------------------------------------------------------------------- dist
# Always rebuilt from scratch so nothing stale survives in dist/.
dist: tools-rust tools-wasm-bindgen tools-node
	rm -rf $(DIST)
	mkdir -p $(DIST)/pkg
	cargo build --release --target $(WASM_TARGET) --lib
	wasm-bindgen --target web --no-typescript --out-dir $(DIST)/pkg $(WASM_IN)
	$(WASM_OPT) $(WASM_OPT_FLAGS) $(WASM_OUT) -o $(WASM_OUT)
	mkdir -p target/site
	$(LIGHTNINGCSS) --minify www/style.css -o target/site/style.css
	cargo run --release --quiet -- site --out $(DIST) --style target/site/style.css
	cargo run --release --quiet -- offline --dist $(DIST) --terser $(TERSER)
	for f in $(DIST)/pkg/nk_timeline.js $(DIST)/app.js; do $(TERSER) $(TERSER_FLAGS) -o "$$f" -- "$$f"; done
	node scripts/precompress.mjs $(DIST)
	@echo "dist: built $(DIST)/"; find $(DIST) -type f -printf '  %7s  %p\n' | sort -k2

serve: dist
	cargo run --release --quiet -- serve $(DIST) --port $(PORT)

# ----------------------------------------------------------------------------------------- test
# The summary at the end repeats cargo test's and node's result lines from the logs; it is printed
# even when the browser tests fail.
test:
	@$(MAKE) --no-print-directory test-rust
	@$(MAKE) --no-print-directory test-wasm
	@$(MAKE) --no-print-directory dist
	@rc=0; $(MAKE) --no-print-directory test-e2e || rc=$$?; $(MAKE) --no-print-directory test-summary; exit $$rc

test-summary:
	@echo; echo "== summary"; \
	grep -h '^test result:' target/make-test-cargo.log 2>/dev/null | sed 's/^/cargo: /' || true; \
	grep -h '^test result:' target/make-test-wasm.log 2>/dev/null | sed 's/^/wasm:  /' || true; \
	grep -hE '^(ℹ |# )(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms)' target/make-test-node.log 2>/dev/null | sed 's/^/node:  /' || true

test-rust: tools-rust
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target $(WASM_TARGET) --lib --test web_smoke -- -D warnings
	mkdir -p target
	cargo test 2>&1 | tee target/make-test-cargo.log
	cargo run --quiet -- validate
	cargo run --quiet -- schema --check

# The web layer's smoke tests (tests/web_smoke.rs) in headless Chromium: wasm-bindgen-test-runner
# (installed with the wasm-bindgen CLI) drives Debian's chromium through chromedriver.
test-wasm: tools-rust tools-wasm-bindgen tools-chromium
	mkdir -p target
	CHROMEDRIVER=/usr/bin/chromedriver cargo test --target $(WASM_TARGET) --test web_smoke 2>&1 | tee target/make-test-wasm.log

test-e2e: tools-node tools-chromium
	@rm -f target/make-test-node.log
	test -f $(DIST)/index.html || { echo "test-e2e: run make dist first" >&2; exit 1; }
	cargo build --release --quiet --bin timeline
	mkdir -p target
	node --test --test-reporter=spec e2e/ 2>&1 | tee target/make-test-node.log

# Clippy on the wasm32 build alone (the only lint src/web/ gets; test-rust runs it too).
lint-wasm: tools-rust
	cargo clippy --target $(WASM_TARGET) --lib --test web_smoke -- -D warnings

# ---------------------------------------------------------------------------------------- bench
# Our page beside TimelineJS, vis-timeline and a floor page, all from one local node server
# (e2e/bench/server.mjs); the output is also kept in e2e/artifacts/bench.txt.
bench: dist tools-chromium
	mkdir -p e2e/artifacts
	node e2e/bench.mjs 2>&1 | tee e2e/artifacts/bench.txt

clean:
	rm -rf $(DIST) e2e/artifacts
