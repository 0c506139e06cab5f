"""Who is acting, and from where, for audit entries written far from the request (a
model signal, a service): the middleware keeps them for the request's duration."""

import contextvars

from accounts.client_ip import client_ip

_current: contextvars.ContextVar = contextvars.ContextVar("audit_request", default=None)


class AuditContextMiddleware:
    """After AuthenticationMiddleware: remembers the request for ``actor_and_address``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current.set(request)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


def actor_and_address(request=None):
    """``(user or None, address or None)`` of ``request``, else of the request being
    answered; (None, None) outside any (a command, a worker)."""
    request = request or _current.get()
    if request is None:
        return None, None
    user = getattr(request, "user", None)
    user = user if user is not None and user.is_authenticated else None
    return user, client_ip(request)
