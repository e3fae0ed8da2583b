# Two commands for users; CMake is the build.
#   make run   install what is missing, build, and run factgraph on samples/ into out/
#   make test  install what is missing, build, and run the whole test suite
# Extra: make asan (the suite under ASan+UBSan), make bench (bench/run.sh, not a
# test: BENCH_MB=1000 for the 1 GB figures), make clean.

BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# Debian packages the build and the tests need. fonts-noto-cjk: Japanese in
# SVG/PNG drawings; nodejs and npm: the JavaScript client tests.
DEB_PACKAGES = build-essential cmake pkg-config \
  libigraph-dev libjansson-dev libxml2-dev libxml2-utils libgraphviz-dev graphviz \
  libmecab-dev mecab mecab-ipadic-utf8 libutf8proc-dev uthash-dev libcmocka-dev zlib1g-dev \
  python3 python3-networkx python3-igraph fonts-noto-cjk nodejs npm \
  python3-distributed parallel
# Only for make bench: /usr/bin/time for peak RSS; ripgrep as a second baseline.
BENCH_PACKAGES = time ripgrep
BENCH_MB ?= 50

# The JavaScript clients the tests load exports with (graphology, cytoscape),
# pinned by package-lock.json and installed with npm ci when it changes.
CLIENTS = tests/clients

.PHONY: run test asan bench deps build clients clean

deps:
	@./scripts/install-deps.sh $(DEB_PACKAGES)

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory | grep -v -e '^\[' -e '^Consolidate' || true
	@test -x $(BUILD)/factgraph

clients: deps $(CLIENTS)/node_modules/.package-lock.json

$(CLIENTS)/node_modules/.package-lock.json: $(CLIENTS)/package-lock.json $(CLIENTS)/package.json
	@cd $(CLIENTS) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: build
	@mkdir -p out
	$(BUILD)/factgraph build --format json --format graphml --format dot -o out --summary samples

test: build clients
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

asan: deps clients
	@cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DFG_SANITIZE=ON -DFG_ARENA_DEBUG=ON >/dev/null
	@cmake --build $(BUILD)-asan -j $(JOBS) -- --no-print-directory | grep -v -e '^\[' -e '^Consolidate' || true
	@test -x $(BUILD)-asan/factgraph
	cd $(BUILD)-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

bench: build
	@./scripts/install-deps.sh $(BENCH_PACKAGES)
	bench/run.sh $(BUILD) $(BENCH_MB)

clean:
	rm -rf $(BUILD) $(BUILD)-asan out $(CLIENTS)/node_modules
