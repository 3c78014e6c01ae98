# Documents GET /openapi/examples/{id} (the example values the served document refers to by
# externalValue; see src/LenaFunctions/Functions/Api/ServedOpenApi.cs) in
# src/LenaFunctions/OpenApi/openapi.json. Idempotent: re-run after a merge; it only (re)writes that path.
# The repository document keeps every example inline; the app moves the largest out when it serves it.
# Usage: python3 eng/openapi/example-route.py [worktree]
import json, sys
root = sys.argv[1] if len(sys.argv) > 1 else '.'
path = f'{root}/src/LenaFunctions/OpenApi/openapi.json'
d = json.load(open(path))
d['paths']['/openapi/examples/{id}'] = {
    'get': {
        'operationId': 'OpenApiExample',
        'tags': ['Operations'],
        'summary': 'An example value of this document',
        'security': [],
        'description': ('Anonymous. This document is served with its largest examples by reference, '
                        'so that it stays at most 150 KB: their `externalValue` is this route. The id is the '
                        "value's content hash (16 hex digits of its SHA-256), so a response never changes: "
                        'strong `ETag`, `Cache-Control: public, max-age=31536000, immutable`, `If-None-Match` gives 304, '
                        'gzip when `Accept-Encoding` allows it. The repository keeps every example inline '
                        '(src/LenaFunctions/OpenApi/openapi.json).'),
        'parameters': [{
            'name': 'id', 'in': 'path', 'required': True,
            'description': 'The example id, as written in an `externalValue` of this document.',
            'schema': {'type': 'string', 'pattern': '^[0-9a-f]{16}$'},
        }],
        'responses': {
            '200': {
                'description': 'The example value (any JSON value: the schema is that of the place that refers to it).',
                'headers': {'ETag': {'description': 'The id, quoted (`-gzip` appended for the gzip representation).', 'schema': {'type': 'string'}}},
                'content': {'application/json': {'schema': {}, 'examples': {'anyValue': {
                    'summary': 'Whatever the referring example holds (here a 404 problem of this API)',
                    'value': {'type': 'https://lenafunctions.dev/problems/not-found', 'title': 'No such example.', 'status': 404,
                              'detail': 'The OpenAPI document names its examples by externalValue; GET /api/openapi.json lists them.'}}}}},
            },
            '404': {
                'description': 'This document names no example with that id.',
                'content': {'application/problem+json': {'schema': {'$ref': '#/components/schemas/ProblemDetails'}, 'examples': {'noSuchExample': {
                    'summary': 'No such example',
                    'value': {'type': 'https://lenafunctions.dev/problems/not-found', 'title': 'No such example.', 'status': 404,
                              'detail': 'The OpenAPI document names its examples by externalValue; GET /api/openapi.json lists them.'}}}}},
            },
        },
    }
}
open(path, 'w').write(json.dumps(d, indent=2, ensure_ascii=False) + '\n')
