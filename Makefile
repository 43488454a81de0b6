# SPDX-License-Identifier: GPL-3.0-or-later
# The two commands a new machine needs:  make run  and  make test  (make bench: benchmarks).
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc)
CONFIG ?= config.example.yaml

.PHONY: all deps configure build run test bench test-asan fuzz deb clean

all: build

# Installs missing Debian packages (apt-get); silent when everything is there.
deps:
	@scripts/install-deps.sh

configure: deps
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then \
		cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS); \
	fi

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# Starts smollama with the example configuration: a window when a display is present,
# headless (with the HTTP API) otherwise.
run: build
	@scripts/run.sh $(BUILD_DIR) $(CONFIG)

# The tests, without the benchmarks (label "benchmark", tests/benchmarks/).
test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -LE benchmark

# The benchmarks (tests/benchmarks): each prints its figures next to its goal, one at a time so
# they do not disturb each other. SMOLLAMA_SOAK_SECONDS=3600 makes the soak an hour long.
bench: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -L benchmark -V -j 1

# The whole suite (benchmarks excluded) under AddressSanitizer and UndefinedBehaviorSanitizer,
# in build-asan (the `asan` preset). Any sanitizer report fails the test that caused it.
# intercept_tls_get_addr=0: with it, LeakSanitizer's tracer (GCC 12) faults at exit on a bogus
# dynamic-TLS range recorded for a dlopen'ed module ("Tracer caught signal 11", exit 1).
# handle_segv=0: the fault plugins' segfaults end their process by the signal, as they do
# without the sanitizer (which would print a report and exit 1), so what the node says of a
# crashed plugin host ("crashed (SIGSEGV)") is tested under it too.
ASAN_DIR ?= build-asan
test-asan: deps
	@if [ ! -f $(ASAN_DIR)/build.ninja ]; then cmake --preset asan; fi
	@cmake --build $(ASAN_DIR) -j $(JOBS)
	@cd $(ASAN_DIR) && \
		ASAN_OPTIONS=detect_leaks=1:intercept_tls_get_addr=0:handle_segv=0 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizers/lsan.supp:print_suppressions=0 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		ctest --output-on-failure -j $(JOBS) -LE benchmark

# libFuzzer targets (clang) in build-fuzz (the `fuzz` preset); each runs FUZZ_SECONDS on its
# seed corpus in fuzz/corpus/<target>. Exits non-zero on the first crash.
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 30
fuzz: deps
	@if [ ! -f $(FUZZ_DIR)/build.ninja ]; then cmake --preset fuzz; fi
	@cmake --build $(FUZZ_DIR) -j $(JOBS) --target smollama_fuzzers
	@scripts/run-fuzzers.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

# Debian packages of this build for this machine's architecture, in $(BUILD_DIR)/deb:
# smollama, smollama-dashboard, smollama-plugin-<name>, smollama-dev (docs/install.md).
# DEB_VERSION=0.1.0+git1 gives them another version.
DEB_VERSION ?=
deb: build
	@if [ -n "$(DEB_VERSION)" ]; then cmake -DSMOLLAMA_DEB_VERSION=$(DEB_VERSION) $(BUILD_DIR) >/dev/null; fi
	@cd $(BUILD_DIR) && cpack --config CPackConfig.cmake
	@ls -1 $(BUILD_DIR)/deb/*.deb

clean:
	rm -rf $(BUILD_DIR)
