"""What a locked-out sign-in gets: an Arabic page in the desk's frame, status 429,
saying when to try again. No password was checked to get here."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {**admin.site.each_context(request), "cooloff_minutes": minutes}
    response = render(request, "accounts/locked.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
