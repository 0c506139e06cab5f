"""The OpenAPI 3.1 description of the partners' API, served at ``/api/v1/schema/``."""

NINJS = "https://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
        },
    }


ERRORS = {
    "401": _error("No API key, or one nobody issued (error: no_key)."),
    "403": _error("A revoked API key (error: revoked_key)."),
    "429": _error(
        "Over the key's requests per minute (error: rate_limited); see Retry-After."
    ),
}
VALIDATORS = {
    "ETag": {"schema": {"type": "string"}},
    "Last-Modified": {"schema": {"type": "string"}},
}
CONDITIONAL = [
    {"name": "If-None-Match", "in": "header", "schema": {"type": "string"}},
    {"name": "If-Modified-Since", "in": "header", "schema": {"type": "string"}},
]


def openapi_description(server: str) -> dict:
    """The description, with ``server`` (the API's absolute address) as its server."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Newsroom partner API",
            "version": "1",
            "description": "Published articles as IPTC ninjs 3.1 items, newest first. "
            "Every request needs an API key (Authorization: Bearer <key>, or "
            "X-Api-Key). Responses carry ETag and Last-Modified; a conditional "
            "request answers 304 while nothing changed.",
        },
        "servers": [{"url": server}],
        "security": [{"bearer": []}, {"apiKey": []}],
        "paths": {
            "/items/": {
                "get": {
                    "summary": "Published articles, newest first",
                    "parameters": [
                        {
                            "name": "source",
                            "in": "query",
                            "description": "Only this source's articles (its slug).",
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "section",
                            "in": "query",
                            "description": "Only this section's articles, its "
                            "subsections' included (its slug).",
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "tag",
                            "in": "query",
                            "description": "Only the articles with this tag (its slug).",
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "since",
                            "in": "query",
                            "description": "Only articles published from this ISO "
                            "8601 time or day on.",
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": 100,
                                "default": 20,
                            },
                        },
                        {
                            "name": "cursor",
                            "in": "query",
                            "description": "Continue after the previous page "
                            "(the 'next' address gives it).",
                            "schema": {"type": "string"},
                        },
                        *CONDITIONAL,
                    ],
                    "responses": {
                        "200": {
                            "description": "A page of items and the next page's "
                            "address (null on the last page).",
                            "headers": VALIDATORS,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Page"}
                                }
                            },
                        },
                        "304": {"description": "Not modified."},
                        "400": _error("A parameter the API cannot read."),
                        **ERRORS,
                    },
                }
            },
            "/items/{id}/": {
                "get": {
                    "summary": "One published article",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        },
                        *CONDITIONAL,
                    ],
                    "responses": {
                        "200": {
                            "description": "The article as a ninjs 3.1 item.",
                            "headers": VALIDATORS,
                            "content": {
                                "application/json": {"schema": {"$ref": NINJS}}
                            },
                        },
                        "304": {"description": "Not modified."},
                        "404": _error("No published article with this id."),
                        **ERRORS,
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
            },
            "schemas": {
                "Page": {
                    "type": "object",
                    "required": ["items", "next"],
                    "properties": {
                        "items": {"type": "array", "items": {"$ref": NINJS}},
                        "next": {"type": ["string", "null"], "format": "uri"},
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error", "message"],
                    "properties": {
                        "error": {"type": "string"},
                        "message": {"type": "string"},
                    },
                },
            },
        },
    }
