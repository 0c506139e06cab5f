"""Strings of Django 6.1's admin that our catalogue (locale/ar), which Django reads
first, translates in its place: some its Arabic catalogue does not translate yet,
others whose translation cannot agree with our models' names (مقال is masculine,
صورة feminine, so "اختر %s لتغييره" is wrong for one of them) or says something else.
Naming them here keeps them in our catalogue; ours are worded to fit any model."""

from django.utils.translation import gettext_noop

DJANGO_61_ADMIN_STRINGS = [
    gettext_noop("Run"),
    gettext_noop("- Select an option -"),
    gettext_noop("Filter by %(field_name)s"),
]

#: Translated in Django's catalogue, but with an agreement that fits only some models.
DJANGO_ADMIN_AGREEMENT = [
    gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
]
