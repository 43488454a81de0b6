#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Qt Creator wizard (examples/qtcreator-wizard) in the real Qt Creator, as a user meets it.

Qt Creator runs on a private X server (Xvfb) with a settings folder of its own, into which
examples/qtcreator-wizard/install-wizard.sh installs the wizard; xdotool then drives it with
the keyboard: File > New Project (Ctrl+Shift+N) > Library > smollama Plugin, the project name and
location, the plugin type, the default kit, Finish. Each generated project must

  - hold the files `smollama-cli plugin new` writes, with the same content (Qt Creator re-indents
    the C++ files it generates, so whitespace is not compared; plugin.json's author and
    description are the wizard's own defaults), and no macro left unexpanded or in error
    ("Error in ..." is what Qt Creator writes for a failing %{JS: } expression);
  - configure and build against this build tree's SDK (find_package(Smollama)) and pass its own
    test (ctest in the generated project).

Nothing outside --workdir is touched: Qt Creator gets its own HOME, XDG folders and settings.
A missing qtcreator, xdotool or Xvfb skips the test (exit 77), and fails it under CI=true.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

SKIP = 77

# (project name, plugin type, Down presses in the Type combo box of the wizard's details page)
PROJECTS = [("greenhouse_temp", "sensor", 0), ("greenhouse_vent", "tool", 1)]

# The files both the wizard and `plugin new` write for plugin NAME.
FILES = ["CMakeLists.txt", "README.md", ".gitignore", "plugin.json", "{name}plugin.h",
         "{name}plugin.cpp", "tests/tst_{name}.cpp"]

# Caps for waits that poll for a real condition; they only matter when something hangs.
WINDOW_TIMEOUT = 60
FILES_TIMEOUT = 60
QUIT_TIMEOUT = 30


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def need(*tools):
    paths = {}
    for tool in tools:
        path = shutil.which(tool)
        if path:
            paths[tool] = path
            continue
        text = f"{tool} is missing (scripts/install-deps.sh installs it)"
        if os.environ.get("CI") == "true":
            print(f"FAIL: CI=true and {text}", file=sys.stderr)
            sys.exit(1)
        print(f"SKIP: {text}")
        sys.exit(SKIP)
    return paths


def run(cmd, timeout=600, **kw):
    try:
        result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True,
                                timeout=timeout, **kw)
    except subprocess.TimeoutExpired:
        raise Failure(f"{' '.join(map(str, cmd))} did not finish within {timeout} s")
    if result.returncode != 0:
        raise Failure(f"{' '.join(map(str, cmd))} exited with {result.returncode}:\n"
                      f"{result.stdout}\n{result.stderr}")
    return result


def wait_until(predicate, timeout, what):
    """Polls `predicate` until it returns something true; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise Failure(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)


class Display:
    """A private Xvfb; the display number is the first free one (-displayfd)."""

    def __init__(self, xvfb, workdir):
        read_end, write_end = os.pipe()
        self.log = open(workdir / "xvfb.log", "w")
        self.process = subprocess.Popen(
            [xvfb, "-displayfd", str(write_end), "-screen", "0", "1280x1024x24", "-nolisten",
             "tcp"], pass_fds=(write_end,), stdout=self.log, stderr=subprocess.STDOUT)
        os.close(write_end)
        number = b""
        with os.fdopen(read_end, "rb") as pipe:
            while not number.endswith(b"\n"):
                chunk = pipe.read(1)
                if not chunk:
                    break
                number += chunk
        check(number.strip().isdigit(), f"Xvfb did not start (see {workdir / 'xvfb.log'})")
        self.name = f":{number.strip().decode()}"

    def stop(self):
        stop_process(self.process)
        self.log.close()


def stop_process(process):
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Creator:
    """Qt Creator on `display`, everything it writes inside `workdir`, driven with xdotool."""

    def __init__(self, paths, display, workdir, wizard_installer):
        self.xdotool = paths["xdotool"]
        self.workdir = workdir
        settings = workdir / "settings"
        # The user wizards folder of a settings path: <path>/QtProject/qtcreator/templates/wizards.
        wizards = settings / "QtProject" / "qtcreator" / "templates" / "wizards"
        run(["sh", wizard_installer, wizards])
        check((wizards / "smollama-plugin" / "wizard.json").is_file(),
              "install-wizard.sh did not install wizard.json")

        home = workdir / "home"
        runtime = workdir / "runtime"
        for folder in (home, runtime):
            folder.mkdir(mode=0o700)
        self.env = {key: value for key, value in os.environ.items()
                    if not key.startswith(("QT_", "XDG_", "WAYLAND_", "LC_", "LANG"))
                    and key not in ("DBUS_SESSION_BUS_ADDRESS", "XAUTHORITY")}
        self.env.update({
            "DISPLAY": display.name, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
            "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_CACHE_HOME": str(home / ".cache"), "QT_QPA_PLATFORM": "xcb",
            # The English user interface, with the categories and titles the test expects.
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        })
        self.log_path = workdir / "qtcreator.log"
        self.log = open(self.log_path, "w")
        # Only CMakeProjectManager and what it needs: the wizard is enabled only with it.
        self.process = subprocess.Popen(
            [paths["qtcreator"], "-settingspath", settings, "-noload", "all", "-load",
             "CMakeProjectManager", "-no-crashcheck", "-customwizard-verbose"],
            env=self.env, cwd=home, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True)
        self.main = None

    def wait_for_main_window(self):
        # The main window keeps its id; its title changes once a project is open.
        self.main = self.window(r"^Qt Creator$")

    def xdo(self, *args, check_rc=True):
        result = subprocess.run([self.xdotool, *map(str, args)], capture_output=True, text=True,
                                env=self.env, timeout=30)
        if check_rc and result.returncode != 0:
            raise Failure(f"xdotool {' '.join(map(str, args))} exited with "
                          f"{result.returncode}: {result.stderr}")
        return result

    def window(self, pattern, timeout=WINDOW_TIMEOUT):
        """The id of the visible window whose title matches `pattern`, once there is one."""
        def find():
            check(self.process.poll() is None,
                  f"Qt Creator exited with {self.process.returncode}: {self.log_text()}")
            found = self.xdo("search", "--onlyvisible", "--name", pattern, check_rc=False)
            return found.stdout.split()[0] if found.returncode == 0 and found.stdout else None
        return wait_until(find, timeout, f"a window titled /{pattern}/")

    def gone(self, pattern, timeout=WINDOW_TIMEOUT):
        def absent():
            found = self.xdo("search", "--onlyvisible", "--name", pattern, check_rc=False)
            return found.returncode != 0 or not found.stdout.strip()
        wait_until(absent, timeout, f"the window /{pattern}/ to close")

    def focus(self, window):
        # No window manager: give the window the keyboard focus ourselves.
        self.xdo("windowfocus", "--sync", window)

    def keys(self, *keys):
        self.xdo("key", "--delay", "30", *keys)

    def type(self, text):
        self.xdo("type", "--delay", "20", text)

    def log_text(self, tail=4000):
        self.log.flush()
        text = self.log_path.read_text(errors="replace")
        return text[-tail:] if tail else text

    def quit(self):
        """File > Exit (Ctrl+Q), as a user closes it; a Qt Creator that does not react in time
        is terminated (the test has what it needs by then)."""
        if self.process.poll() is None and self.main:
            self.focus(self.main)
            self.keys("ctrl+q")
            try:
                self.process.wait(timeout=QUIT_TIMEOUT)
            except subprocess.TimeoutExpired:
                print(f"note: Qt Creator did not quit within {QUIT_TIMEOUT} s; terminating it")
        self.stop()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def create_project(creator, name, type_downs, location):
    """New Project > Library > smollama Plugin, filled in and finished with the keyboard."""
    creator.focus(creator.main)
    creator.keys("ctrl+shift+n")
    chooser = creator.window(r"^New Project")
    creator.focus(chooser)
    # The category tree has the focus. It has no type-ahead: Library is its second row (after
    # Application (Qt)). Then type-ahead to the wizard's display name in the template list.
    creator.keys("Home", "Down", "Tab")
    creator.type("smollama")
    creator.keys("Return")
    # The wizard's own dialog is titled with its display name: proof the right one was picked.
    wizard = creator.window(r"^smollama Plugin")
    creator.focus(wizard)
    # Location page: the name field has the focus (its text selected), then "Create in".
    creator.type(name)
    creator.keys("Tab", "ctrl+a")
    creator.type(str(location))
    creator.keys("Return")
    # Details page: the Type combo box has the focus (Sensor first, then Tool).
    if type_downs:
        creator.keys(*["Down"] * type_downs)
    creator.keys("Return")  # to the kits page
    creator.keys("Return")  # the detected Desktop kit, to the summary
    creator.keys("Return")  # Finish
    project = location / name
    expected = [project / f.format(name=name) for f in FILES]
    wait_until(lambda: all(p.is_file() for p in expected), FILES_TIMEOUT,
               f"the wizard's files in {project}: "
               f"{', '.join(str(p.relative_to(project)) for p in expected)}")
    creator.gone(r"^smollama Plugin")
    return project


def words(path):
    return path.read_text().split()


def check_files(project, reference, name, plugin_type):
    class_name = "".join(part[:1].upper() + part[1:] for part in name.split("_"))
    for pattern in FILES:
        relative = pattern.format(name=name)
        text = (project / relative).read_text()
        check("Error in" not in text, f"{relative} holds a macro error:\n{text}")
        check("%{" not in text, f"{relative} holds an unexpanded field:\n{text}")
        if relative != "plugin.json":
            check(words(project / relative) == words(reference / relative),
                  f"{relative} differs from what `smollama-cli plugin new` writes "
                  f"(beyond whitespace):\n{text}")
    header = (project / f"{name}plugin.h").read_text()
    check(re.search(rf"\bnamespace {class_name} \{{", header)
          and re.search(rf"\bclass {class_name}Plugin\b", header),
          f"{name}plugin.h does not declare {class_name}::{class_name}Plugin:\n{header}")
    manifest = json.loads((project / "plugin.json").read_text())
    check(manifest.get("name") == name and manifest.get("type") == plugin_type,
          f"plugin.json is not the {plugin_type} plugin {name}: {manifest}")


def build_and_test(project, build, args):
    generator = ["-G", "Ninja"] if shutil.which("ninja") else []
    start = time.monotonic()
    run([args.cmake, "-S", project, "-B", build, f"-DSmollama_DIR={args.sdk_dir.resolve()}",
         *generator])
    run([args.cmake, "--build", build, "--parallel"])
    print(f"{project.name}: configured and built in {time.monotonic() - start:.1f} s")
    if args.skip_own_test:
        print(f"{project.name}: its own test is not run: {args.skip_own_test}")
        return
    tested = run([args.ctest, "--output-on-failure"], cwd=build)
    check("100% tests passed" in tested.stdout, f"ctest in {build}:\n{tested.stdout}")
    print(f"{project.name}: its own test passed")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, required=True,
                        help="emptied, then holds everything the test writes")
    parser.add_argument("--source-dir", type=Path, required=True, help="the smollama sources")
    parser.add_argument("--cli", required=True, help="smollama-cli of this build")
    parser.add_argument("--sdk-dir", type=Path, required=True,
                        help="the build tree's Smollama CMake package")
    parser.add_argument("--cmake", default="cmake")
    parser.add_argument("--ctest", default="ctest")
    parser.add_argument("--skip-own-test", default="",
                        help="why the generated projects' own tests cannot run in this build")
    args = parser.parse_args()

    paths = need("qtcreator", "xdotool", "Xvfb")
    workdir = args.workdir.resolve()
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    projects = workdir / "projects"
    references = workdir / "plugin-new"
    projects.mkdir()
    references.mkdir()

    display = Display(paths["Xvfb"], workdir)
    creator = None
    try:
        start = time.monotonic()
        creator = Creator(paths, display, workdir,
                          args.source_dir / "examples/qtcreator-wizard/install-wizard.sh")
        creator.wait_for_main_window()
        created = []
        for name, plugin_type, type_downs in PROJECTS:
            created.append((create_project(creator, name, type_downs, projects), plugin_type))
        log = creator.log_text(tail=None)
        creator.quit()
        print(f"Qt Creator created {len(created)} projects in {time.monotonic() - start:.1f} s")
        # Qt Creator's own account (-customwizard-verbose) of loading the installed wizard.
        loaded = re.search(r'Checking "[^"]*/smollama-plugin" for wizard.json.\n([^\n]*)', log)
        check(loaded and "Configuration found and parsed" in loaded.group(1),
              f"Qt Creator did not parse the installed wizard: "
              f"{loaded.group(0) if loaded else 'not found in its log'}")

        for project, plugin_type in created:
            name = project.name
            run([args.cli, "plugin", "new", name, "--type", plugin_type, "--dir", references],
                env={**os.environ, "HOME": str(workdir / "home")})
            check_files(project, references / name, name, plugin_type)
            build_and_test(project, workdir / f"build-{name}", args)
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        if creator is not None and creator.process.poll() is None and shutil.which("xwd"):
            # What the screen showed when it failed (view with `display` or `convert`).
            subprocess.run(["xwd", "-root", "-silent", "-out", str(workdir / "failure.xwd")],
                           env=creator.env, timeout=30, check=False)
            print(f"the screen at the failure: {workdir / 'failure.xwd'}", file=sys.stderr)
        sys.exit(1)
    finally:
        if creator is not None:
            creator.stop()
        display.stop()
    print("PASS")


if __name__ == "__main__":
    main()
