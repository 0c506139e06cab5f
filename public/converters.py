class UnicodeSlugConverter:
    """Like Django's ``<slug:>``, which is ASCII-only, but for Unicode (Arabic) slugs."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
