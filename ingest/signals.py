"""The ingest app's signals, for what follows imports (the audit trail)."""

from django.dispatch import Signal

#: Sent once per import run (a command, a desk upload, a background batch) with
#: ``user`` (or None), ``counts`` ({status: files}) and ``where`` (what was read).
files_imported = Signal()
