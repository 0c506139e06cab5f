"""A section page's list: the stories of its front as editors arranged them, then
the rest newest first, for Django's paginator. Sorting the whole section by each
story's place on the front would cost a lookup per article of the section (it grows
with the archive); here the arranged stories (a handful) are read once, and a page
of the rest is an index walk on the publication time, as on every list page."""


class ArrangedFirst:
    """``arranged`` (a list, in the front's order) then ``rest`` (a queryset that
    excludes them, newest first), sliced and counted as one list."""

    def __init__(self, arranged, rest):
        self.arranged = arranged
        self.rest = rest

    def count(self):
        return len(self.arranged) + self.rest.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("ArrangedFirst takes plain slices.")
        start = key.start or 0
        stop = key.stop if key.stop is not None else self.count()
        head = self.arranged[start:stop]
        skip = len(self.arranged)
        if stop <= skip:
            return head
        return head + list(self.rest[max(start - skip, 0) : stop - skip])
