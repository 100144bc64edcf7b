#!/usr/bin/env python3
"""Refreshes translations/retort_*.ts from the sources (src/app, ui) and keeps the existing
translations.

    python3 translations/update-translations.py            # all catalogues
    python3 translations/update-translations.py --check    # exit 1 when a .ts is out of date

Why not `lupdate` alone: Qt 6.4's lupdate loses the namespace of some classes declared as
`namespace retort::app { ... }`, so their strings would land in context "LogDock" while tr() looks
them up in "retort::app::LogDock" and nothing would be translated. This script runs lupdate into a
scratch file, puts every C++ message into the context moc really uses (the Q_OBJECT class's
qualified name; strings from ui/*.ui keep the form's class name), and merges the translations
already written in the .ts files. retort_en.ts holds only plural forms ("%n table(s)").
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUPDATE_CANDIDATES = ["/usr/lib/qt6/bin/lupdate", "/usr/lib/qt6/libexec/lupdate", "lupdate6", "lupdate"]
CATALOGUES = [("retort_pt_BR.ts", "pt_BR", False), ("retort_en.ts", "en", True)]
SOURCE_DIRS = ["src/app", "ui", "src/core/workspace", "src/core/exec", "src/core/db", "src/core/doctor"]


def lupdate_binary():
    for candidate in LUPDATE_CANDIDATES:
        if os.path.isabs(candidate) and os.access(candidate, os.X_OK):
            return candidate
        for d in os.environ.get("PATH", "").split(os.pathsep):
            if os.access(os.path.join(d, candidate), os.X_OK):
                return os.path.join(d, candidate)
    sys.exit("update-translations: lupdate not found (Debian: qt6-l10n-tools)")


def strip_code(text):
    """Removes comments and string/char literals, keeping line structure."""
    out = re.sub(r"//[^\n]*", "", text)
    out = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), out, flags=re.S)
    out = re.sub(r'R"([^(\s]*)\((.*?)\)\1"', lambda m: '""' + "\n" * m.group(0).count("\n"), out, flags=re.S)
    out = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', out)
    out = re.sub(r"'(?:\\.|[^'\\\n])*'", "''", out)
    return out


def qobject_classes():
    """Maps a Q_OBJECT class's bare name to its qualified name, as moc reports it."""
    names = {}
    token = re.compile(r"\bnamespace\s+([\w:]+)?\s*\{|\b(?:class|struct)\s+(?:\w+\s+)*?(\w+)\s*(?:final\s*)?(?::[^;{]*)?\{|\{|\}")
    files = []
    for d in ("src/app", "src/core/workspace", "src/core/db", "src/core/doctor"):
        for folder, _, entries in os.walk(os.path.join(ROOT, d)):
            files += [os.path.join(folder, n) for n in entries if n.endswith((".h", ".cpp"))]
    for path in sorted(files):
            code = strip_code(open(path, encoding="utf-8").read())
            stack = []  # ("ns", name or "") / ("class", name) / ("block", "")
            for m in token.finditer(code):
                text = m.group(0)
                if text.startswith("namespace"):
                    stack.append(("ns", m.group(1) or ""))
                elif m.group(2):
                    name = m.group(2)
                    body = code[m.end():m.end() + 200]
                    if re.match(r"\s*Q_OBJECT\b", body) or re.match(r"\s*Q_GADGET\b", body):
                        scope = [n for kind, n in stack if kind == "ns" and n] + [n for kind, n in stack if kind == "class"]
                        names[name] = "::".join(scope + [name])
                    stack.append(("class", name))
                elif text == "{":
                    stack.append(("block", ""))
                elif text == "}" and stack:
                    stack.pop()
    return names


def load(path):
    if not os.path.exists(path):
        return None
    return ET.parse(path)


def message_key(context, message):
    source = message.findtext("source") or ""
    comment = message.findtext("comment") or ""
    return (context, source, comment)


def extract(lupdate, language, plural_only):
    with tempfile.TemporaryDirectory() as tmp:
        ts = os.path.join(tmp, "fresh.ts")
        args = [lupdate, "-silent", "-no-obsolete", "-locations", "absolute", "-target-language", language]
        if plural_only:
            args += ["-pluralonly", "-source-language", "en"]
        args += [os.path.join(ROOT, d) for d in SOURCE_DIRS] + ["-ts", ts]
        subprocess.run(args, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        tree = ET.parse(ts)
        # lupdate writes file names relative to the scratch .ts: make them relative to translations/.
        for location in tree.getroot().iter("location"):
            name = location.get("filename")
            if name:
                absolute = os.path.normpath(os.path.join(tmp, name))
                location.set("filename", os.path.relpath(absolute, os.path.join(ROOT, "translations")))
        return tree


def fix_contexts(tree, classes):
    """Moves C++ messages into the contexts tr() uses at run time; .ui messages stay."""
    root = tree.getroot()
    contexts = {}
    order = []

    def bucket(name):
        if name not in contexts:
            contexts[name] = []
            order.append(name)
        return contexts[name]

    for context in root.findall("context"):
        name = context.findtext("name")
        for message in context.findall("message"):
            locations = message.findall("location")
            ui_locations = [l for l in locations if l.get("filename", "").endswith(".ui")]
            cpp_locations = [l for l in locations if not l.get("filename", "").endswith(".ui")]
            bare = name.split("::")[-1]
            qualified = classes.get(bare, name)
            if ui_locations and cpp_locations and qualified != name:
                ui_copy = ET.fromstring(ET.tostring(message))
                for l in ui_copy.findall("location"):
                    if not l.get("filename", "").endswith(".ui"):
                        ui_copy.remove(l)
                for l in ui_locations:
                    message.remove(l)
                bucket(name).append(ui_copy)
                bucket(qualified).append(message)
            elif cpp_locations and qualified != name:
                bucket(qualified).append(message)
            else:
                bucket(name).append(message)
        root.remove(context)

    for name in sorted(order):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        seen = {}
        for message in contexts[name]:
            key = message_key(name, message)
            if key in seen:  # same text from .ui and .cpp ended in one context: merge locations
                for l in message.findall("location"):
                    seen[key].insert(len(seen[key].findall("location")), l)
                continue
            seen[key] = message
            context.append(message)


def merge_translations(fresh, old):
    if old is None:
        return
    known = {}
    for context in old.getroot().findall("context"):
        name = context.findtext("name")
        for message in context.findall("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") not in ("unfinished", "obsolete", "vanished"):
                known[message_key(name, message)] = translation
            elif translation is not None and (translation.text or len(translation)):
                known.setdefault(message_key(name, message), translation)
    for context in fresh.getroot().findall("context"):
        name = context.findtext("name")
        for message in context.findall("message"):
            previous = known.get(message_key(name, message))
            if previous is None:
                continue
            current = message.find("translation")
            message.remove(current)
            message.append(ET.fromstring(ET.tostring(previous)))


def serialise(tree):
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only report whether the .ts files are current")
    args = parser.parse_args()
    lupdate = lupdate_binary()
    classes = qobject_classes()
    stale = []
    for file, language, plural_only in CATALOGUES:
        path = os.path.join(ROOT, "translations", file)
        fresh = extract(lupdate, language, plural_only)
        fix_contexts(fresh, classes)
        merge_translations(fresh, load(path))
        text = serialise(fresh)
        current = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        if text != current:
            stale.append(file)
            if not args.check:
                with open(path, "w", encoding="utf-8") as out:
                    out.write(text)
        unfinished = text.count('type="unfinished"')
        print(f"{file}: {text.count('<message')} messages, {unfinished} unfinished")
    if args.check and stale:
        print("out of date: " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
