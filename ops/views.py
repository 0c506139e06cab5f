"""Health endpoints for load balancers and orchestrators: never cached, answered
before sessions or the database are touched (healthz), and not logged as errors."""

from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import checks


@never_cache
@require_safe
def healthz(request):
    """The process is up and answering."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def readyz(request):
    """200 when the database, the cache and the media storage all answer; 503 with
    the reasons otherwise (the load balancer then sends traffic elsewhere)."""
    reasons = checks.problems()
    response = JsonResponse(
        {"ready": not reasons, "problems": reasons}, status=503 if reasons else 200
    )
    if reasons:
        response["Retry-After"] = "5"
        # A not-ready answer is this endpoint's job, not an error to log per hit.
        response._has_been_logged = True
    return response
