"""The benchmark's Django yardstick: a hello-world view behind Newsroom's own settings
and middleware, served by the same gunicorn settings, so benchmarks/traffic.py can
say what a page costs beyond what any Django view costs on this stack."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain")


urlpatterns = [path("", hello)]
settings.ROOT_URLCONF = __name__
application = get_wsgi_application()
