"""Strings that Django 6.1's admin shows but its Arabic catalogue does not translate
yet. Naming them here puts them in our catalogue (locale/ar), which Django reads
first, so the desk has no English left in it."""

from django.utils.translation import gettext_noop

DJANGO_61_ADMIN_STRINGS = [
    gettext_noop("Run"),
    gettext_noop("- Select an option -"),
    gettext_noop("Filter by %(field_name)s"),
]
