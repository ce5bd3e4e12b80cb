"""The code's boundaries, read from its source: the apps depend one way, and the answers' keys
are named in one place."""

import ast
from pathlib import Path

from requests.slugs import Slug

ROOT = Path(__file__).resolve().parents[2]


def python_files(*folders: str):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def test_the_walkthrough_app_never_imports_the_helper_accounts():
    """portal.accounts uses requests; requests learns of helpers only through requests.access."""
    offenders = [
        f"{_shown(path)}: {module}"
        for path in python_files("requests")
        for module in imported_modules(path)
        if module == "portal.accounts" or module.startswith("portal.accounts.")
    ]
    assert offenders == []


def test_the_helper_accounts_do_use_the_walkthrough_app():
    """The other direction exists, so the test above reads real imports."""
    users = [
        path for path in python_files("portal/accounts")
        if any(module.split(".")[0] == "requests" for module in imported_modules(path))
    ]
    assert users


SLUGS = {slug.value for slug in Slug}


def slug_literals_used_as_keys(path: Path) -> list[str]:
    """Slugs written out as a dict key, a subscript, a .get() or an `in` test."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        candidates = []
        if isinstance(node, ast.Subscript):
            candidates.append(node.slice)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") in {"get", "pop"}:
            candidates.extend(node.args[:1])
        elif isinstance(node, ast.Compare) and any(
            isinstance(op, (ast.In, ast.NotIn)) for op in node.ops
        ):
            candidates.append(node.left)
        elif isinstance(node, ast.Dict):
            candidates.extend(key for key in node.keys if key is not None)
        found.extend(
            f"{_shown(path)}:{candidate.lineno} {candidate.value!r}"
            for candidate in candidates
            if isinstance(candidate, ast.Constant) and candidate.value in SLUGS
        )
    return found


def test_no_code_of_the_portal_writes_a_slug_out_as_a_key_of_the_answers():
    offenders = [
        found
        for path in python_files("requests", "portal")
        if path.name != "slugs.py"
        for found in slug_literals_used_as_keys(path)
    ]
    assert offenders == []


def test_the_slug_finder_sees_the_ways_a_key_is_written(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'a["who"]\nb.get("parties")\n"check" in c\nd = {"orders": 1}\ne = "items"\n'
    )
    found = slug_literals_used_as_keys(sample)
    assert [line.split(" ")[1] for line in found] == ["'who'", "'parties'", "'check'", "'orders'"]


def names_the_stored_answers(node) -> bool:
    return (isinstance(node, ast.Name) and node.id == "answers") or (
        isinstance(node, ast.Attribute) and node.attr == "answers"
    )


def raw_answer_reads(path: Path) -> list[str]:
    """`answers[...]`, `x.answers[...]`, `answers.get(...)` and the like."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Subscript) and names_the_stored_answers(node.value):
            found.append(f"{_shown(path)}:{node.lineno}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"get", "items", "keys", "values", "setdefault", "pop"}
            and names_the_stored_answers(node.func.value)
        ):
            found.append(f"{_shown(path)}:{node.lineno}")
    return found


def test_what_prints_or_shows_answers_reads_them_only_through_the_typed_answers():
    """The documents, the letters, the pages after the document and the helpers' pages read
    requests/answers.py's objects, never the stored dict."""
    readers = [
        *python_files("requests/documents"),
        ROOT / "requests" / "after.py",
        *python_files("portal/accounts"),
    ]
    assert [found for path in readers for found in raw_answer_reads(path)] == []


def test_the_raw_read_finder_sees_the_ways_answers_are_read(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("answers['who']\napplication.answers.get('x')\ncontext.answers.items\n")
    assert [line.rsplit(":", 1)[1] for line in raw_answer_reads(sample)] == ["1", "2"]
