"""Test switches shared by the revision files (see alembic.ini)."""
import os
import signal
import sys
import time

import sqlalchemy as sa
from alembic import op


def maybe_misbehave(revision):
    if os.environ.get("BRIDGE_IGNORE_TERM_AT") == revision:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a migration that will not stop politely
    if os.environ.get("BRIDGE_SLEEP_AT") == revision:
        print("sleeping in %s" % revision, flush=True)  # goes to stderr, never into the JSON stream
        time.sleep(float(os.environ.get("BRIDGE_SLEEP_SECONDS", "30")))
    if os.environ.get("BRIDGE_PG_SLEEP_AT") == revision:
        op.execute("SELECT pg_sleep(%s)" % float(os.environ.get("BRIDGE_SLEEP_SECONDS", "30")))
    if os.environ.get("BRIDGE_VICTIM_AT") == revision:
        # Takes an ACCESS EXCLUSIVE lock on the table victim (made by the test), then waits on the
        # server: only a server-side cancel ends this statement.
        op.execute("ALTER TABLE victim ADD COLUMN IF NOT EXISTS touched integer")
        op.execute("SELECT pg_sleep(100000)")
    if os.environ.get("BRIDGE_EXIT_AT") == revision:
        sys.exit(int(os.environ.get("BRIDGE_EXIT_CODE", "0")))
    if os.environ.get("BRIDGE_FAIL_AT") == revision:
        op.create_table("half_done_%s" % revision, sa.Column("id", sa.Integer, primary_key=True))
        raise RuntimeError("deliberate failure in %s" % revision)
