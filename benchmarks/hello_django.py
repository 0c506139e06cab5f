"""The benchmark's Django yardstick: a hello-world view behind Newsroom's own settings
and middleware, served by the same gunicorn settings, so benchmarks/traffic.py can
say what a page costs beyond what any Django view costs on this stack."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import include, path

application = get_wsgi_application()  # sets Django up: the project's URLs load now


def hello(request):
    return HttpResponse("Hello, world", content_type="text/plain")


# The project's URLs too: its middleware reverses some of them on every request.
urlpatterns = [path("", hello), path("", include("newsroom.urls"))]
settings.ROOT_URLCONF = __name__
