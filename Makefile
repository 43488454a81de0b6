# SPDX-License-Identifier: GPL-3.0-or-later
# The two commands a new machine needs:  make run  and  make test.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc)
CONFIG ?= config.example.yaml

.PHONY: all deps configure build run test clean

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

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD_DIR)
