# The two commands README.md gives: `make run` (the main job) and `make check` (the tests).
# Both install what a fresh Debian machine lacks, then configure and build with CMake.

BUILD ?= build
CMAKE_FLAGS ?=
DEB_PACKAGES := cmake pkg-config libsodium-dev nettle-dev libcmocka-dev python3-mnemonic valgrind
ASAN_BUILD ?= build-asan
SCALAR_BUILD ?= build-scalar
FUZZ_BUILD ?= build-fuzz
SECONDS ?= 60
FUZZ_JOBS ?= 1
WASM_BUILD ?= build-wasm
WASM_DEPS ?= build-wasm-deps

.PHONY: all deps build run check check-wasm wasm bench bench-js fuzz clean conformance-refresh

all: build

deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j$$(nproc)

# The tests, then the conformance runner under valgrind (no leak, no error), then the tests
# built without SIMD in $(SCALAR_BUILD) (the portable loops other targets run), then everything
# again built with ASan + UBSan (gcc) in $(ASAN_BUILD), in parallel. See docs/LIMITS.md. The
# last two leave out cli_corpus only: it starts the command ~2,700 times (0.2 s each under
# ASan); the same corpus goes through the library in conformance_bundled/_shared.
# Last, the WebAssembly build and its tests (check-wasm); Chromium is installed for them.
check: DEB_PACKAGES += chromium
check: build
	cd $(BUILD) && ctest --output-on-failure
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
	  ./$(BUILD)/tests/conformance tests/conformance
	cmake -S . -B $(SCALAR_BUILD) -DGRIDTYPES_NO_SIMD=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(SCALAR_BUILD) -j$$(nproc)
	cd $(SCALAR_BUILD) && ctest -j$$(nproc) --output-on-failure -E '^cli_corpus$$'
	cmake -S . -B $(ASAN_BUILD) -DGRIDTYPES_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(ASAN_BUILD) -j$$(nproc)
	cd $(ASAN_BUILD) && ctest -j$$(nproc) --output-on-failure -E '^cli_corpus$$'
	$(MAKE) check-wasm

# The library built to WebAssembly with Debian's emscripten (nettle and libsodium from their
# Debian source packages, cached in $(WASM_DEPS)): the npm package in bindings/js/dist and
# the playground page web/dist/index.html. See scripts/wasm-build.sh.
wasm: deps
	./scripts/wasm-build.sh $(WASM_BUILD) $(WASM_DEPS)

# Its tests: the conformance runner under node (library and FFI), the package's tests
# (node --test: the corpus, the API, signing, bad input, npm pack and an offline install)
# and the playground in headless Chromium (skipped, and said so, without chromium).
check-wasm: wasm
	cd $(WASM_BUILD) && ctest --output-on-failure

# libFuzzer targets (fuzz/): built with clang into $(FUZZ_BUILD), each run for SECONDS
# (FUZZ_JOBS at a time), seeded from the conformance corpus.
fuzz: DEB_PACKAGES += clang libclang-rt-14-dev
fuzz: deps
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DGRIDTYPES_FUZZ=ON -DGRIDTYPES_TESTS=OFF >/dev/null
	cmake --build $(FUZZ_BUILD) -j$$(nproc) --target fuzz_all
	./fuzz/seed.sh tests/conformance $(FUZZ_BUILD)/seeds >/dev/null
	./fuzz/run.sh $(FUZZ_BUILD) $(SECONDS) $(FUZZ_JOBS)

run: build
	./scripts/run-example.sh $(BUILD)

bench: build
	./$(BUILD)/bench/bench

# The npm package against the native library and @threefold/grid_client (a dev dependency
# of bindings/js/bench only, installed from npm by this target).
bench-js: build wasm
	cd bindings/js/bench && npm install --no-audit --no-fund --silent
	node bindings/js/bench/bench.mjs --native $(BUILD)/bench/bench

conformance-refresh:
	./scripts/refresh-conformance.sh

# $(WASM_DEPS), the WebAssembly nettle and libsodium, is kept: rm -rf it to rebuild them.
clean:
	rm -rf $(BUILD) $(SCALAR_BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(WASM_BUILD) bindings/js/dist web/dist
