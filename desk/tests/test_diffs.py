"""Comparing two revisions: fields, sources and figures, words marked."""

import pytest

from articles.services.revisions import revisions_of, snapshot
from articles.tests.factories import (
    make_article,
    make_caption,
    make_source,
)
from articles.tests.html import elements
from desk.diffs import snapshot_diff, text_diff
from desk.tests.desk_forms import save_form

pytestmark = pytest.mark.django_db


def test_a_revision_keeps_the_captions_and_sources_as_they_were(desk):
    wafa = make_source(name="وفا")
    article = make_article(sources=[wafa])
    make_caption(article, position=1, text="تعليق أول", credit=wafa)
    save_form(desk, article)
    first = revisions_of(article).first()
    save_form(
        desk,
        article,
        **{"captions-0-text": "تعليق معدل", "captions-0-alt_text": "وصف جديد"},
        sources=[make_source(name="الأناضول").pk],
    )
    second = revisions_of(article).first()
    snapshots = {first.pk: snapshot(first), second.pk: snapshot(second)}
    (old_figure,) = snapshots[first.pk].figures.values()
    (new_figure,) = snapshots[second.pk].figures.values()
    assert (old_figure.text, new_figure.text) == ("تعليق أول", "تعليق معدل")
    assert (old_figure.alt_text, new_figure.alt_text) == ("تعليق أول", "وصف جديد")
    assert snapshots[first.pk].sources == ["وفا"]
    assert snapshots[second.pk].sources == ["الأناضول"]
    changes, figures = snapshot_diff(snapshots[first.pk], snapshots[second.pk])
    assert [(c.old, c.new) for c in changes] == [("وفا", "الأناضول")]
    assert [(f.kind, [c.label for c in f.changes]) for f in figures] == [
        ("changed", ["التعليق", "النص البديل"])
    ]


def test_text_diff_marks_words_and_escapes_html():
    assert str(text_diff("<b>قديم</b> نص", "<b>جديد</b> نص")) == (
        "<del>&lt;b&gt;قديم&lt;/b&gt;</del><ins>&lt;b&gt;جديد&lt;/b&gt;</ins> نص"
    )


def test_text_diff_keeps_only_the_lines_around_a_change():
    old = "\n\n".join(f"فقرة {n}." for n in range(1, 9))
    new = old.replace("فقرة 5.", "فقرة خامسة.")
    diff = str(text_diff(old, new))
    assert elements(diff, "del", text="5.") and elements(diff, "ins", text="خامسة.")
    assert "فقرة 4." in diff and "فقرة 6." in diff
    assert "فقرة 1." not in diff and "فقرة 8." not in diff
    assert diff.count('<span class="desk-diff-skip">⋯</span>') == 2


def test_line_ends_alone_are_not_a_change(desk):
    article = make_article(body="فقرة أولى.\n\nفقرة ثانية.", sources=[make_source()])
    save_form(desk, article)
    save_form(desk, article, body="فقرة أولى.\r\n\r\nفقرة ثانية.")
    assert article.body == "فقرة أولى.\n\nفقرة ثانية."
    newer, older = list(revisions_of(article))[:2]
    assert snapshot_diff(snapshot(older), snapshot(newer)) == ([], [])


def test_a_comparison_names_section_tag_and_author_changes(desk, default_sections):
    from articles.models import Section
    from articles.tests.factories import make_author, make_tag

    article = make_article()
    save_form(desk, article)
    first = revisions_of(article).first()
    save_form(
        desk,
        article,
        section=Section.objects.get(name="رياضة").pk,
        tags=[make_tag("كأس العالم").pk],
        authors=[make_author("سارة حسن"), make_author("أحمد علي")],
    )
    second = revisions_of(article).first()
    changes, _figures = snapshot_diff(snapshot(first), snapshot(second))
    assert [(c.label, c.old, c.new) for c in changes] == [
        ("القسم", "", "رياضة"),
        ("الوسوم", "", "كأس العالم"),
        ("الكتّاب", "", "سارة حسن، أحمد علي"),
    ]
