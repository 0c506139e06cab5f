"""Measured search relevance: a judged set of queries over a fixed corpus.

``judged.toml`` lists the corpus (folders of raw pieces, imported as they are) and the
queries, each with its variant class and the articles that must be found. Each query
also carries the regular expressions over the ORIGINAL text that define its relevant
articles, so the judgements never depend on our own normaliser (a test checks the two
agree). ``evaluate`` imports the corpus, runs every query through our search and
through PostgreSQL's own ``arabic`` configuration, and reports recall@10 and MRR per
variant class. Run ``benchmarks/search_relevance.py`` for the table in the README.
"""
