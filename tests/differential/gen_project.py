#!/usr/bin/env python3
"""Seeded random Alembic projects for Retort's differential tests and benchmarks.

Python 3 standard library only (run it with RETORT_PYTHON like the oracle, or any python3).

One project:
    gen_project.py --seed 7 --revisions 40 --out DIR [--layout project|bare|multi|pyproject|pyproject-ini]
                   [--profile mixed|linear|branchy|wide] [--odd 0.5] [--plans 25]
                   [--malformed KIND]
writes DIR/project/... (or DIR/versions for --layout bare) and DIR/case.json describing it
(where the project is, the revisions as generated, and the (current, target, direction)
plan requests to ask both Alembic and retort-cli).

A whole suite (what tst_Differential does):
    gen_project.py --suite spec.json --out DIR
spec.json: {"cases": [{"name": ..., "seed": ..., "revisions": ..., ...same keys as the options}]}
writes DIR/<name>/... for each case and DIR/manifest.json ({"cases": [case.json contents...]}).

Graph shapes: linear runs, branches, merges of 2 and 3 parents, several bases, branch labels
(inherited upwards by Alembic), depends_on by id and by label (also across bases).
Odd spellings (chosen per file with probability --odd): annotated assignments, tuple vs list,
single/double/triple quotes, implicit string concatenation, CRLF, UTF-8 BOM, comments, values
split over lines, non-hex ids of 10-12 characters, date-prefixed file names, a docstring that is
not the first statement (Alembic's message is then empty), `depends_on = ()`, no branch_labels.

Folded spellings (values Python computes from literals alone, which Retort folds statically;
chosen per file from a separate random stream, so the classic spellings of a seed never change):
`revision = '022b' + '78e3eaaf'`, `revision = rev_id = '...'`, `down_revision = x = None`,
`('a' + 'b', 'c')`, `('exp' + 'and',)`; in a quarter of the odd files, and in --folded FRACTION of
all files. Non-literal values (--nonliteral FRACTION of the files, default 0): the value refers
to a name the file defines itself, as neutron's `branch_labels = (cli.EXPAND_BRANCH,)` refers to
an imported one: `class cli: LABEL_<id> = '...'` + `branch_labels = (cli.LABEL_<id>,)`, else
`DOWN_<id> = '...'` + `down_revision = DOWN_<id>`, else `REV_<id>` for the revision. case.json then
lists "nonliteral_files" (and "folded_files") and the "defines" (NAME -> value) that resolve them without Python
(retort-cli --define NAME=VALUE).

Malformed kinds (--malformed): cycle, self-reference, missing-parent, duplicate-id,
duplicate-label, dependency-cycle, dependency-self-reference, missing-dependency,
ambiguous-partial-id, multiple-heads-head, unknown-revision, illegal-character, no-downgrade
(a revision file without downgrade(): Alembic 1.8.1 fails any downgrade through it with
AttributeError while building the steps), empty-depends-on-base (`depends_on = ""` on a base: no
dependency, but Alembic no longer counts it as a "real" base, and what only it reaches is a
"dependency cycle" to Alembic).
Empty spellings Alembic reads as "nothing" (odd files): `down_revision = ''` on a base,
`depends_on = ""` or `("",)` on a revision that has a parent.

Cases that expect Alembic to succeed avoid the Alembic 1.8.1 bug documented in
ALEMBIC-NOTES.md: no merge revision has a depends_on entry naming one of its own ancestors,
counting ancestors reached through other revisions' depends_on as well (that wider shape crashes
1.8.1's HeadMaintainer with the same KeyError).
"""

import argparse
import json
import os
import random
import sys

MALFORMED_KINDS = [
    "cycle",
    "self-reference",
    "missing-parent",
    "duplicate-id",
    "duplicate-label",
    "dependency-cycle",
    "dependency-self-reference",
    "missing-dependency",
    "ambiguous-partial-id",
    "multiple-heads-head",
    "unknown-revision",
    "illegal-character",
    "no-downgrade",
    "empty-depends-on-base",
]

HEX = "0123456789abcdef"
ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
WORDS = ("add users table orders index email column drop legacy rename invoice status create "
         "audit log tenant backfill constraint unique fk payments ledger merge split cleanup "
         "widen nullable default view trigger partition archive").split()


class Rev:
    def __init__(self, index, rid):
        self.index = index
        self.id = rid
        self.down = []        # parent ids (down_revision), declared order
        self.deps = []        # depends_on entries as written (ids or labels)
        self.dep_ids = []     # depends_on resolved to ids
        self.labels = []      # declared branch labels
        self.message = ""
        self.filename = ""
        self.location = 0     # index into version locations (layout multi)
        self.no_downgrade = False  # malformed no-downgrade: the file has no downgrade()
        self.empty_depends = False  # malformed empty-depends-on-base: `depends_on = ""`


class Generator:
    def __init__(self, seed, n, profile="mixed", odd=0.5, layout="project", plans=25,
                 malformed=None, shared_prefixes=True, no_crash_shapes=False, max_labels=None,
                 folded=0.0, nonliteral=0.0):
        self.rng = random.Random(seed)
        # Folded and non-literal spellings draw from their own stream: adding them changed no
        # file, graph or plan that a seed generated before.
        self.spell = random.Random(seed * 7919 + 104729)
        self.folded = folded
        self.nonliteral = nonliteral
        self.defines = {}          # NAME -> value that resolves the non-literal values
        self.nonliteral_files = []  # revision ids
        self.folded_files = []
        self.seed = seed
        self.n = n
        self.profile = profile
        self.odd = odd
        self.layout = layout
        self.plan_count = plans
        self.malformed = malformed
        self.shared_prefixes = shared_prefixes
        self.revs = []
        self.by_id = {}
        self.used_ids = set()
        self.label_owner = {}   # label -> rev id that declares it
        self.children = {}      # id -> list of child ids (down_revision only)
        self.notes = []
        # Alembic 1.8.1's HeadMaintainer also crashes when a revision is both a depends_on target
        # (its row is absorbed by the dependent's step) and a parent of a merge, and in the shapes
        # described in add_dependency; no_crash_shapes avoids them (bench/run needs plans that run)
        self.no_crash_shapes = no_crash_shapes
        self.max_labels = max_labels  # None: about 7% of revisions declare one (mixed profile)
        self.dep_targets = set()
        self.merge_parents = set()

    # ---------------------------------------------------------------- ids
    def new_id(self):
        rng = self.rng
        while True:
            r = rng.random()
            if self.shared_prefixes and self.revs and r < 0.04:
                # share a 5..7 character prefix with an existing id: partial ids become ambiguous
                base = rng.choice(self.revs).id
                k = rng.randint(5, 7)
                if len(base) >= k + 3 and all(c in HEX for c in base):
                    rid = base[:k] + "".join(rng.choice(HEX) for _ in range(12 - k))
                else:
                    continue
            elif r < 0.12 * (self.odd * 2):
                # non-hex ids of 10-12 characters, sometimes with capitals (Gerrit-like "I3899...")
                length = rng.randint(10, 12)
                if rng.random() < 0.3:
                    rid = "I" + "".join(rng.choice(HEX) for _ in range(length - 1))
                else:
                    rid = rng.choice("abcdefghijklmnopqrstuvwxyz") + "".join(
                        rng.choice(ALNUM + "_") for _ in range(length - 1))
            else:
                rid = "".join(rng.choice(HEX) for _ in range(12))
            if rid in self.used_ids or rid in ("head", "heads", "base"):
                continue
            try:
                int(rid)
                continue  # Alembic would read an all-digit id as a relative step count
            except ValueError:
                pass
            if rid in self.label_owner:
                continue
            self.used_ids.add(rid)
            return rid

    def new_label(self):
        while True:
            name = self.rng.choice(["feature", "release", "expand", "contract", "tenant", "billing",
                                    "audit", "search", "mobile", "reports"])
            name = "%s_%d" % (name, self.rng.randint(1, 999))
            if name not in self.label_owner and name not in self.used_ids:
                return name

    # ---------------------------------------------------------------- graph
    def ancestors(self, rid, include_deps=True):
        """All ancestors of rid (not rid itself) following down_revision (and deps)."""
        out = set()
        todo = [rid]
        while todo:
            r = self.by_id[todo.pop()]
            nxt = list(r.down) + (list(r.dep_ids) if include_deps else [])
            for p in nxt:
                if p not in out and p in self.by_id:
                    out.add(p)
                    todo.append(p)
        return out

    def tips(self):
        return [r.id for r in self.revs if not self.children.get(r.id)]

    def merge_pool(self, tips):
        return [t for t in tips if t not in self.dep_targets] if self.no_crash_shapes else tips

    def add(self, parents):
        rid = self.new_id()
        rev = Rev(len(self.revs), rid)
        rev.down = list(parents)
        words = self.rng.sample(WORDS, self.rng.randint(1, 4))
        rev.message = " ".join(words)
        self.revs.append(rev)
        self.by_id[rid] = rev
        for p in parents:
            self.children.setdefault(p, []).append(rid)
        return rev

    def build(self):
        rng = self.rng
        profile = self.profile
        n = self.n
        max_bases = {"linear": 1, "mixed": 3, "branchy": 4, "wide": 6}[profile]
        p_branch = {"linear": 0.02, "mixed": 0.12, "branchy": 0.22, "wide": 0.3}[profile]
        p_merge = {"linear": 0.02, "mixed": 0.10, "branchy": 0.16, "wide": 0.08}[profile]
        p_base = {"linear": 0.0, "mixed": 0.03, "branchy": 0.04, "wide": 0.08}[profile]
        p_label = {"linear": 0.02, "mixed": 0.07, "branchy": 0.09, "wide": 0.1}[profile]
        p_dep = {"linear": 0.0, "mixed": 0.06, "branchy": 0.08, "wide": 0.1}[profile]

        bases = 0
        for i in range(n):
            tips = self.tips()
            r = rng.random()
            if i == 0 or (r < p_base and bases < max_bases):
                rev = self.add([])
                bases += 1
            elif r < p_base + p_merge and len(self.merge_pool(tips)) >= 2:
                pool = self.merge_pool(tips)
                k = 3 if (len(pool) >= 3 and rng.random() < 0.3) else 2
                parents = rng.sample(pool, k)
                self.merge_parents.update(parents)
                rev = self.add(parents)
            elif r < p_base + p_merge + p_branch:
                # branch from a random earlier revision (recent ones more likely)
                lo = max(0, len(self.revs) - 30)
                parent = self.revs[rng.randint(lo, len(self.revs) - 1)].id
                rev = self.add([parent])
            else:
                # linear: extend a tip; the most recent tip most of the time
                if rng.random() < 0.7:
                    parent = tips[-1] if tips else self.revs[-1].id
                else:
                    parent = rng.choice(tips)
                rev = self.add([parent])

            want_label = i > 0 and rng.random() < p_label or (not rev.down and rng.random() < 0.5)
            if want_label and self.max_labels is not None and len(self.label_owner) >= self.max_labels:
                want_label = False
            if want_label:
                label = self.new_label()
                rev.labels.append(label)
                self.label_owner[label] = rev.id
                if rng.random() < 0.15:
                    label2 = self.new_label()
                    rev.labels.append(label2)
                    self.label_owner[label2] = rev.id

            if i > 2 and rng.random() < p_dep:
                self.add_dependency(rev)

        # at least one merge of three parents in graphs big enough (when shape allows)
        return self

    def add_dependency(self, rev):
        """depends_on earlier revisions (by id, or by a label the target declares).

        Alembic 1.8.1's HeadMaintainer crashes (KeyError in _delete_version) when a revision has
        two or more normalized down revisions present as heads and one of its depends_on entries
        is already an ancestor (through down_revision or depends_on) - the documented "merge
        depends on its own ancestor" bug is one instance. So a dependency on an ancestor is only
        generated for a single-parent revision with a single dependency (harmless, and common in
        real projects); otherwise the dependencies are not ancestors of the revision nor of each
        other."""
        rng = self.rng
        is_merge = len(rev.down) > 1
        k = 1 if rng.random() < 0.8 else 2
        if self.no_crash_shapes:
            # with two normalized down revisions present as heads, Alembic 1.8.1 also crashes when
            # another of the revision's down revisions is a branch point whose sibling was
            # applied first: one dependency at most, none on merges
            if is_merge:
                return
            k = 1
        earlier = [r for r in self.revs if r.id != rev.id and r.id not in rev.down]
        if self.no_crash_shapes:
            earlier = [r for r in earlier if r.id not in self.merge_parents]
        if not is_merge and k == 1 and rng.random() < 0.3:
            candidates = earlier
        else:
            anc = self.ancestors(rev.id, include_deps=True)
            candidates = [r for r in earlier if r.id not in anc]
        chosen = []
        for target in rng.sample(candidates, len(candidates)):
            if len(chosen) == k:
                break
            t_anc = self.ancestors(target.id, include_deps=True)
            if any(c.id in t_anc or target.id in self.ancestors(c.id, include_deps=True) for c in chosen):
                continue
            chosen.append(target)
        for target in chosen:
            self.dep_targets.add(target.id)
            if target.labels and rng.random() < 0.5:
                rev.deps.append(rng.choice(target.labels))
            else:
                rev.deps.append(target.id)
            rev.dep_ids.append(target.id)

    # ---------------------------------------------------------------- malformed
    def inject(self, kind):
        rng = self.rng
        non_bases = [r for r in self.revs if r.down]
        if kind == "cycle":
            # a revision's parent becomes one of its own descendants
            for a in rng.sample(non_bases, len(non_bases)):
                desc = [r for r in self.revs if a.id in self.ancestors(r.id, include_deps=False)]
                if desc:
                    d = rng.choice(desc)
                    a.down = [d.id]
                    self.notes.append("cycle: %s.down_revision = %s (a descendant)" % (a.id, d.id))
                    return
            raise RuntimeError("no cycle possible")
        if kind == "self-reference":
            a = rng.choice(non_bases)
            a.down = [a.id]
            self.notes.append("self-reference: %s.down_revision = itself" % a.id)
        elif kind == "missing-parent":
            a = rng.choice(non_bases)
            missing = self.new_id()
            a.down[rng.randrange(len(a.down))] = missing
            self.notes.append("missing parent %s referenced from %s" % (missing, a.id))
        elif kind == "duplicate-id":
            a = rng.choice(self.revs)
            dup = Rev(len(self.revs), a.id)
            dup.down = list(a.down)
            dup.message = "duplicate of " + a.message
            dup.filename_hint = "zz_duplicate"
            self.revs.append(dup)
            self.notes.append("duplicate id %s" % a.id)
        elif kind == "duplicate-label":
            a, b = rng.sample(self.revs, 2)
            label = self.new_label()
            a.labels.append(label)
            b.labels.append(label)
            self.label_owner[label] = a.id
            self.notes.append("label %s declared by %s and %s" % (label, a.id, b.id))
        elif kind == "dependency-cycle":
            # two new revisions on top of a head, the lower one depending on the upper one.
            # (Alembic 1.8.1 only detects a dependency cycle that no real head/base reaches, so
            # the cycle is placed where it cuts itself off: the upper one is no longer a head.)
            head = rng.choice(self.tips())
            p = self.add([head])
            q = self.add([p.id])
            p.deps.append(q.id)
            p.dep_ids.append(q.id)
            self.notes.append("dependency cycle: %s depends_on its child %s" % (p.id, q.id))
        elif kind == "dependency-self-reference":
            a = rng.choice(self.revs)
            a.deps.append(a.id)
            self.notes.append("%s depends_on itself" % a.id)
        elif kind == "missing-dependency":
            a = rng.choice(self.revs)
            missing = self.new_id()
            a.deps.append(missing)
            self.notes.append("%s depends_on missing %s" % (a.id, missing))
        elif kind == "illegal-character":
            a = rng.choice([r for r in self.revs if not self.children.get(r.id)])
            old = a.id
            a.id = old[:4] + "-" + old[4:]
            self.by_id[a.id] = a
            self.notes.append("revision id %s contains '-'" % a.id)
        elif kind == "empty-depends-on-base":
            a = rng.choice([r for r in self.revs if not r.down and not r.deps])
            a.empty_depends = True
            self.notes.append("base %s has depends_on = \"\"" % a.id)
        elif kind == "no-downgrade":
            a = rng.choice(self.revs)
            a.no_downgrade = True
            self.notes.append("%s has no downgrade()" % a.id)
        elif kind in ("ambiguous-partial-id", "multiple-heads-head", "unknown-revision"):
            pass  # graph is valid; the plan requests carry the error
        else:
            raise ValueError("unknown malformed kind %s" % kind)

    # ---------------------------------------------------------------- files
    def q(self, s, odd):
        """A Python string literal for s, maybe in an odd spelling."""
        rng = self.rng
        if odd and rng.random() < 0.5:
            r = rng.random()
            if r < 0.25:
                return '"""%s"""' % s
            if r < 0.4:
                return "'''%s'''" % s
            if r < 0.8 and len(s) > 3:
                k = rng.randint(1, len(s) - 1)
                sep = rng.choice([" ", "", "  "])
                return "'%s'%s\"%s\"" % (s[:k], sep, s[k:])
            return '"%s"' % s
        return rng.choice(["'%s'", '"%s"']) % s

    def seq(self, items, odd, kind):
        """Literal for down_revision / branch_labels / depends_on."""
        rng = self.rng
        if not items:
            if kind == "down":
                if odd and rng.random() < 0.15:
                    return rng.choice(["()", "[]", "''", '""'])
                return "None"
            if odd and rng.random() < 0.3:
                # an empty string is no dependency, but keeps a base from being a "real" base
                return rng.choice(["()", "()", '""', "('',)"]) if kind == "deps" else "()"
            return "None"
        if len(items) == 1 and (not odd or rng.random() < 0.6):
            inner = self.q(items[0], odd)
            if "'" in inner[1:-1] or '"' in inner[1:-1]:
                # implicit concatenation needs parentheses when used alone? no: it is fine bare,
                # but parenthesise sometimes to exercise "( 'a' 'b' )" being a string, not a tuple
                if rng.random() < 0.5:
                    return "(%s)" % inner
            return inner
        parts = [self.q(s, odd) for s in items]
        tuple_form = (not odd) or rng.random() < 0.5
        if odd and rng.random() < 0.3:
            # one item per line, trailing comma
            body = "\n" + "".join("    %s,\n" % p for p in parts)
        else:
            body = ", ".join(parts)
            if tuple_form and len(parts) == 1:
                body += ","
            elif odd and rng.random() < 0.3:
                body += ","
        return ("(%s)" if tuple_form else "[%s]") % body

    def fold(self, s):
        """'022b' + '78e3eaaf': the same string, split in two (or three) literals joined with +."""
        sp = self.spell
        if len(s) < 2:
            return "'%s'" % s
        k = sp.randint(1, len(s) - 1)
        parts = [s[:k], s[k:]]
        if len(parts[1]) > 1 and sp.random() < 0.3:
            j = sp.randint(1, len(parts[1]) - 1)
            parts[1:] = [parts[1][:j], parts[1][j:]]
        sep = sp.choice([" + ", "+", " + "])
        text = sep.join(sp.choice(["'%s'", '"%s"']) % p for p in parts)
        return "(%s)" % text if sp.random() < 0.25 else text

    def fold_seq(self, items):
        if len(items) == 1 and self.spell.random() < 0.6:
            return self.fold(items[0])
        body = ", ".join(self.fold(x) for x in items)
        return "(%s,)" % body if len(items) == 1 else "(%s)" % body

    def respell(self, rev, odd, annotated, assigns, lines):
        """Folded and non-literal spellings (see the module doc), in place in `assigns`; returns
        the chained aliases to write (`revision = rev_id = ...`) by name."""
        sp = self.spell
        chains = {}
        values = dict((name, i) for i, (name, _, _) in enumerate(assigns))

        def replace(name, value):
            i = values[name]
            assigns[i] = (name, value, assigns[i][2])

        fold = (odd and sp.random() < 0.25) or sp.random() < self.folded
        if fold:
            self.folded_files.append(rev.id)
            replace("revision", self.fold(rev.id))
            if not annotated and sp.random() < 0.4:
                chains["revision"] = "rev_id"
            if rev.down and sp.random() < 0.7:
                replace("down_revision", self.fold_seq(rev.down))
            elif not rev.down and not annotated and sp.random() < 0.5:
                chains["down_revision"] = "x"
            if rev.labels and "branch_labels" in values and sp.random() < 0.5:
                replace("branch_labels", self.fold_seq(rev.labels))
        if self.nonliteral and sp.random() < self.nonliteral and self.malformed is None and rev.id.isalnum():
            if rev.labels and "branch_labels" in values:
                names = ["LABEL_%s_%d" % (rev.id, k) for k in range(len(rev.labels))]
                lines.append("")
                lines.append("class cli:  # as `from neutron.db.migration import cli`")
                for name, label in zip(names, rev.labels):
                    lines.append("    %s = '%s'" % (name, label))
                    self.defines["cli." + name] = label
                replace("branch_labels", "(%s,)" % ", ".join("cli." + n for n in names))
            elif len(rev.down) == 1:
                name = "DOWN_%s" % rev.id
                lines.append("%s = '%s'" % (name, rev.down[0]))
                self.defines[name] = rev.down[0]
                replace("down_revision", name)
            else:
                name = "REV_%s" % rev.id
                lines.append("%s = '%s'" % (name, rev.id))
                self.defines[name] = rev.id
                replace("revision", name)
                chains.pop("revision", None)
            self.nonliteral_files.append(rev.id)
        return chains

    def file_name(self, rev, odd):
        rng = self.rng
        slug = "_".join(rev.message.split())[:40]
        hint = getattr(rev, "filename_hint", None)
        if hint:
            return "%s_%s_%s.py" % (hint, rev.id, slug)
        r = rng.random()
        if odd and r < 0.35:
            # date-prefixed (file_template = %%(year)d_%%(month).2d_..._%%(rev)s_%%(slug)s)
            return "%04d_%02d_%02d_%02d%02d%02d_%s_%s.py" % (
                rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28),
                rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59), rev.id, slug)
        if odd and r < 0.45:
            return "%03d_%s.py" % (rev.index, slug)
        return "%s_%s.py" % (rev.id, slug)

    def render(self, rev):
        rng = self.rng
        odd = rng.random() < self.odd
        annotated = odd and rng.random() < 0.5
        lines = []
        doc_first = not (odd and rng.random() < 0.15)
        create_date = "%04d-%02d-%02d %02d:%02d:%02d.%06d" % (
            rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
            rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999999))
        doc = ['"""%s' % rev.message]
        if rng.random() < 0.3:
            doc.append("")
            doc.append("Second paragraph: details about %s." % rng.choice(WORDS))
        doc.append("")
        doc.append("Revision ID: %s" % rev.id)
        doc.append("Revises: %s" % ", ".join(rev.down))
        doc.append("Create Date: %s" % create_date)
        doc.append("")
        doc.append('"""')
        if odd and rng.random() < 0.2:
            lines.append("# -*- coding: utf-8 -*-")
            lines.append("# Copyright (c) the Retort test generator. Licensed under the MIT licence.")
        if doc_first:
            lines.extend(doc)
            lines.append("from alembic import op")
            lines.append("import sqlalchemy as sa")
        else:
            # an import before the docstring: __doc__ is None, Alembic's message is empty
            lines.append("from alembic import op")
            lines.extend(doc)
            lines.append("import sqlalchemy as sa")
        if annotated:
            lines.append("from typing import Sequence, Union")
        lines.append("")
        lines.append("# revision identifiers, used by Alembic.")

        def assign(name, value, ann):
            if annotated:
                line = "%s: %s = %s" % (name, ann, value)
            else:
                line = "%s = %s" % (name, value)
            if odd and rng.random() < 0.2:
                line += "  # " + rng.choice(["generated", "do not edit", "see ticket 12", "x = 'y'"])
            lines.append(line)

        assigns = [
            ("revision", self.q(rev.id, odd), "str"),
            ("down_revision", self.seq(rev.down, odd, "down"), "Union[str, Sequence[str], None]"),
        ]
        if rev.labels or not (odd and rng.random() < 0.4):
            assigns.append(("branch_labels", self.seq(rev.labels, odd, "labels"),
                            "Union[str, Sequence[str], None]"))
        if rev.deps or rev.empty_depends or not (odd and rng.random() < 0.4):
            deps = '""' if rev.empty_depends else self.seq(rev.deps, odd, "deps" if rev.down else "base-deps")
            assigns.append(("depends_on", deps, "Union[str, Sequence[str], None]"))
        if odd and rng.random() < 0.3:
            # assignment order is free in Python
            rng.shuffle(assigns)
        chains = self.respell(rev, odd, annotated, assigns, lines)
        for name, value, ann in assigns:
            if name in chains:
                value = "%s = %s" % (chains[name], value)
            assign(name, value, ann)
        if odd and rng.random() < 0.1:
            lines.append("revision_note = 'not an alembic variable'")
        lines.append("")
        lines.append("")
        lines.append("def upgrade() -> None:" if annotated else "def upgrade():")
        if rng.random() < 0.2:
            lines.append('    op.execute("SELECT 1")')
        else:
            lines.append("    pass")
        lines.append("")
        if not rev.no_downgrade:
            lines.append("")
            lines.append("def downgrade() -> None:" if annotated else "def downgrade():")
            lines.append("    pass")
            lines.append("")
        text = "\n".join(lines)
        if odd and rng.random() < 0.2:
            text = text.replace("\n", "\r\n")
        data = text.encode("utf-8")
        if odd and rng.random() < 0.15:
            data = b"\xef\xbb\xbf" + data
        return self.file_name(rev, odd), data

    # ---------------------------------------------------------------- plans
    def plan_requests(self, count):
        """(current heads, direction, target) requests for this graph."""
        rng = self.rng
        revs = [r for r in self.revs]
        if not revs:
            return []
        ids = [r.id for r in revs]
        labels = sorted(self.label_owner)
        deps_of = {}

        def closure(seed_ids):
            out = set()
            for s in seed_ids:
                out.add(s)
                out |= self.ancestors(s, include_deps=True)
            return out

        def heads_of(applied):
            # maximal elements w.r.t. down_revision + depends_on: what alembic_version holds
            below = set()
            for a in applied:
                r = self.by_id[a]
                below.update(r.down)
                below.update(r.dep_ids)
            return [r.id for r in revs if r.id in applied and r.id not in below]

        def random_current():
            r = rng.random()
            if r < 0.25:
                return []
            if r < 0.6:
                return [rng.choice(ids)]
            k = rng.randint(1, 3)
            hs = heads_of(closure(rng.sample(ids, min(k, len(ids)))))
            rng.shuffle(hs)
            return hs

        def prefix(rid):
            k = rng.randint(4, min(8, len(rid)))
            return rid[:k]

        def shared_prefix():
            # a 4..7 character prefix shared by two ids, when one exists
            pairs = []
            for k in (7, 6, 5, 4):
                seen = {}
                for rid in ids:
                    p = rid[:k]
                    if p in seen and seen[p] != rid:
                        pairs.append(p)
                    seen[p] = rid
                if pairs:
                    return rng.choice(pairs)
            return None

        out = []
        for _ in range(count):
            current = random_current()
            rcur = rng.random()
            if rng.random() < 0.6:
                direction = "upgrade"
                if rcur < 0.38:
                    target = rng.choice(ids)
                elif rcur < 0.48:
                    target = "heads"
                elif rcur < 0.53:
                    target = "head"
                elif rcur < 0.61:
                    target = prefix(rng.choice(ids))
                elif rcur < 0.68 and labels:
                    target = rng.choice(labels) + "@head"
                elif rcur < 0.71:
                    target = rng.choice(ids) + "@head"
                elif rcur < 0.79:
                    target = "+%d" % rng.randint(1, 3)
                elif rcur < 0.82:
                    target = "%s+%d" % (rng.choice(ids), rng.randint(1, 2))
                elif rcur < 0.88 and labels:
                    target = "%s@+%d" % (rng.choice(labels), rng.randint(1, 2))
                elif rcur < 0.9:
                    target = "base"
                elif rcur < 0.93:
                    target = "%s@base" % (rng.choice(labels) if labels else rng.choice(ids))
                elif rcur < 0.96:
                    target = shared_prefix() or "0f0f0f0f0f0f"
                else:
                    target = "0f0f0f0f0f0f"  # unknown
            else:
                direction = "downgrade"
                if not current and rng.random() < 0.8:
                    current = [rng.choice(ids)]
                if rcur < 0.18:
                    target = "base"
                elif rcur < 0.5:
                    anc = sorted(closure(current) - set(current), key=lambda x: self.by_id[x].index)
                    target = rng.choice(anc) if anc else "base"
                elif rcur < 0.62:
                    target = rng.choice(ids)
                elif rcur < 0.74:
                    target = "-%d" % rng.randint(1, 3)
                elif rcur < 0.8:
                    target = "%s-%d" % (rng.choice(ids), rng.randint(1, 2))
                elif rcur < 0.82 and labels:
                    target = "%s@-1" % rng.choice(labels)
                elif rcur < 0.89 and labels:
                    target = "%s@base" % rng.choice(labels)
                elif rcur < 0.95:
                    target = prefix(rng.choice(ids))
                else:
                    target = rng.choice(["heads", "head", "0f0f0f0f0f0f"])
            out.append({"current": current, "direction": direction, "target": target})
        return out

    def malformed_plans(self, kind):
        rng = self.rng
        ids = [r.id for r in self.revs]
        if kind == "ambiguous-partial-id":
            # make sure two ids share a prefix: rename the last revision (a head) accordingly
            return None
        if kind == "multiple-heads-head":
            return [{"current": [], "direction": "upgrade", "target": "head"}]
        if kind == "no-downgrade":
            # upgrading is fine; downgrading everything reaches the file without downgrade()
            return [{"current": [], "direction": "upgrade", "target": "heads"},
                    {"current": sorted(self.tips()), "direction": "downgrade", "target": "base"}]
        if kind == "unknown-revision":
            return [{"current": [], "direction": "upgrade", "target": "0badc0ffee42"},
                    {"current": [rng.choice(ids)], "direction": "downgrade", "target": "fedcba987654"}]
        return [{"current": [], "direction": "upgrade", "target": "heads"}]

    # ---------------------------------------------------------------- writing
    def write(self, out_dir, name):
        rng = self.rng
        os.makedirs(out_dir, exist_ok=True)
        layout = self.layout
        kind = self.malformed
        plans = None
        if kind == "ambiguous-partial-id":
            # two ids that share 6 characters; the request uses 5 of them
            a = self.revs[-1]
            b = self.revs[0]
            newid = b.id[:6] + "".join(rng.choice(HEX) for _ in range(6))
            old = a.id
            for r in self.revs:
                r.down = [newid if d == old else d for d in r.down]
                r.deps = [newid if d == old else d for d in r.deps]
                r.dep_ids = [newid if d == old else d for d in r.dep_ids]
            a.id = newid
            self.notes.append("ids %s and %s share the prefix %s" % (b.id, a.id, b.id[:5]))
            plans = [{"current": [], "direction": "upgrade", "target": b.id[:5]}]
        elif kind == "multiple-heads-head":
            if len(self.tips()) < 2:
                # add a second head branching from the first revision
                self.add([self.revs[0].id])
            plans = self.malformed_plans(kind)
        elif kind:
            self.inject(kind)
            plans = self.malformed_plans(kind)
        if plans is None:
            plans = self.plan_requests(self.plan_count)

        if layout == "bare":
            root = os.path.join(out_dir, "versions")
            locations = [root]
            os.makedirs(root, exist_ok=True)
            project = None
        else:
            project = os.path.join(out_dir, "project")
            script_dir = os.path.join(project, "migrations")
            os.makedirs(os.path.join(script_dir, "versions"), exist_ok=True)
            locations = [os.path.join(script_dir, "versions")]
            # pyproject layouts: a second version location on odd seeds (in the configuration's
            # own spelling), so [tool.alembic] version_locations and the ini's split are both used.
            if layout == "multi" or (layout.startswith("pyproject") and self.seed % 2):
                locations.append(os.path.join(project, "more_versions"))
                os.makedirs(locations[1], exist_ok=True)
            if layout.startswith("pyproject"):
                self.write_pyproject_files(project, script_dir, layout, locations)
            else:
                self.write_project_files(project, script_dir, layout, locations)

        used_names = set()
        files = []
        for rev in self.revs:
            fname, data = self.render(rev)
            loc = 0
            if len(locations) > 1 and rng.random() < 0.4:
                loc = 1
            while (loc, fname) in used_names:
                fname = "x" + fname
            used_names.add((loc, fname))
            rev.filename = fname
            rev.location = loc
            path = os.path.join(locations[loc], fname)
            with open(path, "wb") as fh:
                fh.write(data)
            files.append(os.path.relpath(path, out_dir))

        if layout != "bare" and rng.random() < 0.3:
            # files Alembic ignores
            with open(os.path.join(locations[0], "README"), "w") as fh:
                fh.write("not a revision\n")
            with open(os.path.join(locations[0], "__init__.py"), "w") as fh:
                fh.write("")

        case = {
            "name": name,
            "seed": self.seed,
            "revisions": len(self.revs),
            "profile": self.profile,
            "layout": layout,
            "malformed": kind or "",
            "notes": self.notes,
            "dir": os.path.abspath(out_dir),
            "project": os.path.abspath(project) if project else "",
            "versions": [os.path.abspath(l) for l in locations],
            "generated": [{"revision": r.id, "down_revisions": r.down, "depends_on": r.deps,
                           "branch_labels": r.labels, "file": r.filename} for r in self.revs],
            "plans": plans,
            "defines": self.defines,
            "nonliteral_files": self.nonliteral_files,
            "folded_files": self.folded_files,
        }
        with open(os.path.join(out_dir, "case.json"), "w") as fh:
            json.dump(case, fh, indent=1)
        return case

    def write_project_files(self, project, script_dir, layout, locations):
        rng = self.rng
        style = rng.choice(["here", "here", "relative"])
        script_location = "%(here)s/migrations" if style == "here" else "migrations"
        ini = ["# A generated Alembic project (Retort differential tests)", "[alembic]",
               "script_location = %s" % script_location]
        if layout == "multi":
            ini.append("version_locations = %(here)s/migrations/versions %(here)s/more_versions")
        if rng.random() < 0.3:
            ini.append("file_template = %%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d_%%(rev)s_%%(slug)s")
        ini += ["prepend_sys_path = .", "sqlalchemy.url = sqlite:///%(here)s/app.db", "",
                "[loggers]", "keys = root,sqlalchemy,alembic", "", "[handlers]", "keys = console", "",
                "[formatters]", "keys = generic", "", "[logger_root]", "level = WARN",
                "handlers = console", "qualname =", "", "[logger_sqlalchemy]", "level = WARN",
                "handlers =", "qualname = sqlalchemy.engine", "", "[logger_alembic]", "level = INFO",
                "handlers =", "qualname = alembic", "", "[handler_console]", "class = StreamHandler",
                "args = (sys.stderr,)", "level = NOTSET", "formatter = generic", "",
                "[formatter_generic]", "format = %(levelname)-5.5s [%(name)s] %(message)s",
                "datefmt = %H:%M:%S", ""]
        with open(os.path.join(project, "alembic.ini"), "w") as fh:
            fh.write("\n".join(ini))
        write_scripts(script_dir)

    def write_pyproject_files(self, project, script_dir, layout, locations):
        """Alembic 1.16+'s pyproject.toml [tool.alembic]. `pyproject`: no alembic.ini at all.
        `pyproject-ini`: script_location (and version_locations for one location) only in
        [tool.alembic], beside an alembic.ini that has no [alembic] section, or one without
        script_location that splits a two-entry version_locations itself - while path_separator is
        set only in pyproject.toml, which Alembic reads from the ini alone (so it splits the ini's
        value the legacy way, on spaces and commas)."""
        rng = self.rng
        script_location = rng.choice(['"%(here)s/migrations"', '"migrations"'])
        toml = ["# A generated Alembic project (Retort differential tests)", "[project]",
                'name = "generated"', 'version = "0.1"', "", "[tool.alembic]",
                "script_location = %s" % script_location]
        ini_variant = rng.choice(["no-section", "section"]) if layout == "pyproject-ini" else None
        if layout == "pyproject" or ini_variant == "no-section" or len(locations) == 1:
            if len(locations) > 1 or rng.random() < 0.5:
                entries = ['"%%(here)s/%s"' % os.path.relpath(l, project) for l in locations]
                toml.append("version_locations = [%s]" % ", ".join(entries))
            ini_locations = None
        else:
            ini_locations = " ".join("%%(here)s/%s" % os.path.relpath(l, project) for l in locations)
        toml.append('path_separator = "%s"' % rng.choice(["os", "newline", ";"]))
        toml += ['prepend_sys_path = ["."]', ""]
        with open(os.path.join(project, "pyproject.toml"), "w") as fh:
            fh.write("\n".join(toml))
        if layout == "pyproject-ini":
            ini = ["# Logging and the database; the scripts are configured in pyproject.toml"]
            if ini_variant == "section":
                ini += ["[alembic]", "sqlalchemy.url = sqlite:///%(here)s/app.db"]
                if ini_locations:
                    ini.append("version_locations = %s" % ini_locations)
            ini += ["", "[loggers]", "keys = root", "", "[handlers]", "keys = console", "",
                    "[formatters]", "keys = generic", "", "[logger_root]", "level = WARN",
                    "handlers = console", "", "[handler_console]", "class = StreamHandler",
                    "args = (sys.stderr,)", "level = NOTSET", "formatter = generic", "",
                    "[formatter_generic]", "format = %(levelname)-5.5s [%(name)s] %(message)s", ""]
            with open(os.path.join(project, "alembic.ini"), "w") as fh:
                fh.write("\n".join(ini))
        write_scripts(script_dir)


def write_scripts(script_dir):
    """The migrations folder's env.py and script.py.mako."""
    with open(os.path.join(script_dir, "env.py"), "w") as fh:
        fh.write(ENV_PY)
    with open(os.path.join(script_dir, "script.py.mako"), "w") as fh:
        fh.write(SCRIPT_MAKO)


ENV_PY = '''"""Alembic environment of a generated project: offline (--sql) and online modes."""
from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = None


def run_migrations_offline() -> None:
    # A project configured in pyproject.toml alone has no [alembic] section to ask.
    url = "sqlite:///app.db"
    if config.file_config.has_option(config.config_ini_section, "sqlalchemy.url"):
        url = config.get_main_option("sqlalchemy.url")
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True,
                      dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = engine_from_config(config.get_section(config.config_ini_section, {}),
                                     prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
'''

SCRIPT_MAKO = '''"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
${imports if imports else ""}

# revision identifiers, used by Alembic.
revision: str = ${repr(up_revision)}
down_revision: Union[str, Sequence[str], None] = ${repr(down_revision)}
branch_labels: Union[str, Sequence[str], None] = ${repr(branch_labels)}
depends_on: Union[str, Sequence[str], None] = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
'''


def copy_reproducer(spec, out_dir):
    """A hand-made case kept in tests/differential/reproducers/<name>/: a `project/` folder (with
    alembic.ini) or a bare `versions/` folder, and case.json with at least {"plans": [...]}."""
    import shutil
    src = spec["reproducer"]
    shutil.copytree(src, out_dir)
    with open(os.path.join(src, "case.json")) as fh:
        case = json.load(fh)
    case["name"] = spec.get("name") or os.path.basename(src.rstrip("/"))
    case["dir"] = os.path.abspath(out_dir)
    case.setdefault("seed", 0)
    case.setdefault("malformed", "")
    case.setdefault("notes", [])
    project = os.path.join(out_dir, "project")
    if os.path.isfile(os.path.join(project, "alembic.ini")):
        case["layout"] = "project"
        case["project"] = os.path.abspath(project)
        case["versions"] = [os.path.abspath(os.path.join(project, v))
                            for v in case.get("version_dirs", ["migrations/versions"])]
    else:
        case["layout"] = "bare"
        case["project"] = ""
        case["versions"] = [os.path.abspath(os.path.join(out_dir, "versions"))]
    case["revisions"] = sum(1 for v in case["versions"] for f in os.listdir(v) if f.endswith(".py"))
    return case


def generate(spec, out_dir):
    """Generate one case from a spec dict (keys as the command-line options)."""
    if spec.get("reproducer"):
        return copy_reproducer(spec, out_dir)
    malformed = spec.get("malformed") or None
    n = int(spec.get("revisions", 30))
    if malformed and n < 6:
        n = 6
    gen = Generator(seed=int(spec["seed"]), n=n, profile=spec.get("profile", "mixed"),
                    odd=float(spec.get("odd", 0.5)), layout=spec.get("layout", "project"),
                    plans=int(spec.get("plans", 25)), malformed=malformed,
                    no_crash_shapes=bool(spec.get("no_crash_shapes", False)),
                    max_labels=spec.get("max_labels"), folded=float(spec.get("folded", 0.0)),
                    nonliteral=float(spec.get("nonliteral", 0.0)))
    gen.build()
    return gen.write(out_dir, spec.get("name") or "seed%d" % gen.seed)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--suite", help="JSON spec of many cases (writes OUT/manifest.json)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--revisions", type=int, default=30)
    ap.add_argument("--profile", default="mixed", choices=["mixed", "linear", "branchy", "wide"])
    ap.add_argument("--layout", default="project", choices=["project", "bare", "multi", "pyproject", "pyproject-ini"],
                    help="pyproject, pyproject-ini: the configuration in pyproject.toml [tool.alembic] (Alembic 1.16+)")
    ap.add_argument("--odd", type=float, default=0.5, help="probability of odd spellings per file")
    ap.add_argument("--plans", type=int, default=25, help="plan requests to write")
    ap.add_argument("--malformed", choices=MALFORMED_KINDS)
    ap.add_argument("--no-crash-shapes", action="store_true",
                    help="also avoid the shapes on which Alembic 1.8.1's upgrade crashes (benchmarks)")
    ap.add_argument("--max-labels", type=int, help="at most this many branch labels in all")
    ap.add_argument("--folded", type=float, default=0.0,
                    help="fraction of all files written with folded spellings ('a' + 'b', rev_id chains)")
    ap.add_argument("--nonliteral", type=float, default=0.0,
                    help="fraction of files with a value only Python (or --define) can tell")
    args = ap.parse_args(argv)

    if args.suite:
        with open(args.suite) as fh:
            suite = json.load(fh)
        cases = []
        for spec in suite["cases"]:
            cases.append(generate(spec, os.path.join(args.out, spec["name"])))
        manifest = {"cases": cases}
        with open(os.path.join(args.out, "manifest.json"), "w") as fh:
            json.dump(manifest, fh)
        print(json.dumps({"cases": len(cases), "revisions": sum(c["revisions"] for c in cases),
                          "plans": sum(len(c["plans"]) for c in cases)}))
        return 0
    spec = {"seed": args.seed, "revisions": args.revisions, "profile": args.profile,
            "layout": args.layout, "odd": args.odd, "plans": args.plans,
            "malformed": args.malformed, "name": "seed%d" % args.seed,
            "no_crash_shapes": args.no_crash_shapes, "max_labels": args.max_labels,
            "folded": args.folded, "nonliteral": args.nonliteral}
    case = generate(spec, args.out)
    print(json.dumps({"dir": case["dir"], "project": case["project"], "versions": case["versions"],
                      "revisions": case["revisions"], "plans": len(case["plans"])}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
