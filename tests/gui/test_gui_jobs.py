"""The job threads behind the window: a newer request replaces one still waiting (typing in the
search box, editing a tag with its live preview), so only the latest is worked out and shown."""
from __future__ import annotations

import threading


def test_a_newer_job_with_the_same_key_replaces_a_waiting_one(qtbot):
    from photoclip.gui.jobs import JobThread

    thread = JobThread("photoclip-test")
    thread.start()
    gate = threading.Event()
    ran, shown = [], []
    try:
        thread.submit(lambda ctx: gate.wait(30))  # the thread is busy: what follows waits
        for n in (1, 2, 3):  # three edits in a row
            thread.submit(lambda ctx, n=n: ran.append(n) or n, shown.append, key="tag-preview")
        thread.submit(lambda ctx: "other", shown.append, key="count")  # another key is kept
        gate.set()
        qtbot.waitUntil(lambda: len(shown) == 2)
    finally:
        gate.set()
        thread.stop()
    assert ran == [3] and shown == [3, "other"]
