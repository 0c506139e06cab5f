from django.conf import settings
from django.utils import translation


class NewsroomLanguageMiddleware:
    """Arabic everywhere, whatever the browser asks for; in the admin, the language a
    staff member chose with Django's set_language view (its cookie) instead.

    Django's LocaleMiddleware would follow the browser's Accept-Language and show an
    English desk to anyone whose browser is set to English.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = settings.LANGUAGE_CODE
        if request.path_info.startswith("/admin/"):
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if chosen in self.languages:
                language = chosen
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
