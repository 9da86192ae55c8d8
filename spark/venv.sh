#!/bin/sh
# Creates (once) the Python environment of the Spark / dbt check in .spark/venv (gitignored),
# with the pinned versions of spark/requirements.txt; reinstalls when that file changes.
set -eu
cd "$(dirname "$0")/.."
VENV=.spark/venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! cmp -s spark/requirements.txt "$VENV/requirements.txt"; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r spark/requirements.txt
  cp spark/requirements.txt "$VENV/requirements.txt"
fi
