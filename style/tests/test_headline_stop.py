"""The headline full-stop rule (``style/rules/headline_stop.py``)."""

import pytest

from style.rules import Text
from style.tests.rule_cases import mended, run

pytestmark = pytest.mark.usefixtures("english")


def test_a_headline_ending_in_a_full_stop_but_not_an_ellipsis_or_the_body():
    assert mended("headline_stop", "الوزير يزور القاهرة.", "headline") == (
        "الوزير يزور القاهرة"
    )
    assert not run("headline_stop", Text("headline", "ماذا بعد..."))
    assert not run("headline_stop", Text("body", "فقرة."))
