"""The load benchmark's people poll for their documents as the waiting page does: the pauses
come from the page's own script, never from a copy that could drift from it."""

import pytest

from bench.page_timers import POLL_SCRIPT, poll_delays_s


def test_the_pauses_are_the_scripts_first_then_short_then_long():
    delays = poll_delays_s()

    assert delays[0] == 0.5  # one document alone takes about that
    assert set(delays[1:-1]) == {1.0}
    assert delays[-1] == 2.0
    assert 1 <= len(delays) - 2 <= 5  # a long queue is asked every 2 s soon, not after 20 s


def test_a_renamed_timer_in_the_script_is_an_error_not_a_silent_default(tmp_path):
    script = tmp_path / "document-status.js"
    script.write_text(POLL_SCRIPT.read_text().replace("SOON_TRIES", "TRIES_SOON"))

    with pytest.raises(ValueError, match="SOON_TRIES"):
        poll_delays_s(script)
