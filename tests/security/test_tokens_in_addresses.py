"""No token that grants an account, or opens someone's draft, is ever part of an address that
a log keeps.

The probe found invitation links carrying their token in the path (`GET /…/invitation/<token>/`),
so every proxy and access log kept a working key to a new helper account.
"""

import re

import pytest
from django.urls import get_resolver, reverse

from portal.accounts.models import Invitation
from tests.accounts.conftest import helper_make, organisation_make, sign_in_fully

pytestmark = pytest.mark.django_db


def _all_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _all_patterns(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def test_no_address_of_the_site_takes_a_code_or_a_token():
    for pattern in _all_patterns():
        assert not re.search(r"<(?:str:)?(?:token|code)>", pattern), pattern


def test_the_invitation_link_carries_its_code_where_browsers_never_send_it(client):
    admin = helper_make(organisation_make(), is_org_admin=True)
    sign_in_fully(client, admin)
    html = client.post(
        "/en/helpers/organisation/", {"name": "Léa Roy", "email": "", "role": "teacher"}
    ).content.decode()

    link = re.search(r"(http://testserver/en/helpers/invitation/[^<\s]*)", html).group(1)
    address, _hash, code = link.partition("#")
    assert address == "http://testserver" + reverse("accounts:invitation").replace("/fr/", "/en/")
    assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){3}", code)
    assert code not in address
    assert Invitation.objects.get().token_digest != code

    # Opening the link sends only the address; the code goes in the form's body.
    client.post("/en/helpers/sign-out/")
    response = client.post(address, {"code": code})
    assert response["Location"] == reverse("accounts:invitation-account").replace("/fr/", "/en/")
    assert code not in response["Location"]
