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
# What `make check` needs on top: the unit-test framework, valgrind, the Python package's.
DEPS_check := $(DEPS_python) pc:cmocka=libcmocka-dev cmd:valgrind=valgrind
# libFuzzer targets: clang and its fuzzer runtime.
DEPS_fuzz := $(DEPS_build) cmd:clang=clang \
             file:/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a=libclang-rt-14-dev

.PHONY: all deps build build-tests run check bench fuzz clean conformance-refresh python

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

conformance-refresh:
	./scripts/refresh-conformance.sh

clean:
	rm -rf $(BUILD) $(SCALAR_BUILD) $(ASAN_BUILD) $(TSAN_BUILD) $(FUZZ_BUILD)
