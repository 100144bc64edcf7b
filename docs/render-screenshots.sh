#!/usr/bin/env bash
# Renders the screenshots the window is judged by (docs/SCREENSHOTS.md), offscreen, into DIR
# (default: ./screenshots). Needs a build (BUILD_DIR, default: build) with its tests.
#   docs/render-screenshots.sh [DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-screenshots}")"
build="$(realpath -m "${BUILD_DIR:-$here/build}")"
retort="$build/src/app/retort"
mkdir -p "$out"
export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="qt.qpa.*=false"
export HOME="$(mktemp -d)"   # a fresh settings folder: the default layout, the demo database
trap 'rm -rf "$HOME"' EXIT

for size in 1024x640 1400x900 1920x1080; do
  "$retort" --size "$size" --screenshot "$out/demo-$size.png" >/dev/null
done
"$retort" --theme light --screenshot "$out/demo-light.png" >/dev/null
"$retort" --theme dark --screenshot "$out/demo-dark.png" >/dev/null
LANG=pt_BR.UTF-8 LC_ALL=pt_BR.UTF-8 LANGUAGE=pt_BR "$retort" --screenshot "$out/demo-pt_BR.png" >/dev/null
# A failed run (pt_BR) and the connection dialog with a wrong password come from the tests that
# check them (a throwaway PostgreSQL cluster, the real Alembic).
RETORT_SCREENSHOT_DIR="$out" "$build/tests/tst_WindowAsMet" aFailedRunSaysWhatTheDatabaseHoldsInTheUsersLanguage \
    theConnectionDialogOpensOnTheUrlAndNamesARefusedLogin >/dev/null
# New Revision, its review (English and pt_BR), the Python editor and the drift report.
RETORT_SCREENSHOT_DIR="$out" "$build/tests/tst_RevisionWorkflow" emptyRevisionBecomesTheHead \
    autogenerateProposesTheMissingTable theReviewReadsInPortuguese driftCheckAddsAFinding \
    pythonEditorFindsReplacesSavesAndReloads >/dev/null
# The reset confirmation of a database on another host (its name has to be typed).
RETORT_SCREENSHOT_DIR="$out" "$build/tests/tst_MainWindow" resettingARemoteDatabaseNeedsItsHostTyped >/dev/null
# The project's Python interpreter, chosen and checked.
RETORT_SCREENSHOT_DIR="$out" "$build/tests/tst_WindowWorkspace" theInterpreterDialogChecksThePathItIsGiven >/dev/null
# Bootstrap History: the missing initial revision, every step shown before Apply.
RETORT_SCREENSHOT_DIR="$out" "$build/tests/tst_WindowBootstrap" preparedShownThenAppliedWithTheMouse \
    theReviewReadsInPortugueseInASmallWindow >/dev/null
ls -1 "$out"
