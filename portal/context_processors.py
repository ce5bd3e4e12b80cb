from django.conf import settings
from django.urls import translate_url


def site(request):
    """Site name, quick-exit target and the same page in the other language."""
    other_language = "en" if request.LANGUAGE_CODE == "fr" else "fr"
    return {
        "SITE_NAME": settings.SITE_NAME,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "other_language": other_language,
        "other_language_url": translate_url(request.get_full_path(), other_language),
    }
