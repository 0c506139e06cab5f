"""Checking a page's JSON-LD against the schema.org vocabulary: every type must be
a schema.org class, every property a schema.org property that the type (or one of
its superclasses) may carry (``schema:domainIncludes``).

The vocabulary is schema.org's own file, vendored and trimmed in ``schemaorg/``
(see its README for where it comes from and its version)."""

import functools
import json
from pathlib import Path

VOCABULARY = Path(__file__).parent / "schemaorg" / "schemaorg-current-https.jsonld"
PREFIX = "schema:"
#: Action properties may be given as their input or output specification
#: (schema.org's "Potential Actions": ``query-input`` for ``query``).
ACTION_SUFFIXES = ("-input", "-output")


def _ids(value) -> set[str]:
    """The schema.org names a node's field refers to (one reference or a list)."""
    refs = value if isinstance(value, list) else [value]
    return {
        ref["@id"].removeprefix(PREFIX)
        for ref in refs
        if isinstance(ref, dict) and ref.get("@id", "").startswith(PREFIX)
    }


class Vocabulary:
    """The classes (with their superclasses) and properties (with the classes that
    may carry them, their own and their superproperties') of schema.org."""

    def __init__(self, graph: list[dict]):
        self.parents: dict[str, set[str]] = {}
        self.domains: dict[str, set[str]] = {}
        self.superproperties: dict[str, set[str]] = {}
        for node in graph:
            name = node["@id"].removeprefix(PREFIX)
            kinds = (
                node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
            )
            if "rdfs:Class" in kinds:
                self.parents[name] = _ids(node.get("rdfs:subClassOf", []))
            if "rdf:Property" in kinds:
                self.domains[name] = _ids(node.get("schema:domainIncludes", []))
                self.superproperties[name] = _ids(node.get("rdfs:subPropertyOf", []))

    @functools.cache  # noqa: B019 (one vocabulary per process, never freed)
    def ancestors(self, name: str) -> frozenset[str]:
        """``name`` and every class above it, following ``rdfs:subClassOf``."""
        found = {name}
        for parent in self.parents.get(name, ()):
            found |= self.ancestors(parent)
        return frozenset(found)

    def allowed_on(self, prop: str) -> set[str]:
        """The classes ``prop`` may be used on, its superproperties' included."""
        domains = set(self.domains.get(prop, ()))
        for parent in self.superproperties.get(prop, ()):
            domains |= self.allowed_on(parent)
        return domains

    def errors(self, data, where: str = "") -> list[str]:
        """What in the JSON-LD ``data`` (a node, a list or an ``@graph``) is not
        schema.org: unknown types, unknown properties, properties on a type that
        may not carry them, nodes with properties but no type."""
        if isinstance(data, list):
            return [
                e
                for n, item in enumerate(data)
                for e in self.errors(item, f"{where}[{n}]")
            ]
        if not isinstance(data, dict):
            return []
        found = []
        if "@graph" in data:
            found += self.errors(data["@graph"], f"{where}@graph")
        properties = {k: v for k, v in data.items() if not k.startswith("@")}
        types = data.get("@type")
        types = types if isinstance(types, list) else [types] if types else []
        if properties and not types:
            found.append(f"{where or '/'}: a node with properties and no @type")
        for name in types:
            if name not in self.parents:
                found.append(f"{where or '/'}: {name} is not a schema.org type")
        classes = set().union(*(self.ancestors(t) for t in types if t in self.parents))
        for key, value in properties.items():
            here = f"{where}/{key}"
            prop = key
            for suffix in ACTION_SUFFIXES:
                if key.endswith(suffix) and "Action" in classes:
                    prop = key.removesuffix(suffix)
            if prop not in self.domains:
                found.append(f"{here}: {key} is not a schema.org property")
            elif classes and not classes & self.allowed_on(prop):
                found.append(f"{here}: {key} is not a property of {', '.join(types)}")
            found += self.errors(value, here)
        return found


@functools.cache
def vocabulary() -> Vocabulary:
    with VOCABULARY.open(encoding="utf-8") as file:
        return Vocabulary(json.load(file)["@graph"])


def json_ld(html: str, base_url: str = "http://testserver/") -> list[dict]:
    """The page's JSON-LD blocks, read as search engines read them (``extruct``)."""
    import extruct

    return extruct.extract(html, base_url=base_url, syntaxes=["json-ld"])["json-ld"]


def schema_org_errors(blocks: list[dict]) -> list[str]:
    """What in the JSON-LD ``blocks`` is not schema.org (see ``Vocabulary.errors``);
    every block must say it is."""
    found = []
    for n, block in enumerate(blocks):
        if block.get("@context") not in ("https://schema.org", "http://schema.org"):
            found.append(f"[{n}]: @context is not schema.org: {block.get('@context')}")
        found += vocabulary().errors(block, f"[{n}]")
    return found


def assert_schema_org(html: str) -> list[dict]:
    """Fail with every error unless the page has JSON-LD and all of it is
    schema.org; return its blocks."""
    blocks = json_ld(html)
    assert blocks, "the page has no JSON-LD"
    errors = schema_org_errors(blocks)
    assert not errors, "\n".join(errors)
    return blocks
