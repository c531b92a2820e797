# The two commands README.md gives: `make run` (the main job) and `make check` (the tests).
# Both install what a fresh Debian machine lacks, then configure and build with CMake.

BUILD ?= build
CMAKE_FLAGS ?=
DEB_PACKAGES := cmake pkg-config libsodium-dev nettle-dev libcmocka-dev python3-mnemonic

.PHONY: all deps build run check bench fuzz clean conformance-refresh

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

check: build
	cd $(BUILD) && ctest --output-on-failure

run: build
	./scripts/run-example.sh $(BUILD)

bench: build
	./$(BUILD)/bench/bench

conformance-refresh:
	./scripts/refresh-conformance.sh

clean:
	rm -rf $(BUILD)
