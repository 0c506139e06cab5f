/* Strings of Django 6.1's admin scripts that our catalogue
   (locale/ar/LC_MESSAGES/djangojs.po) translates in place of Django's Arabic one:
   some it does not translate yet (the date and time widgets of the article form,
   the list's actions), others it spells wrongly. The admin's jsi18n view merges
   our catalogue over Django's. This file is never loaded: `makemessages -d
   djangojs` reads it, so that these strings stay in our catalogue. */
"use strict";

// Not translated in Django's Arabic catalogue yet.
gettext_noop("%(month)s %(day)s, %(year)s");
gettext_noop("%s (today, current selection)");
gettext_noop("%s (today)");
gettext_noop("%s (current selection)");
gettext_noop("server");
ngettext(
  "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour ahead.)",
  "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hours ahead.)",
  0,
);
ngettext(
  "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour behind.)",
  "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hours behind.)",
  0,
);
gettext_noop("Today (%(date)s)");
gettext_noop("Yesterday (%(date)s)");
gettext_noop("Tomorrow (%(date)s)");
gettext_noop("Previous (%(month)s %(year)s)");
gettext_noop("Next (%(month)s %(year)s)");
gettext_noop(
  "You have selected an action, and you haven’t made any changes on individual " +
    "fields. You’re probably looking for the Run button rather than the Save button.",
);

// Translated in Django's catalogue, but misspelt.
gettext_noop("Choose a Time");
gettext_noop("Choose a Date");
gettext_noop("Cancel");
pgettext("one letter Monday", "M");
