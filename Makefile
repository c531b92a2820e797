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
# The Python package's interpreter: Debian's, whose venv module brings pip (python3-venv).
PYTHON ?= /usr/bin/python3
PYTHON_DEB_PACKAGES := python3 python3-venv

.PHONY: all deps build run check bench fuzz clean conformance-refresh python

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
check: DEB_PACKAGES += $(PYTHON_DEB_PACKAGES)
check: build
	cd $(BUILD) && ctest --output-on-failure
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
	  ./$(BUILD)/tests/conformance tests/conformance
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
	  ./$(BUILD)/tests/conformance --ffi tests/conformance
	cmake -S . -B $(SCALAR_BUILD) -DGRIDTYPES_NO_SIMD=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(SCALAR_BUILD) -j$$(nproc)
	cd $(SCALAR_BUILD) && ctest -j$$(nproc) --output-on-failure -E '^(cli_corpus|python_wheel)$$'
	cmake -S . -B $(ASAN_BUILD) -DGRIDTYPES_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	cmake --build $(ASAN_BUILD) -j$$(nproc)
	cd $(ASAN_BUILD) && ctest -j$$(nproc) --output-on-failure -E '^cli_corpus$$'

# libFuzzer targets (fuzz/): built with clang into $(FUZZ_BUILD), each run for SECONDS
# (FUZZ_JOBS at a time), seeded from the conformance corpus.
fuzz: DEB_PACKAGES += clang libclang-rt-14-dev
fuzz: deps
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DGRIDTYPES_FUZZ=ON -DGRIDTYPES_TESTS=OFF >/dev/null
	cmake --build $(FUZZ_BUILD) -j$$(nproc) --target fuzz_all
	./fuzz/seed.sh tests/conformance $(FUZZ_BUILD)/seeds >/dev/null
	./fuzz/run.sh $(FUZZ_BUILD) $(SECONDS) $(FUZZ_JOBS)

# The Python package (bindings/python), offline: `pip install ./bindings/python` into a fresh
# venv $(BUILD)/python/venv, and the wheel (py3-none-linux_<machine>) in $(BUILD)/python/dist,
# both bundling the self-contained library of $(BUILD).
PY_OUT = $(BUILD)/python
python: DEB_PACKAGES += $(PYTHON_DEB_PACKAGES)
python: build
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
	rm -rf $(BUILD) $(SCALAR_BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
