"""`import requests` must give this project's app, never the PyPI library of that name."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_requests_gives_this_projects_applications_app():
    import requests

    assert Path(requests.__file__).resolve().is_relative_to(ROOT)
    assert Path(requests.__file__).resolve().parent == ROOT / "requests"


def test_the_pypi_requests_library_is_not_what_import_requests_returns():
    import requests

    assert not hasattr(requests, "get")
    assert not hasattr(requests, "Session")


def test_requests_init_stays_empty_so_importing_it_has_no_side_effects():
    assert (ROOT / "requests" / "__init__.py").read_text().strip() == ""
