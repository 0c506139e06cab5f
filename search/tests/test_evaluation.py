"""The judged relevance set (search/evaluation/judged.toml): its judgements come from the
original text, and our search finds every judged article in the first ten results, on
whichever database the suite runs on (test_search_postgres.py compares with
PostgreSQL's own Arabic configuration)."""

import pytest

from search.evaluation.evaluate import (
    K,
    corpus_files,
    evaluate,
    import_corpus,
    load,
    oracle,
)

pytestmark = pytest.mark.slow

REQUIRED_CLASSES = {
    "spelling",
    "harakat",
    "tatweel",
    "clitics",
    "digits",
    "names",
    "phrases",
}


@pytest.fixture(scope="module")
def judged():
    folders, queries = load()
    return corpus_files(folders), queries


def test_the_set_has_forty_queries_over_every_variant_class(judged):
    files, queries = judged
    assert len(queries) >= 40
    assert {q.kind for q in queries} == REQUIRED_CLASSES
    assert all(sum(q.kind == kind for q in queries) >= 5 for kind in REQUIRED_CLASSES)
    assert len(files) == 1 + 61 + 253  # the seed, seed-like pieces, TREC pieces


def test_judgements_are_what_the_patterns_find_in_the_original_text(judged):
    files, queries = judged
    for query in queries:
        assert sorted(oracle(files, query.match)) == sorted(query.relevant), query.q
        assert query.relevant, query.q


@pytest.mark.django_db
def test_our_search_finds_every_judged_article_in_the_first_ten(judged):
    files, queries = judged
    ids = import_corpus(files)
    report = evaluate(queries, ids)["ours"]
    missed = [
        (judged.q, round(recall, 2))
        for judged, recall, _rr, _ranked in report["queries"]
        if recall < 1.0
    ]
    assert missed == []
    assert report["all"][1] == 1.0
    assert K == 10
