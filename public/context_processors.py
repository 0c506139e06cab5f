from functools import cached_property

from django.conf import settings

from public import navigation


class Chrome:
    """What every public page shows around its content, read on first use (pages
    that show neither do not read them), in one cache read for both."""

    @cached_property
    def _read(self):
        return navigation.chrome()

    @cached_property
    def sections(self):
        return navigation.main_sections(self._read)

    @cached_property
    def breaking(self):
        return navigation.breaking_news(self._read)


def site(request):
    return {"site_name": settings.NEWSROOM_SITE_NAME, "chrome": Chrome()}
