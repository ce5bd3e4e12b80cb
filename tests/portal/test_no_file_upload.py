"""No page ever asks for an image: there is no file input anywhere."""

import pytest

PAGES = ["/fr/", "/en/", "/fr/staying-safe/", "/en/staying-safe/", "/fr/start/", "/en/start/"]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", PAGES)
def test_the_page_has_no_file_input(client, path):
    response = client.get(path, follow=True)
    html = response.content.decode().lower()

    assert response.status_code == 200
    assert 'type="file"' not in html
    assert "type=file" not in html
    assert 'enctype="multipart/form-data"' not in html
