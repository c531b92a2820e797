# The two commands README.md gives: `make run` (the main job) and `make check` (the tests).
# Both install what a fresh Debian machine lacks, then configure and build with CMake.

BUILD ?= build
CMAKE_FLAGS ?=
ASAN_BUILD ?= build-asan
SCALAR_BUILD ?= build-scalar
TSAN_BUILD ?= build-tsan
FUZZ_BUILD ?= build-fuzz
SECONDS ?= 60
FUZZ_JOBS ?= 1
WASM_BUILD ?= build-wasm
WASM_DEPS ?= build-wasm-deps
# The Python package's interpreter: Debian's, whose venv module brings pip (python3-venv).
PYTHON ?= /usr/bin/python3

# ---- Dependencies, per target ----
# Each entry is KIND:WHAT=PACKAGE: the Debian PACKAGE provides WHAT, and KIND says how to
# see that WHAT is already there without dpkg: pc (a pkg-config module), cmd (a command on
# PATH) or file (a path; PATH|PATH|... for alternatives, globs allowed). `make deps-NAME`
# checks DEPS_NAME and installs only what is missing, with apt-get where there is one
# (scripts/deps.sh); elsewhere it names the missing packages and stops. A target that
# needs more adds its own list, e.g.
#   DEPS_wasm := $(DEPS_build) cmd:emcc=emscripten
#   wasm: deps-wasm
# and `make deps-wasm DRY_RUN=1` shows what it would install.
BIP39_WORDLIST := /usr/lib/python3/dist-packages/mnemonic/wordlist/english.txt|/usr/local/lib/python3/dist-packages/mnemonic/wordlist/english.txt
# What building the library and the command, and running them, need (`make run`).
DEPS_build := cmd:cc=gcc cmd:cmake=cmake cmd:pkg-config=pkg-config \
              pc:libsodium=libsodium-dev pc:nettle=nettle-dev file:$(BIP39_WORDLIST)=python3-mnemonic
# The Python package (`make python`, and its tests in `make check`): Debian's python3 and
# its venv module with pip.
DEPS_python := $(DEPS_build) file:$(PYTHON)=python3 \
               file:/usr/lib/python3*/ensurepip/__init__.py=python3-venv
# The WebAssembly build (`make wasm`): Debian's emscripten (it brings node), what rebuilds
# nettle and libsodium from their Debian source packages (dpkg-source for `apt-get source`,
# autoreconf for libsodium's configure), and npm, which the package's tests run.
DEPS_wasm := $(DEPS_build) cmd:emcc=emscripten cmd:node=nodejs cmd:npm=npm \
             cmd:dpkg-source=dpkg-dev cmd:autoreconf=autoconf cmd:automake=automake \
             cmd:libtoolize=libtool cmd:make=make
# What `make check` needs on top: the unit-test framework, valgrind, the Python package's,
# the WebAssembly build's and Chromium for the playground's test.
DEPS_check := $(DEPS_python) $(DEPS_wasm) pc:cmocka=libcmocka-dev cmd:valgrind=valgrind \
              cmd:chromium=chromium
# libFuzzer targets: clang and its fuzzer runtime.
DEPS_fuzz := $(DEPS_build) cmd:clang=clang \
             file:/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a=libclang-rt-14-dev

.PHONY: all deps build build-tests run check check-wasm wasm bench bench-js fuzz clean conformance-refresh python

all: build

# Everything any of the usual targets needs (what CI's `make check` installs).
deps: deps-check

deps-%:
	$(if $(DEPS_$*),,$(error no dependency list DEPS_$* in the Makefile))
	@./scripts/deps.sh $(if $(DRY_RUN),--dry-run) $(foreach d,$(DEPS_$*),'$(d)')

# The library, the command, the benchmark and the examples: no test suites, so no cmocka.
build: deps-build
	cmake -S . -B $(BUILD) -DGRIDTYPES_TESTS=OFF $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j$$(nproc)

# The same tree with the test suites (the same objects: only the tests are added).
build-tests: deps-check
	cmake -S . -B $(BUILD) -DGRIDTYPES_TESTS=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j$$(nproc)

# The tests, then the conformance runner under valgrind (no leak, no error), then the tests
# built without SIMD in $(SCALAR_BUILD) (the portable loops other targets run), then everything
# again built with ASan + UBSan (gcc) in $(ASAN_BUILD), in parallel, then the threads test
# built with ThreadSanitizer in $(TSAN_BUILD). See docs/LIMITS.md. The scalar and ASan runs
# leave out cli_corpus (it starts the command ~2,700 times, 0.2 s each under ASan; the same
# corpus goes through the library in conformance_bundled/_shared) and cli_scaling (timing
# ratios of the command, measured once in $(BUILD)); the scalar run leaves out python_wheel.
# Last, the WebAssembly build and its tests (check-wasm).
check: build-tests
	cd $(BUILD) && ctest --output-on-failure
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
	  ./$(BUILD)/tests/conformance tests/conformance
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
	  ./$(BUILD)/tests/conformance --ffi tests/conformance
	cmake -S . -B $(SCALAR_BUILD) -DGRIDTYPES_NO_SIMD=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(SCALAR_BUILD) -j$$(nproc)
	cd $(SCALAR_BUILD) && ctest -j$$(nproc) --output-on-failure -E '^(cli_corpus|cli_scaling|python_wheel)$$'
	cmake -S . -B $(ASAN_BUILD) -DGRIDTYPES_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(ASAN_BUILD) -j$$(nproc)
	cd $(ASAN_BUILD) && ctest -j$$(nproc) --output-on-failure -E '^(cli_corpus|cli_scaling)$$'
	cmake -S . -B $(TSAN_BUILD) -DGRIDTYPES_TSAN=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(TSAN_BUILD) -j$$(nproc) --target test_threads
	cd $(TSAN_BUILD) && TSAN_OPTIONS=halt_on_error=1:exitcode=66 ctest --output-on-failure -R '^test_threads$$'
	$(MAKE) check-wasm

# The library built to WebAssembly with Debian's emscripten (nettle and libsodium from their
# Debian source packages, cached in $(WASM_DEPS)): the npm package in bindings/js/dist and
# the playground page web/dist/index.html. See scripts/wasm-build.sh.
wasm: deps-wasm
	./scripts/wasm-build.sh $(WASM_BUILD) $(WASM_DEPS)

# Its tests: the conformance runner under node (library and FFI), the package's tests
# (node --test: the corpus, the API, signing, bad input, npm pack and an offline install)
# and the playground in headless Chromium (reported as skipped without chromium).
check-wasm: wasm
	cd $(WASM_BUILD) && ctest --output-on-failure

# libFuzzer targets (fuzz/): built with clang into $(FUZZ_BUILD), each run for SECONDS
# (FUZZ_JOBS at a time), seeded from the conformance corpus.
fuzz: deps-fuzz
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DGRIDTYPES_FUZZ=ON -DGRIDTYPES_TESTS=OFF >/dev/null
	cmake --build $(FUZZ_BUILD) -j$$(nproc) --target fuzz_all
	./fuzz/seed.sh tests/conformance $(FUZZ_BUILD)/seeds >/dev/null
	./fuzz/run.sh $(FUZZ_BUILD) $(SECONDS) $(FUZZ_JOBS)

# The Python package (bindings/python), offline: `pip install ./bindings/python` into a fresh
# venv $(BUILD)/python/venv, and the wheel (py3-none-linux_<machine>) in $(BUILD)/python/dist,
# both bundling the self-contained library of $(BUILD).
PY_OUT = $(BUILD)/python
python: deps-python build
	rm -rf $(PY_OUT)/venv $(PY_OUT)/dist
	$(PYTHON) -m venv $(PY_OUT)/venv
	GRIDTYPES_BUNDLE_LIB=$(abspath $(BUILD))/bindings/python/lib/libgridtypes.so \
	  $(PY_OUT)/venv/bin/python -m pip install -q --no-index --no-cache-dir ./bindings/python
	GRIDTYPES_BUNDLE_LIB=$(abspath $(BUILD))/bindings/python/lib/libgridtypes.so \
	  $(PY_OUT)/venv/bin/python -m pip wheel -q --no-index --no-deps --no-cache-dir -w $(PY_OUT)/dist ./bindings/python
	$(PY_OUT)/venv/bin/python -c 'import gridtypes as g; print("gridtypes", g.version(), "in $(PY_OUT)/venv:", g.parse(open("examples/deployment.json", "rb").read()).hash())'
	@ls $(PY_OUT)/dist/*.whl

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
	rm -rf $(BUILD) $(SCALAR_BUILD) $(ASAN_BUILD) $(TSAN_BUILD) $(FUZZ_BUILD) $(WASM_BUILD) bindings/js/dist web/dist
