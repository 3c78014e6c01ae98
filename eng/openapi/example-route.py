# Documents GET /openapi/examples/{id} (the example values the served document refers to by
# externalValue; see src/LenaFunctions/Functions/Api/ServedOpenApi.cs) in
# src/LenaFunctions/OpenApi/openapi.json. Idempotent: re-run after a merge; it only (re)writes that path.
# The repository document keeps every example inline; the app moves the largest out when it serves it.
# Its texts are the short ones of eng/openapi/served-budget.py (re-running either leaves the other's result).
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
        'description': ('Example values this document refers to by `externalValue`. The id is the value\'s content hash '
                        '(16 hex of its SHA-256), so an answer never changes: strong `ETag`, '
                        '`Cache-Control: public, max-age=31536000, immutable`, 304, gzip.'),
        'parameters': [{
            'name': 'id', 'in': 'path', 'required': True,
            'description': 'As in an `externalValue` of this document.',
            'schema': {'type': 'string', 'pattern': '^[0-9a-f]{16}$'},
        }],
        'responses': {
            '200': {
                'description': 'The example value (any JSON: the schema is that of the referring place).',
                'headers': {'ETag': {'description': 'The id, quoted (`-gzip` appended for the gzip representation).', 'schema': {'type': 'string'}}},
                'content': {'application/json': {'schema': {}, 'examples': {'anyValue': {
                    'summary': 'Whatever the referring example holds (here a 404 problem of this API)',
                    'value': {'type': 'https://lenafunctions.dev/problems/not-found', 'title': 'No such example.', 'status': 404,
                              'detail': 'The OpenAPI document names its examples by externalValue; GET /api/openapi.json lists them.'}}}}},
            },
            '404': {
                'description': 'No example with that id.',
                'content': {'application/problem+json': {'schema': {'$ref': '#/components/schemas/ProblemDetails'}, 'examples': {'noSuchExample': {
                    'summary': 'No such example',
                    'value': {'type': 'https://lenafunctions.dev/problems/not-found', 'title': 'No such example.', 'status': 404,
                              'detail': 'The OpenAPI document names its examples by externalValue; GET /api/openapi.json lists them.'}}}}},
            },
        },
    }
}
open(path, 'w').write(json.dumps(d, indent=2, ensure_ascii=False) + '\n')
