"""``reverse()`` and ``static()`` remembered.

``reverse()``: the public pages reverse the same few dozen names and
articles on every request (about 25 for an article page, 50 for a list of 20), and
each reversal walks Django's resolver, reading the URL configuration, the script
prefix and the language from thread-locals three times over.

The answer depends only on the URL configuration, the script prefix, the active
language and the arguments, all part of the key; the most recent few thousand
answers are kept per process.

``static()``: a page asks for the same few static files (its styles, fonts, icon,
logo), and each answer reads the installed apps and the storage's manifest again.
The answer depends only on the path and the static files' settings.
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static as django_static
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.translation import get_language

ADDRESSES_KEPT = 4096
STATIC_ADDRESSES_KEPT = 256


#: The argument types an answer is remembered for: 1 and True (or 1.0) are equal
#: keys, yet Django writes them differently.
REMEMBERED_TYPES = frozenset({str, int})


@lru_cache(maxsize=ADDRESSES_KEPT)
def _reverse(urlconf, prefix, language, viewname, args, kwargs):
    return django_reverse(
        viewname, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) or None
    )


def reverse(viewname, *, args=(), kwargs=None):
    """``django.urls.reverse(viewname, args=args, kwargs=kwargs)``, remembered when
    the arguments are strings and ints."""
    args = tuple(args) if args else ()
    kwargs = tuple(kwargs.items()) if kwargs else ()
    for value in args:
        if type(value) not in REMEMBERED_TYPES:
            return django_reverse(viewname, args=args, kwargs=dict(kwargs) or None)
    for _name, value in kwargs:
        if type(value) not in REMEMBERED_TYPES:
            return django_reverse(viewname, args=args or None, kwargs=dict(kwargs))
    return _reverse(
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        get_language(),
        viewname,
        args,
        kwargs,
    )


@lru_cache(maxsize=STATIC_ADDRESSES_KEPT)
def static(path):
    """The address of the static file ``path``, as ``{% static %}`` gives it,
    remembered."""
    return django_static(path)


@receiver(setting_changed)
def _forget_on_change(*, setting, **kwargs):
    # As Django clears its resolvers' caches (tests that swap the URLs).
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()
    # DEBUG too: the manifest storage gives unhashed names under DEBUG.
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES", "INSTALLED_APPS", "DEBUG"}:
        static.cache_clear()
