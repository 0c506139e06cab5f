"""Signals of the domain for writes that bypass ``save()`` and ``delete()``.

``articles_changed`` is sent by code that writes many articles at once (``bulk_create``,
``QuerySet.update``), which sends no model signal: whatever listens to the models'
``post_save`` to learn that the public may see something new listens to it too."""

from django.dispatch import Signal

#: Sent with ``sender`` the Article model once the rows are written.
articles_changed = Signal()

#: Sent by ``services.source_merge`` with ``source_name`` (the merged source's name),
#: ``into`` (the source kept) and ``by`` (who merged them).
sources_merged = Signal()

#: Sent by ``services.correction_publish`` with ``correction`` (just published) and
#: ``by`` (the editor who published it).
correction_published = Signal()

#: Sent by ``services.tag_merge`` with ``tag_name`` (the merged tag's name), ``into``
#: (the tag kept), ``by`` (who merged them) and ``articles`` (the ids of the articles
#: moved onto ``into``, whose pages changed).
tags_merged = Signal()
