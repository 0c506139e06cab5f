"""Strings of Django 6.1's admin that our catalogue (locale/ar), which Django reads
first, translates in its place: some its Arabic catalogue does not translate yet,
others whose translation agrees with masculine names only (مقال and مصدر are
masculine, صورة feminine: "اختر %s لتغييره" is wrong for photos) or says something
else ("The … was changed successfully" reads "added" there). Naming them here keeps
them in our catalogue; ours are worded to fit any model. The lists of articles,
photos and sources have titles of their own (see DeskAdminMixin)."""

from django.utils.translation import gettext_noop

DJANGO_61_ADMIN_STRINGS = [
    gettext_noop("Run"),
    gettext_noop("- Select an option -"),
    gettext_noop("Filter by %(field_name)s"),
]

#: Translated in Django's catalogue, but with an agreement that fits only some
#: models, or a wrong meaning.
DJANGO_ADMIN_AGREEMENT = [
    gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("You may edit it again below."),
    gettext_noop(
        "The {name} “{obj}” was changed successfully. You may edit it again below."
    ),
    gettext_noop(
        "The {name} “{obj}” was added successfully. You may add another {name} below."
    ),
    gettext_noop(
        "The {name} “{obj}” was changed successfully. You may add another {name} below."
    ),
    gettext_noop("Added {name} “{object}”."),
    gettext_noop("Changed {fields} for {name} “{object}”."),
    gettext_noop("Deleted {name} “{object}”."),
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("Add another %(model)s"),
    gettext_noop("Change selected %(model)s"),
    gettext_noop("Delete selected %(model)s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Select all %(total_count)s %(module_name)s"),
]
