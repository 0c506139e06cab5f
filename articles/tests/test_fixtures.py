import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Source, SourceAlias
from articles.text import arabic_slugify, match_key

pytestmark = pytest.mark.django_db

FIXTURES = sorted((Path(settings.BASE_DIR) / "fixtures").glob("*.json"))
DESK_SOURCES = [
    "الجزيرة",
    "الجزيرة نت",
    "رويترز",
    "الفرنسية",
    "الأوروبية",
    "أسوشيتد برس",
    "الأناضول",
    "غيتي",
    "الألمانية",
    "وكالات",
    "مواقع التواصل",
]


def test_loaddata_loads_every_fixture_on_a_fresh_database():
    call_command("loaddata", *FIXTURES, verbosity=0)
    names = set(Source.objects.values_list("name", flat=True))
    assert set(DESK_SOURCES) <= names
    assert Source.objects.filter(name_en="").count() == 0


def test_fixture_credits_resolve_through_alternative_spellings():
    call_command("loaddata", *FIXTURES, verbosity=0)
    assert SourceAlias.objects.get(key=match_key("فرانس برس")).source.name == "الفرنسية"
    assert SourceAlias.objects.get(key=match_key("Reuters")).source.name == "رويترز"
    assert SourceAlias.objects.get(key=match_key("AP")).source.name == "أسوشيتد برس"


def test_fixture_derived_columns_match_what_save_would_compute():
    # loaddata saves raw rows, bypassing Source.save(): the fixture must carry
    # exactly the keys and slugs the model would derive.
    for path in FIXTURES:
        for obj in json.loads(path.read_text(encoding="utf-8")):
            fields = obj["fields"]
            if obj["model"] in {"articles.source", "articles.sourcealias"}:
                assert fields["key"] == match_key(fields["name"]), fields["name"]
            if obj["model"] == "articles.source":
                assert fields["slug"] == arabic_slugify(fields["name"], max_length=120)


def test_load_missing_fixtures_adds_only_what_is_missing_and_keeps_edits():
    call_command("load_missing_fixtures", verbosity=0)
    total = Source.objects.count()
    reuters = Source.objects.get(name="رويترز")
    reuters.name_en = "Reuters News Agency"
    reuters.save()
    Source.objects.get(name="غيتي").delete()

    call_command("load_missing_fixtures", verbosity=0)

    assert Source.objects.count() == total
    assert Source.objects.get(name="رويترز").name_en == "Reuters News Agency"
    assert Source.objects.get(name="غيتي").aliases.filter(name="Getty Images").exists()


def test_load_missing_fixtures_attaches_aliases_to_an_existing_source_of_that_name():
    Source.objects.create(name="ضيف", kind="other")  # takes id 1 before the fixtures
    existing = Source.objects.create(name="رويترز", kind="agency")
    call_command("load_missing_fixtures", verbosity=0)
    assert existing.aliases.filter(name="Reuters").exists()
    assert Source.objects.get(name="الجزيرة").aliases.filter(name="Al Jazeera").exists()
    # New rows after explicit ids still get fresh ids (sequences were reset).
    assert Source.objects.create(name="مصدر جديد").pk > Source.objects.count() - 1
