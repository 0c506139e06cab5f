from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

SEED = Path(settings.BASE_DIR) / "seeds" / "000_4f78182034c9b7d2.txt"


@pytest.fixture
def seed_bytes():
    return SEED.read_bytes()


@pytest.fixture
def desk_sources(db):
    """The sources of fixtures/sources.json, as make run loads them."""
    call_command("load_missing_fixtures", verbosity=0)


@pytest.fixture
def english():
    """Messages in English, as the command line and English-speaking staff see them
    (the test settings' language is Arabic)."""
    with translation.override("en"):
        yield
