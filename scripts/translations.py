#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks smollama's Qt Linguist files (translations/smollama_<lang>.ts).

    scripts/translations.py list  [TS...]   what is left to translate, per file
    scripts/translations.py check [TS...]   exit 1 when a text is untranslated or a translation
                                            does not keep the placeholders of its source
    scripts/translations.py check --lupdate /usr/lib/qt6/bin/lupdate [TS...]
                                            the same on copies brought up to date with the
                                            sources first: also finds new tr() texts that
                                            update_translations has not added yet
    scripts/translations.py stats [TS...]   how many texts each file has and has translated
    scripts/translations.py fill TS JSON    fills the unfinished texts of TS from JSON, an object
                                            {"source": "translation"} (a list of forms for %n
                                            plurals); run update_translations afterwards

Without TS arguments every translations/smollama_*.ts is checked. See docs/translations.md.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# %1..%99, %L1 (localized numbers) and %n (plural count): what QString::arg() and tr(..., n)
# fill in. A translation must use the same set as its source, or the message is garbled.
PLACEHOLDER = re.compile(r"%L?(\d{1,2}|n)")


def placeholders(text):
    return sorted(set(m.group(0).replace("%L", "%") for m in PLACEHOLDER.finditer(text or "")))


def messages(path):
    """Yields (context, source, message element) for every current message of a .ts file."""
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", default="")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else None
            if kind in ("vanished", "obsolete"):
                continue  # no source has this text any more
            yield name, message.findtext("source", default=""), message


def translations_of(message):
    translation = message.find("translation")
    if translation is None:
        return []
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def problems(path):
    """Every problem of one .ts file as (context, source, what is wrong)."""
    found = []
    for context, source, message in messages(path):
        translation = message.find("translation")
        forms = translations_of(message)
        if translation is None or translation.get("type") == "unfinished":
            found.append((context, source, "not translated yet"))
            continue
        if not forms or any(not f.strip() for f in forms):
            found.append((context, source, "empty translation"))
            continue
        wanted = placeholders(source)
        for form in forms:
            got = placeholders(form)
            # A plural form may leave out %n ("one file"), never add or lose an %1.
            if message.get("numerus") == "yes":
                wanted_cmp = [p for p in wanted if p != "%n"]
                got_cmp = [p for p in got if p != "%n"]
            else:
                wanted_cmp, got_cmp = wanted, got
            if wanted_cmp != got_cmp:
                found.append((context, source, "placeholders %s in the source, %s in %r"
                              % (" ".join(wanted) or "none", " ".join(got) or "none", form)))
            # Texts that are glued to others (" (version %1)", "error: ") keep their spaces.
            if source[:1] == " " and form[:1] != " ":
                found.append((context, source, "the source starts with a space, %r does not"
                              % form))
            if source.endswith(" ") and not form.endswith(" "):
                found.append((context, source, "the source ends with a space, %r does not"
                              % form))
    return found


def ts_files(arguments):
    if arguments:
        return arguments
    # smollama_en.ts holds only English plural forms (see translations.cmake): not a language.
    return sorted(p for p in glob.glob(os.path.join(ROOT, "translations", "smollama_*.ts"))
                  if os.path.basename(p) != "smollama_en.ts")


def translatable_sources():
    """The files lupdate scans; keep in step with translations/translations.cmake."""
    found = []
    for top, patterns in (("core/src", (".cpp", ".h")), ("app", (".cpp", ".h")),
                          ("plugins/builtin", (".cpp", ".h")),
                          ("qml", (".qml", ".js", ".cpp", ".h"))):
        for folder, _, names in os.walk(os.path.join(ROOT, top)):
            if "/app/smollama-cli/templates" in folder.replace(os.sep, "/"):
                continue
            found += [os.path.join(folder, n) for n in names if n.endswith(patterns)]
    return sorted(found)


def updated_copies(lupdate, files, folder):
    """Copies of \a files in \a folder with the texts of the current sources merged in."""
    copies = []
    for path in files:
        copy = os.path.join(folder, os.path.basename(path))
        shutil.copyfile(path, copy)
        copies.append(copy)
    command = [lupdate, "-silent", "-locations", "none", "-no-obsolete",
               "-I", os.path.join(ROOT, "core/src"), "-I", os.path.join(ROOT, "core/include")]
    command += translatable_sources() + ["-ts"] + copies
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return copies


def one_line(text, width=100):
    text = text.replace("\n", "\\n")
    return text if len(text) <= width else text[: width - 1] + "…"


def fill(ts_path, json_path):
    """Sets the translations of unfinished messages whose source is a key of the JSON file."""
    import json
    with open(json_path, encoding="utf-8") as f:
        wanted = json.load(f)
    tree = ET.parse(ts_path)
    filled = 0
    for _, source, message in messages_of_tree(tree):
        translation = message.find("translation")
        if source not in wanted or translation is None:
            continue
        if translation.get("type") != "unfinished":
            continue
        value = wanted[source]
        if message.get("numerus") == "yes":
            forms = value if isinstance(value, list) else [value]
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = value if isinstance(value, str) else value[0]
        del translation.attrib["type"]
        filled += 1
    with open(ts_path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
    print("%s: %d text(s) filled" % (os.path.relpath(ts_path, ROOT), filled))
    return 0


def messages_of_tree(tree):
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", default="")
        for message in context.iter("message"):
            yield name, message.findtext("source", default=""), message


def main(argv):
    if len(argv) == 4 and argv[1] == "fill":
        return fill(argv[2], argv[3])
    if len(argv) < 2 or argv[1] not in ("list", "check", "stats"):
        sys.stderr.write(__doc__)
        return 2
    command, arguments = argv[1], argv[2:]
    lupdate = None
    if arguments[:1] == ["--lupdate"] and len(arguments) >= 2:
        lupdate, arguments = arguments[1], arguments[2:]
    files = ts_files(arguments)
    if not files:
        sys.stderr.write("translations.py: no translations/smollama_*.ts found\n")
        return 2
    if lupdate:
        with tempfile.TemporaryDirectory() as folder:
            try:
                copies = updated_copies(lupdate, files, folder)
            except (OSError, subprocess.CalledProcessError) as error:
                sys.stderr.write("translations.py: lupdate failed: %s\n" % error)
                return 2
            return report(command, copies, dict(zip(copies, files)))
    return report(command, files, {})


def report(command, files, shown_as):
    failed = False
    for path in files:
        try:
            found = problems(path)
            total = sum(1 for _ in messages(path))
        except (OSError, ET.ParseError) as error:
            sys.stderr.write("translations.py: cannot read %s: %s\n" % (path, error))
            return 2
        name = os.path.relpath(shown_as.get(path, path), ROOT)
        if command == "stats":
            done = total - len({(c, s) for c, s, _ in found})
            print("%s: %d of %d texts translated" % (name, done, total))
            continue
        if command == "list":
            found = [f for f in found if f[2] in ("not translated yet", "empty translation")]
        for context, source, what in found:
            print("%s: [%s] %s: %s" % (name, context, one_line(source), what))
        failed = failed or bool(found)
        if command == "check" and not found:
            print("%s: OK (%d texts)" % (name, total))
    if command == "check" and failed:
        print("Run `cmake --build build --target update_translations`, then translate or fix "
              "the texts above with Qt Linguist (/usr/lib/qt6/bin/linguist FILE.ts); see "
              "docs/translations.md.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
