"""The importer's messages: English templates with their parameters, put into words
in the language active when they are shown, not when the file was parsed.

The importer imports nothing from Django. ``_`` and ``ngettext`` here mark a template
for the translation catalogues (``makemessages`` finds them by these names) and return a
:class:`Text`, which keeps the template and its parameters; ``str()`` renders it through
the translation functions installed with :func:`use_translation` (the ``ingest`` app
installs Django's when it starts), or in English when none is.

    warning = _("repeats line %(line)s; the copy is dropped") % {"line": 4}
    str(warning)  # in Arabic in the desk, in English on the command line
"""

from collections.abc import Callable


def _english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


_gettext: Callable[[str], str] = str
_ngettext: Callable[[str, str, int], str] = _english_plural


def use_translation(
    gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str]
) -> None:
    """Render every :class:`Text` through these functions from now on."""
    global _gettext, _ngettext
    _gettext, _ngettext = gettext, ngettext


class Text:
    """A message to translate when shown: a template (or a singular and plural
    template and a count) and its parameters, which may be :class:`Text` themselves.
    Behaves as the rendered string for comparison, ``in``, hashing and str methods."""

    def __init__(
        self,
        template: str,
        params: dict | None = None,
        *,
        plural: str | None = None,
        count: int | None = None,
    ):
        self.template = template
        self.params = params or {}
        self.plural = plural
        self.count = count

    def __mod__(self, params: dict) -> "Text":
        return Text(self.template, params, plural=self.plural, count=self.count)

    def __str__(self) -> str:
        if self.plural is not None:
            template = _ngettext(self.template, self.plural, self.count)
        else:
            template = _gettext(self.template)
        if not self.params:
            return template
        return template % {name: _plain(value) for name, value in self.params.items()}

    def __repr__(self) -> str:
        return f"Text({str(self)!r})"

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __contains__(self, part: str) -> bool:
        return part in str(self)

    def __len__(self) -> int:
        return len(str(self))

    def __getattr__(self, name: str):
        # str's methods (startswith, split, ...) on the rendered text.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(str(self), name)

    def __getstate__(self) -> dict:
        return dict(self.__dict__)

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def json_params(self) -> dict:
        """The parameters as JSON values (nested messages rendered)."""
        return {name: _plain(value) for name, value in self.params.items()}


def _plain(value):
    return str(value) if isinstance(value, Text) else value


def _(template: str) -> Text:
    return Text(template)


def ngettext(singular: str, plural: str, count: int) -> Text:
    return Text(singular, plural=plural, count=count)
