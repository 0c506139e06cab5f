from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction


class Command(BaseCommand):
    help = (
        "Load the fixture objects that are not in the database yet and leave every "
        "existing row as it is (loaddata would overwrite rows editors have changed). "
        "An object counts as present when a row has the same unique value (a source's "
        "name, say); references to it follow that row."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", help="Fixture files (default: every fixtures/*.json)."
        )

    def handle(self, *args, paths, **options):
        files = [Path(p) for p in paths] or sorted(
            (Path(settings.BASE_DIR) / "fixtures").glob("*.json")
        )
        self.remap = {}
        created = kept = 0
        models = set()
        with transaction.atomic():
            for path in files:
                try:
                    items = list(
                        serializers.deserialize(
                            "json", path.read_text(encoding="utf-8")
                        )
                    )
                except (OSError, serializers.base.DeserializationError) as error:
                    raise CommandError(f"{path}: {error}") from error
                for item in items:
                    if self._add(item):
                        created += 1
                        models.add(type(item.object))
                    else:
                        kept += 1
            # Rows saved with explicit ids leave PostgreSQL sequences behind.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
        if options["verbosity"]:
            self.stdout.write(
                f"Fixtures: {created} object(s) added, {kept} already present."
            )

    def _add(self, item):
        """Save ``item`` unless a row with one of its unique values exists; return
        whether it was saved."""
        obj = item.object
        model = type(obj)
        fixture_pk = obj.pk
        for field in model._meta.concrete_fields:
            if field.is_relation:
                target = (field.related_model, getattr(obj, field.attname))
                if target in self.remap:
                    setattr(obj, field.attname, self.remap[target])
        for field in model._meta.concrete_fields:
            value = getattr(obj, field.attname)
            if field.unique and not field.primary_key and value not in (None, ""):
                existing = model._default_manager.filter(
                    **{field.attname: value}
                ).first()
                if existing is not None:
                    self.remap[(model, fixture_pk)] = existing.pk
                    return False
        if model._default_manager.filter(pk=fixture_pk).exists():
            obj.pk = None
        item.save()
        if obj.pk != fixture_pk:
            self.remap[(model, fixture_pk)] = obj.pk
        return True
