"""HTTP in and out for the application; the work is in services and selectors."""

from django.shortcuts import render


def start(request):
    return render(request, "requests/start.html")
