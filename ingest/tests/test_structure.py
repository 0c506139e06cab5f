"""The structure a dump is read into (``ingest/importer/structure.py``): the JSON shape,
the documented warning codes, and ParseError."""

import json

import pytest

from ingest.importer.structure import WARNING_CODES
from ingest.tests.importer_cases import SEED, parse, seedlike_cases


@pytest.mark.usefixtures("english")
def test_parse_error_is_a_value_error_with_one_line():
    with pytest.raises(ValueError, match=r"^the file is empty$"):
        parse(b"")


@pytest.mark.usefixtures("english")
def test_to_json_gives_the_seed_structure_and_only_present_extras():
    data = parse(SEED.read_bytes()).to_json()

    assert list(data) == ["headline", "blocks", "sources", "format", "warnings"]
    assert data["blocks"][0] == {
        "type": "figure",
        "alt": 'قوات "شورى ثوار بنغازي" تسيطر على معسكر الدفاع الجوي',
        "caption": (
            "مدينة بنغازي ما زالت تشهد قتالا بين قوات حفتر ومقاتلي مجلس شورى ثوار بنغازي"
        ),
        "credit": "الجزيرة",
    }
    assert data["blocks"][7] == {"type": "subheading", "text": "توتر سياسي وعسكري"}
    assert data["warnings"] == [
        {
            "line": 19,
            "code": "short_line_subheading",
            "params": {},
            "message": "line 19: short line taken as a sub-heading",
        }
    ]
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_every_warning_code_of_the_corpus_is_documented():
    for case in seedlike_cases():
        for warning in parse(case.read_bytes()).warnings:
            assert warning.code in WARNING_CODES
