"""Trim schema.org's vocabulary file to what the JSON-LD checks read.

Usage: python trim.py ORIGINAL.jsonld > schemaorg-current-https.jsonld

Keeps every node (classes, properties, enumeration members) with only its ``@id``,
``@type``, ``rdfs:subClassOf``, ``rdfs:subPropertyOf``, ``schema:domainIncludes``,
``schema:rangeIncludes`` and ``schema:supersededBy``: the comments, labels and
mappings to other vocabularies, most of the file's size, go. Nothing is added or
renamed, so the trimmed graph answers exactly as the original does.
"""

import json
import sys

KEPT = (
    "@id",
    "@type",
    "rdfs:subClassOf",
    "rdfs:subPropertyOf",
    "schema:domainIncludes",
    "schema:rangeIncludes",
    "schema:supersededBy",
)


def trim(vocabulary: dict) -> dict:
    graph = sorted(vocabulary["@graph"], key=lambda node: node["@id"])
    return {
        "@context": vocabulary["@context"],
        "@graph": [{k: node[k] for k in KEPT if k in node} for node in graph],
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as original:
        trimmed = trim(json.load(original))
    json.dump(trimmed, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")
