"""`manage.py render_application`: an exported answers file in, a PDF out, no web, no worker."""

import json

import pytest
from django.core.management import CommandError, call_command

from . import answers as builder


def write_envelope(path, answers, **envelope):
    path.write_text(
        json.dumps({"schema": "portal-answers", "version": 1, "answers": answers, **envelope}),
        encoding="utf-8",
    )
    return path


def test_the_command_writes_the_pdf_of_an_exported_answers_file(tmp_path, capsys):
    source = write_envelope(tmp_path / "answers.json", builder.every_kind_of_respondent())
    output = tmp_path / "out.pdf"

    call_command("render_application", str(source), "--lang", "both", "--output", str(output))

    assert output.read_bytes().startswith(b"%PDF")
    assert "out.pdf" in capsys.readouterr().out


def test_without_an_output_the_pdf_gets_the_discreet_name(tmp_path, monkeypatch):
    source = write_envelope(tmp_path / "answers.json", builder.self_15())
    monkeypatch.chdir(tmp_path)

    call_command("render_application", str(source), "--lang", "en", "--date", "2026-11-23")

    assert (tmp_path / "application-2026-11-23.pdf").read_bytes().startswith(b"%PDF")


def test_a_file_that_is_not_json_gets_a_clear_error(tmp_path):
    source = tmp_path / "answers.json"
    source.write_text("this is not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not a usable answers file"):
        call_command("render_application", str(source))


def test_a_json_file_that_is_not_an_answers_export_is_refused(tmp_path):
    source = tmp_path / "answers.json"
    source.write_text(json.dumps({"schema": "something-else", "version": 1}), encoding="utf-8")
    with pytest.raises(CommandError, match="not a usable answers file"):
        call_command("render_application", str(source))


def test_answers_with_a_wrong_value_are_refused_naming_the_problem(tmp_path):
    answers = builder.self_15()
    answers["situation"]["kind"] = "not-a-choice"
    source = write_envelope(tmp_path / "answers.json", answers)
    with pytest.raises(CommandError) as refused:
        call_command("render_application", str(source), "--output", str(tmp_path / "x.pdf"))
    assert "not-a-choice" in str(refused.value)
    assert not (tmp_path / "x.pdf").exists()


def test_a_missing_file_gets_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("render_application", str(tmp_path / "nowhere.json"))
