#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Debian packages of this build tree (make deb), checked as an operator would meet them.

    debtest.py build        cpack into --out (reusing the build tree: nothing is compiled)
    debtest.py contents     dpkg-deb --info/--contents: files, conffiles, dependencies
    debtest.py lintian      lintian: no errors, no warnings that are not overridden
    debtest.py units        systemd-analyze verify/security on the installed units
    debtest.py scripts      the maintainer scripts' systemd and state-folder logic
    debtest.py install      dpkg --root into a staging root: run the programs, upgrade, remove,
                            purge
    debtest.py relocatable  dpkg -x into any folder: the programs find that tree's plugins

Nothing is installed into this machine's /usr, /etc or /var: dpkg works on a staging root, and
the maintainer scripts run in a private mount namespace when they must see "/".
A missing tool skips (exit 77), except under CI=true, where it fails.
"""

import argparse
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SKIP = 77


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def need(*tools):
    for tool in tools:
        if shutil.which(tool):
            continue
        text = f"{tool} is missing (scripts/install-deps.sh installs it)"
        if os.environ.get("CI") == "true":
            fail(text)
        print(f"SKIP: {text}")
        sys.exit(SKIP)


def run(cmd, check_rc=True, env=None, **kw):
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, **kw)
    if check_rc and result.returncode != 0:
        fail(f"{' '.join(map(str, cmd))} exited with {result.returncode}:\n"
             f"{result.stdout}\n{result.stderr}")
    return result


def packages(args):
    """{package name: .deb path} in --out, with the expected names present."""
    found = {}
    for deb in sorted(Path(args.out).glob("*.deb")):
        name = run(["dpkg-deb", "--field", str(deb), "Package"]).stdout.strip()
        found[name] = deb
    for name in args.expect:
        check(name in found, f"package {name} was not built (found: {', '.join(found)})")
    for name in found:
        check(name in args.expect, f"unexpected package {name}")
    return found


def fields(deb):
    text = run(["dpkg-deb", "--field", str(deb)]).stdout
    result = {}
    key = None
    for line in text.splitlines():
        if line.startswith(" ") and key:
            result[key] += "\n" + line
        elif ":" in line:
            key, value = line.split(":", 1)
            result[key] = value.strip()
    return result


def contents(deb):
    """The paths of the files and links in \a deb, without the leading "./"."""
    out = run(["dpkg-deb", "--contents", str(deb)]).stdout
    paths = []
    for line in out.splitlines():
        path = line.split(None, 5)[5]
        path = path.split(" -> ")[0]
        if not path.endswith("/"):
            paths.append(path[2:])
    return paths


def depends_names(value):
    """Package names of a Depends/Recommends field."""
    names = []
    for alternatives in value.split(","):
        for alt in alternatives.split("|"):
            alt = alt.strip()
            if alt:
                names.append(re.split(r"[ (:]", alt)[0])
    return names


# --- build -----------------------------------------------------------------------------------
def cmd_build(args):
    need("dpkg-deb", "dpkg-shlibdeps", "file")
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    start = time.monotonic()
    run([args.cpack, "--config", args.cpack_config, "-B", str(out)])
    print(f"cpack: {time.monotonic() - start:.1f} s")
    shutil.rmtree(out / "_CPack_Packages", ignore_errors=True)
    for name, deb in packages(args).items():
        print(f"{deb.name}: {deb.stat().st_size / 1024:.0f} KiB")


# --- contents --------------------------------------------------------------------------------
def cmd_contents(args):
    need("dpkg-deb")
    debs = packages(args)
    libdir = args.libdir
    plugins = f"usr/{libdir}/smollama/plugins"
    owner = {}
    synopses = set()
    for name, deb in debs.items():
        f = fields(deb)
        check(f.get("Version") == args.version,
              f"{name}: version {f.get('Version')}, expected {args.version}")
        check(f.get("Architecture") == args.arch,
              f"{name}: architecture {f.get('Architecture')}, expected {args.arch}")
        check(f.get("Maintainer"), f"{name}: no Maintainer")
        description = f.get("Description", "")
        check(len(description.splitlines()) >= 3,
              f"{name}: the description should say what the package is for:\n{description}")
        synopsis = description.splitlines()[0]
        check(synopsis and synopsis not in synopses and len(synopsis) <= 80,
              f"{name}: the synopsis should be its own: {synopsis!r}")
        synopses.add(synopsis)
        files = contents(deb)
        for path in files:
            check(path not in owner, f"{path} is in both {owner.get(path)} and {name}")
            owner[path] = name
        for doc in ("copyright", "changelog.gz"):
            check(f"usr/share/doc/{name}/{doc}" in files, f"{name}: no usr/share/doc/{name}/{doc}")
        if name != "smollama":
            check(f"smollama (= {args.version})" in f.get("Depends", ""),
                  f"{name} must depend on exactly smollama {args.version}: {f.get('Depends')}")
        print(f"{name}: Depends: {f.get('Depends')}")

    def has(name, path):
        check(path in contents(debs[name]), f"{name}: {path} is missing")

    def lacks(name, pattern):
        bad = [p for p in contents(debs[name]) if re.search(pattern, p)]
        check(not bad, f"{name} must not contain {bad}")

    core = fields(debs["smollama"])
    for path in ("usr/bin/smollama", "usr/bin/smollama-cli",
                 "usr/libexec/smollama/smollama-plugin-host",
                 f"usr/{libdir}/libsmollama-core.so.{args.sdk_major}",
                 f"{plugins}/libsmollama_system.so", "etc/smollama/config.yaml",
                 f"{args.unit_dir}/smollama.service", "usr/share/doc/smollama/install.md"):
        has("smollama", path)
    # Hardware libraries, Qt Quick and the SDK are in their own packages.
    lacks("smollama", r"libsmollama_(gpio|modbus|mqtt)\.so|libsmollama-gui|usr/include|"
          r"libsmollama-core\.so$|cmake/Smollama")
    depends = depends_names(core.get("Depends", ""))
    for forbidden in ("libgpiod2", "libgpiod", "libmosquitto1", "libqt6quick6", "libqt6qml6",
                      "libqt6serialbus6", "libqt6gui6"):
        check(forbidden not in depends, f"smollama must not depend on {forbidden}: {depends}")
    for wanted in ("libqt6core6", "libqt6network6", "libyaml-cpp0.7", "adduser",
                   "libqt6sql6-sqlite"):
        check(any(d.startswith(wanted) for d in depends),
              f"smollama should depend on {wanted}: {depends}")
    conffiles = run(["dpkg-deb", "--info", str(debs["smollama"]), "conffiles"]).stdout.split()
    check(conffiles == ["/etc/smollama/config.yaml"], f"conffiles: {conffiles}")
    for control in ("postinst", "prerm", "postrm", "shlibs", "triggers"):
        run(["dpkg-deb", "--info", str(debs["smollama"]), control])

    if "smollama-dashboard" in debs:
        has("smollama-dashboard", f"usr/{libdir}/smollama/libsmollama-gui.so")
        has("smollama-dashboard", f"{args.unit_dir}/smollama-kiosk.service")
        # The desktop menu entry and its icon, and the entry is valid.
        has("smollama-dashboard", "usr/share/applications/smollama.desktop")
        has("smollama-dashboard", "usr/share/icons/hicolor/scalable/apps/smollama.svg")
        need("desktop-file-validate")
        with tempfile.TemporaryDirectory() as tmp:
            run(["dpkg-deb", "-x", str(debs["smollama-dashboard"]), tmp])
            entry = os.path.join(tmp, "usr/share/applications/smollama.desktop")
            result = run(["desktop-file-validate", entry], check_rc=False)
            check(result.returncode == 0 and not result.stdout.strip(),
                  f"desktop-file-validate: {result.stdout}{result.stderr}")
            with open(entry, encoding="utf-8") as f:
                text = f.read()
            check("\nExec=smollama\n" in text and "\nIcon=smollama\n" in text,
                  f"smollama.desktop should start smollama with the icon smollama:\n{text}")
        d = depends_names(fields(debs["smollama-dashboard"])["Depends"])
        for wanted in ("libqt6quick6", "qml6-module-qtquick-controls"):
            check(wanted in d, f"smollama-dashboard should depend on {wanted}: {d}")
    libraries = {"gpio": "libgpiod", "modbus": "libqt6serialbus6", "mqtt": "libmosquitto"}
    for plugin, library in libraries.items():
        name = f"smollama-plugin-{plugin}"
        if name not in debs:
            continue
        has(name, f"{plugins}/libsmollama_{plugin}.so")
        d = depends_names(fields(debs[name])["Depends"])
        if plugin != "gpio" or args.with_libgpiod:
            check(any(x.startswith(library) for x in d), f"{name} should depend on {library}: {d}")
        for other in set(libraries.values()) - {library}:
            check(not any(x.startswith(other) for x in d), f"{name} must not depend on {other}")
        check("libqt6quick6" not in d, f"{name} must not depend on Qt Quick")
    for path in ("usr/include/smollama/plugin.h", "usr/include/smollama/version.h",
                 "usr/include/smollama/smollama_export.h", f"usr/{libdir}/libsmollama-core.so",
                 f"usr/{libdir}/cmake/Smollama/SmollamaConfig.cmake",
                 f"usr/{libdir}/cmake/Smollama/SmollamaPlugin.cmake",
                 "usr/share/smollama/qtcreator-wizard/smollama-plugin/wizard.json"):
        has("smollama-dev", path)
    d = depends_names(fields(debs["smollama-dev"])["Depends"])
    check("qt6-base-dev" in d, f"smollama-dev should depend on qt6-base-dev: {d}")


# --- lintian ---------------------------------------------------------------------------------
def cmd_lintian(args):
    need("lintian")
    debs = packages(args)
    start = time.monotonic()
    result = run(["lintian", "--fail-on", "error,warning",
                  "--tag-display-limit", "0", *map(str, debs.values())], check_rc=False)
    print(result.stdout + result.stderr)
    print(f"lintian: {time.monotonic() - start:.1f} s")
    check(result.returncode == 0, "lintian reports errors or warnings (listed above)")


# --- units -----------------------------------------------------------------------------------
def extract_all(debs, root):
    for deb in debs.values():
        run(["dpkg-deb", "-x", str(deb), str(root)])


def cmd_units(args):
    need("systemd-analyze")
    debs = packages(args)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        extract_all(debs, root)
        for unit, limit in (("smollama.service", 2.5), ("smollama-kiosk.service", 3.0)):
            path = root / args.unit_dir / unit
            if not path.exists():
                continue
            text = path.read_text()
            for setting in ("User=smollama", "NoNewPrivileges=yes", "ProtectSystem=strict",
                            "StateDirectory=smollama", "ProtectHome=yes", "PrivateTmp=yes"):
                check(setting in text.splitlines(), f"{unit} lacks {setting}")
            if unit == "smollama.service":
                for device in ("char-gpiochip", "char-i2c", "char-ttyUSB", "char-ttyAMA"):
                    check(f"DeviceAllow={device} rw" in text, f"{unit} lacks {device}")
                check("DevicePolicy=closed" in text, f"{unit} lacks DevicePolicy=closed")
            check("[Install]" in text and "WantedBy=multi-user.target" in text, unit)
            # verify checks the unit's syntax and that ExecStart exists, in the unpacked tree.
            verify = run(["systemd-analyze", "verify", "--man=no", f"--root={root}",
                          f"/{args.unit_dir}/{unit}"], check_rc=False)
            problems = [line for line in (verify.stdout + verify.stderr).splitlines()
                        if line.strip() and "Failed to" not in line
                        and "not executable" not in line]
            check(not problems, f"systemd-analyze verify {unit}:\n" + "\n".join(problems))
            security = run(["systemd-analyze", "security", "--offline=yes", str(path)],
                           check_rc=False)
            m = re.search(r"Overall exposure level for \S+: ([0-9.]+)", security.stdout)
            check(m, f"systemd-analyze security {unit}:\n{security.stdout}{security.stderr}")
            print(f"{unit}: exposure {m.group(1)} (systemd-analyze security)")
            check(float(m.group(1)) <= limit,
                  f"{unit}: exposure {m.group(1)} > {limit}: hardening was lost")


# --- maintainer scripts ----------------------------------------------------------------------
STUB = """#!/bin/sh
echo "$(basename "$0") $*" >> "{log}"
{body}
"""

GETENT = """case "$1 $2" in
"passwd smollama") [ -f "{marker}" ] && echo "smollama:x:990:990::/var/lib/smollama:/usr/sbin/nologin" && exit 0; exit 2 ;;
"group gpio"|"group i2c"|"group dialout"|"group video"|"group render"|"group input") echo "$2:x:1:"; exit 0 ;;
esac
exit 2
"""


def make_stubs(folder, log, stubs):
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / "user-created"
    bodies = {
        "getent": GETENT.format(marker=marker),
        "adduser": f'case "$*" in *--system*) touch "{marker}" ;; esac',
        "chown": "",
        "systemctl": "",
        "deb-systemd-helper": "",
        "deb-systemd-invoke": "",
        "dpkg-statoverride": "exit 1",
    }
    for name in stubs:
        path = folder / name
        path.write_text(STUB.format(log=log, body=bodies[name]))
        path.chmod(0o755)


def cmd_scripts(args):
    """Runs the core package's maintainer scripts as dpkg would on a running systemd, in a
    private mount namespace: /run/systemd/system exists there, /var/lib is a temporary folder,
    and the tools that change the system are stand-ins that write down how they were called."""
    need("dpkg-deb", "unshare")
    debs = packages(args)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        control = tmp / "control"
        run(["dpkg-deb", "-e", str(debs["smollama"]), str(control)])
        dashboard = tmp / "dashboard"
        if "smollama-dashboard" in debs:
            run(["dpkg-deb", "-e", str(debs["smollama-dashboard"]), str(dashboard)])
        log = tmp / "calls.log"
        make_stubs(tmp / "bin", log, ["getent", "adduser", "chown", "systemctl",
                                       "deb-systemd-helper", "deb-systemd-invoke",
                                       "dpkg-statoverride"])
        varlib = tmp / "varlib"
        varlib.mkdir()
        steps = [
            ("fresh install", "postinst configure"),
            ("upgrade: old prerm", "prerm upgrade 9.9.9"),
            ("upgrade: new postinst", f"postinst configure {args.version}"),
            ("remove: prerm", "prerm remove"),
            ("remove: postrm", "postrm remove"),
            ("purge: postrm", "postrm purge"),
        ]
        if "smollama-dashboard" in debs:
            steps += [
                ("kiosk: fresh install", "d:postinst configure"),
                ("kiosk: upgrade", f"d:postinst configure {args.version}"),
                ("kiosk: remove", "d:prerm remove"),
            ]
        body = ["set -e", "mount -t tmpfs tmpfs /run", "mkdir -p /run/systemd/system",
                f"mount --bind '{varlib}' /var/lib", f"export PATH='{tmp / 'bin'}':$PATH",
                "unset DPKG_ROOT"]
        for title, step in steps:
            script, *params = step.split()
            folder = control
            if script.startswith("d:"):
                folder, script = dashboard, script[2:]
            body.append(f"echo '== {title}' >> '{log}'")
            body.append(f"sh -e '{folder / script}' {' '.join(params)}")
            body.append(f"if [ -d /var/lib/smollama ]; then "
                        f"echo \"state $(stat -c %a /var/lib/smollama)\" >> '{log}'; "
                        f"else echo 'state none' >> '{log}'; fi")
        prefix = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-rm"]
        result = run([*prefix, "sh", "-c", "\n".join(body)], check_rc=False)
        check(result.returncode == 0, f"the maintainer scripts failed:\n{result.stdout}"
              f"{result.stderr}\n{log.read_text() if log.exists() else ''}")
        text = log.read_text()
        print(text)
        sections = dict(re.findall(r"== ([^\n]+)\n(.*?)(?=\n== |\Z)", text, re.S))

        fresh = sections["fresh install"]
        check("adduser --system --group --quiet --home /var/lib/smollama" in fresh,
              "a fresh install creates the system user smollama")
        for group in ("gpio", "i2c", "dialout"):
            check(f"adduser --quiet smollama {group}" in fresh, f"smollama joins {group}")
        check("adduser --quiet smollama spi" not in fresh, "a missing group is not joined")
        check("chown smollama:smollama /var/lib/smollama" in fresh, "the state folder is owned")
        check("state 750" in fresh, "the state folder is 0750")
        check("deb-systemd-helper update-state smollama.service" in fresh, "the unit is recorded")
        check(" enable" not in fresh and "deb-systemd-invoke" not in fresh,
              "a fresh install neither enables nor starts the service")

        check("deb-systemd-invoke" not in sections["upgrade: old prerm"],
              "an upgrade does not stop the service in the old prerm")
        upgrade = sections["upgrade: new postinst"]
        check("deb-systemd-invoke restart smollama.service" in upgrade,
              "an upgrade restarts the service")
        check("adduser --system" not in upgrade, "an upgrade keeps the existing user")
        check("deb-systemd-invoke stop smollama.service" in sections["remove: prerm"],
              "remove stops the service")
        check("state 750" in sections["remove: postrm"], "remove keeps /var/lib/smollama")
        check("state none" in sections["purge: postrm"], "purge deletes /var/lib/smollama")

        if "smollama-dashboard" in debs:
            kiosk = sections["kiosk: fresh install"]
            for group in ("video", "render", "input"):
                check(f"adduser --quiet smollama {group}" in kiosk, f"smollama joins {group}")
            check("deb-systemd-helper update-state smollama-kiosk.service" in kiosk and
                  "deb-systemd-invoke" not in kiosk, "the kiosk is installed disabled")
            check("deb-systemd-invoke restart smollama-kiosk.service" in
                  sections["kiosk: upgrade"], "an upgrade restarts the kiosk")
            check("deb-systemd-invoke stop smollama-kiosk.service" in sections["kiosk: remove"],
                  "remove stops the kiosk")


# --- install into a staging root -------------------------------------------------------------
class Root:
    """A dpkg database and file tree in a folder: dpkg --root, scripts run without chroot
    (DPKG_ROOT set), user and group tools replaced by stand-ins."""

    def __init__(self, path, stubs):
        self.path = path
        admin = path / "var/lib/dpkg"
        for sub in ("info", "updates", "triggers"):
            (admin / sub).mkdir(parents=True, exist_ok=True)
        for f in ("status", "available"):
            (admin / f).touch()
        (path / "var/log").mkdir(parents=True, exist_ok=True)
        self.env = dict(os.environ)
        self.env["PATH"] = f"{stubs}:{os.environ['PATH']}"

    def dpkg(self, *params):
        prefix = [] if os.geteuid() == 0 else ["unshare", "-r"]
        return run([*prefix, "dpkg", f"--root={self.path}", "--force-script-chrootless",
                    "--force-not-root", "--force-depends", "--force-confold",
                    f"--log={self.path}/var/log/dpkg.log", *params], env=self.env)

    def status(self, name):
        result = run(["dpkg-query", f"--root={self.path}", "-W", "-f=${db:Status-Abbrev}",
                      name], check_rc=False)
        return result.stdout.strip()


def program_env(root, libdir, home, state=None, service_state=None):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("SMOLLAMA_") and k not in ("STATE_DIRECTORY", "QT_PLUGIN_PATH")}
    env.update({"HOME": str(home), "LD_LIBRARY_PATH": str(root / "usr" / libdir),
                "NO_COLOR": "1", "LC_ALL": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"})
    if state:
        env["SMOLLAMA_STATE_DIR"] = str(state)
    if service_state:
        env["STATE_DIRECTORY"] = str(service_state)
    return env


def plugin_list(root, libdir, home, state, config):
    env = program_env(root, libdir, home, state=state)
    result = run([str(root / "usr/bin/smollama-cli"), "plugin", "list", "--json", "--dry-run",
                  "-c", str(config)], env=env, check_rc=False)
    check(result.stdout.strip(), f"plugin list printed nothing:\n{result.stderr}")
    return {p["instance"] or p["name"]: p for p in json.loads(result.stdout)}


def start_node(root, libdir, home, service_state, config, headless=True):
    """Starts the installed smollama as the service would (StateDirectory → STATE_DIRECTORY),
    or with its dashboard on the offscreen platform, and waits for its http.json. Returns
    (process, http.json content)."""
    env = program_env(root, libdir, home, service_state=service_state)
    env["SMOLLAMA_HTTP_PORT"] = "0"
    env["QT_QUICK_BACKEND"] = "software"
    mode = ["--headless"] if headless else []
    process = subprocess.Popen([str(root / "usr/bin/smollama"), *mode, "-c", str(config)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    instance = service_state / "http.json"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if instance.exists():
            try:
                return process, json.loads(instance.read_text())
            except ValueError:
                pass  # being written
        if process.poll() is not None:
            fail(f"smollama {' '.join(mode)} exited with {process.returncode}:\n"
                 f"{process.stdout.read()}")
        time.sleep(0.1)
    process.kill()
    fail(f"smollama {' '.join(mode)} wrote no {instance} within 60 s:\n{process.stdout.read()}")


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        fail("smollama did not stop within 30 s of SIGTERM")
    check(process.returncode == 0, f"smollama exited with {process.returncode}:\n{output}")
    return output


def repack(deb, version, old_version, folder):
    """\a deb as version \a version (its exact dependencies on siblings too)."""
    tree = folder / deb.stem
    run(["dpkg-deb", "-R", str(deb), str(tree)])
    control = tree / "DEBIAN/control"
    text = control.read_text()
    text = re.sub(r"^Version: .*$", f"Version: {version}", text, flags=re.M)
    text = text.replace(f"(= {old_version})", f"(= {version})")
    control.write_text(text)
    out = folder / f"{deb.stem}-{version}.deb"
    run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z1", "-b", str(tree), str(out)])
    return out


def cmd_install(args):
    need("dpkg", "dpkg-deb", "dpkg-query", "unshare", "cmake", "ninja")
    debs = packages(args)
    libdir = args.libdir
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        log = tmp / "calls.log"
        make_stubs(tmp / "bin", log, ["getent", "adduser", "chown"])
        root = Root(tmp / "root", tmp / "bin")
        home = tmp / "home"
        home.mkdir()
        r = root.path
        state = r / "var/lib/smollama"
        config = r / "etc/smollama/config.yaml"
        plugins_dir = r / "usr" / libdir / "smollama/plugins"

        # The core package alone: the node runs with the system plugin; the example
        # configuration's gpio instance says which package it needs.
        root.dpkg("-i", str(debs["smollama"]))
        check(root.status("smollama") == "ii", f"smollama: {root.status('smollama')}")
        check(state.is_dir() and stat.S_IMODE(state.stat().st_mode) == 0o750,
              "the postinst creates /var/lib/smollama (0750)")
        check(config.is_file(), "/etc/smollama/config.yaml is installed")
        wants = r / "etc/systemd/system/multi-user.target.wants/smollama.service"
        check(not wants.exists(), "the service is installed disabled")
        listed = plugin_list(r, libdir, home, state, config)
        check(listed["system"]["status"] == "enabled", f"system: {listed['system']}")
        check(listed["system"]["path"].startswith(str(plugins_dir)),
              f"system plugin from {listed['system']['path']}, not {plugins_dir}")
        check("gpio" in listed and "smollama-plugin-gpio" in listed["gpio"]["reason"],
              f"without its package, the configured gpio names it: {listed.get('gpio')}")
        print("core only:", listed["gpio"]["status"], listed["gpio"]["reason"])

        # Everything, then the programs from the installed files.
        root.dpkg("-i", *[str(d) for d in debs.values()])
        for name in debs:
            check(root.status(name) == "ii", f"{name}: {root.status(name)}")
        listed = plugin_list(r, libdir, home, state, config)
        print("plugin list --json:", json.dumps(listed, indent=1)[:2000])
        for name in args.expect:
            if name.startswith("smollama-plugin-"):
                plugin = name[len("smollama-plugin-"):]
                found = [p for p in listed.values() if p["name"] == plugin]
                check(found, f"plugin list does not show {plugin}")
                check(found[0]["path"].startswith(str(plugins_dir)), f"{plugin}: {found[0]}")
                check(found[0]["builtin"], f"{plugin} counts as builtin")
        check(listed["gpio"]["status"] == "enabled", f"gpio: {listed['gpio']}")

        # smollama-dev: find_package(Smollama) from the installed files builds a new plugin.
        project = tmp / "projects"
        env = program_env(r, libdir, home, state=state)
        run([str(r / "usr/bin/smollama-cli"), "plugin", "new", "deb_probe", "--dir",
             str(project)], env=env)
        start = time.monotonic()
        run(["cmake", "-S", str(project / "deb_probe"), "-B", str(project / "build"),
             "-G", "Ninja", f"-DCMAKE_PREFIX_PATH={r / 'usr'}", "-DCMAKE_BUILD_TYPE=Release",
             "-DBUILD_TESTING=OFF"])
        cache = (project / "build/CMakeCache.txt").read_text()
        check(f"Smollama_DIR:PATH={r / 'usr' / libdir / 'cmake/Smollama'}" in cache,
              "find_package(Smollama) should find the installed SDK")
        run(["cmake", "--build", str(project / "build"), "--target", "deb_probe_plugin"])
        print(f"a plugin built against smollama-dev in {time.monotonic() - start:.1f} s")

        process, info = start_node(r, libdir, home, state, config)
        check(info.get("port", 0) > 0, f"http.json: {info}")
        token = state / "api-token"
        check(token.exists() and stat.S_IMODE(token.stat().st_mode) == 0o640,
              "the service's API token is 0640 (readable by the group smollama)")
        # smollama-cli finds the running node through the state folder's http.json.
        env = program_env(r, libdir, home, state=state)
        status = run([str(r / "usr/bin/smollama-cli"), "status", "--json", "-c", str(config)],
                     env=env, check_rc=False)
        print("status --json:", status.stdout)
        check(json.loads(status.stdout or "{}").get("running") is True,
              f"smollama-cli status does not find the service:\n{status.stdout}{status.stderr}")
        output = stop(process)
        check((state / "readings.db").exists(), "the history is in /var/lib/smollama")
        check(not (home / ".smollama").exists(),
              "the service must not write to a home folder:\n" + output)

        # A plugin installed for the service with smollama-cli, and one left from an older
        # SDK, survive an upgrade; the older one is reported incompatible with a rebuild hint.
        good = Path(args.fixtures) / "good"
        result = run([str(r / "usr/bin/smollama-cli"), "plugin", "install", str(good),
                      "-c", str(config)], env=env, check_rc=False)
        check(result.returncode == 0, f"plugin install: {result.stdout}{result.stderr}")
        installed = sorted(p.relative_to(state) for p in (state / "plugins").rglob("*.so"))
        check(installed, f"plugin install put nothing into {state / 'plugins'}")
        oldsdk = state / "plugins/fixture_oldsdk"
        oldsdk.mkdir()
        for so in (Path(args.fixtures) / "oldsdk").glob("*.so"):
            shutil.copy2(so, oldsdk)
        with config.open("a") as f:
            f.write("\n# edited by the operator\n")
        edited = config.read_text()

        v2 = args.version + "+upgrade1"
        newer = [repack(d, v2, args.version, tmp) for d in debs.values()]
        root.dpkg("-i", *map(str, newer))
        check(root.status("smollama") == "ii", "the upgrade is installed")
        check(run(["dpkg-query", f"--root={r}", "-W", "-f=${Version}", "smollama"])
              .stdout == v2, "smollama is at the new version")
        check(config.read_text() == edited, "the upgrade keeps the edited conffile")
        check(sorted(p.relative_to(state) for p in (state / "plugins").rglob("*.so"))
              == sorted(installed + [Path("plugins/fixture_oldsdk") / so.name
                                     for so in oldsdk.glob("*.so")]),
              "installed plugins survive the upgrade")
        listed = plugin_list(r, libdir, home, state, config)
        old = [p for p in listed.values() if p["name"] == "fixture_oldsdk"]
        check(old and old[0]["status"] == "incompatible" and "rebuild" in old[0]["reason"],
              f"a plugin of an older SDK is incompatible with a rebuild hint: {old}")
        print("after the upgrade:", old[0]["reason"])
        fresh = [p for p in listed.values() if p["name"] == "fixture_good"]
        check(fresh and fresh[0]["status"] != "incompatible", f"fixture_good: {fresh}")

        # remove keeps the data and the conffile; purge deletes both.
        names = [n for n in debs if n != "smollama"] + ["smollama"]
        root.dpkg("-r", *names)
        check(root.status("smollama") == "rc", f"after remove: {root.status('smollama')}")
        check(state.is_dir() and (state / "readings.db").exists() and installed and
              (state / installed[0]).exists(), "remove keeps /var/lib/smollama")
        check(config.read_text() == edited, "remove keeps /etc/smollama/config.yaml")
        check(not (r / "usr/bin/smollama").exists(), "remove deletes the programs")
        root.dpkg("--purge", *names)
        check(not state.exists(), "purge deletes /var/lib/smollama")
        check(not config.exists(), "purge deletes /etc/smollama/config.yaml")
        left = [p for p in r.rglob("*") if p.is_file() and "var/lib/dpkg" not in str(p)
                and "var/log" not in str(p) and "var/lib/systemd" not in str(p)]
        check(not left, f"files left after purge: {left}")
        print(log.read_text())


# --- relocatable -----------------------------------------------------------------------------
def cmd_relocatable(args):
    need("dpkg-deb")
    debs = packages(args)
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "any" / "folder"
        tree.mkdir(parents=True)
        extract_all(debs, tree)
        home = Path(tmp) / "home"
        home.mkdir()
        env = program_env(tree, args.libdir, home)
        result = run([str(tree / "usr/bin/smollama-cli"), "plugin", "list", "--json",
                      "--dry-run", "-c", str(tree / "etc/smollama/config.yaml")], env=env)
        listed = json.loads(result.stdout)
        plugins_dir = tree / "usr" / args.libdir / "smollama/plugins"
        builtin = {p["name"]: p["path"] for p in listed if p["builtin"]}
        print(json.dumps(builtin, indent=1))
        for name in args.expect:
            plugin = name[len("smollama-plugin-"):] if name.startswith("smollama-plugin-") else None
            if plugin:
                check(plugin in builtin, f"{plugin} is not found in the unpacked tree")
        check("system" in builtin, "the system plugin is not found in the unpacked tree")
        if "smollama-dev" in debs:
            wizard = tree / "usr/share/qtcreator/templates/wizards/smollama-plugin/wizard.json"
            check(wizard.is_file(), "Qt Creator's wizard folder links to the SDK's wizard")
        for name, path in builtin.items():
            check(path.startswith(str(plugins_dir)), f"{name} loaded from {path}")
        # The node loads the same plugins, and its window the tree's dashboard library.
        config = tree / "etc/smollama/config.yaml"
        process, _ = start_node(tree, args.libdir, home, Path(tmp) / "state", config)
        output = stop(process)
        check("Loaded system" in output, f"the headless node did not load system:\n{output}")
        if "smollama-dashboard" in debs:
            process, _ = start_node(tree, args.libdir, home, Path(tmp) / "state2", config,
                                    headless=False)
            output = stop(process)
            check("Showing the dashboard" in output, f"no dashboard from the tree:\n{output}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["build", "contents", "lintian", "units", "scripts",
                                            "install", "relocatable"])
    parser.add_argument("--out", required=True, help="folder of the .deb files")
    parser.add_argument("--expect", required=True, type=lambda s: s.split(","))
    parser.add_argument("--version", required=True)
    parser.add_argument("--arch", default="")
    parser.add_argument("--libdir", required=True)
    parser.add_argument("--unit-dir", default="lib/systemd/system")
    parser.add_argument("--sdk-major", default="1")
    parser.add_argument("--with-libgpiod", type=int, default=1)
    parser.add_argument("--cpack", default="cpack")
    parser.add_argument("--cpack-config")
    parser.add_argument("--fixtures", help="the fixture plugins' folder")
    args = parser.parse_args()
    args.unit_dir = args.unit_dir.strip("/")
    globals()[f"cmd_{args.command}"](args)
    print("PASS")


if __name__ == "__main__":
    main()
