from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class SiteLocaleMiddleware(LocaleMiddleware):
    """The public site is always in the site's language (Arabic, right to left),
    whatever a reader's browser prefers; staff pages (the admin) follow the usual
    negotiation, so staff who prefer English get it there."""

    def is_staff_path(self, request):
        return request.path_info.startswith(settings.NEWSROOM_STAFF_PATH_PREFIXES)

    def process_request(self, request):
        if self.is_staff_path(request):
            return super().process_request(request)
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if self.is_staff_path(request):
            return super().process_response(request, response)
        # No "Vary: Accept-Language": every reader gets the same page.
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
