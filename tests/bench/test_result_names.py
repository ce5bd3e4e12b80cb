"""A benchmark run never writes over the results of an earlier run of the same day."""

from datetime import date

from bench.machine import run_name


def test_the_first_run_of_the_day_is_named_by_the_date_and_the_next_ones_are_numbered(tmp_path):
    today = date.today().isoformat()
    assert run_name(tmp_path, "load") == today

    (tmp_path / f"load-{today}.json").write_text("{}")
    (tmp_path / f"pdf-{today}-2.json").write_text("{}")  # another benchmark's: not counted
    assert run_name(tmp_path, "load") == f"{today}-2"

    (tmp_path / f"load-realistic-{today}-2.html").write_text("")
    assert run_name(tmp_path, "load") == f"{today}-3"
    assert run_name(tmp_path, "pdf") == today
