"""French typography: no-break spaces where French puts them, addresses left as typed."""

import pytest

from requests.documents.typography import french_typography, french_typography_html

NNBSP = "\u202f"
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("« bonjour »", f"«{NNBSP}bonjour{NNBSP}»"),
        ("«bonjour»", f"«{NNBSP}bonjour{NNBSP}»"),
        ("Adresse : ici", f"Adresse{NBSP}: ici"),
        ("Adresse: ici", f"Adresse{NBSP}: ici"),
        ("Personne visée 1: Alex", f"Personne visée 1{NBSP}: Alex"),
        ("Vraiment ? Oui ! Bon ; voilà", f"Vraiment{NNBSP}? Oui{NNBSP}! Bon{NNBSP}; voilà"),
    ],
)
def test_french_punctuation_gets_a_no_break_space(typed, printed):
    assert french_typography(typed) == printed


@pytest.mark.parametrize(
    "typed",
    [
        "https://www.example.org/page?id=3&x=1!",
        "file:///etc/passwd",
        "url(http://127.0.0.1:8000/x.css);",
        "camille@example.org",
        "Quebec.ca/imagesintimes",
        "à 14:30",
    ],
)
def test_addresses_and_times_are_left_exactly_as_typed(typed):
    assert french_typography(typed) == typed


def test_only_the_text_of_the_html_changes_never_the_markup_or_the_style():
    html = '<p title="a : b">Note : &lt;b&gt; &amp; «x»</p><style>a:hover{color:red}</style>'
    assert french_typography_html(html) == (
        f'<p title="a : b">Note{NBSP}: &lt;b&gt; &amp; «{NNBSP}x{NNBSP}»</p>'
        "<style>a:hover{color:red}</style>"
    )


def test_a_colon_right_after_an_address_is_kept_on_the_same_line():
    printed = french_typography("Cyberaide.ca : 1 866 658-9022")
    assert printed == f"Cyberaide.ca{NBSP}: 1 866 658-9022"
