# Makes src/LenaFunctions/OpenApi/openapi.json lint-clean for Spectral (spectral:oas) without changing what it
# says; idempotent, so it can be re-run after a merge that brings back either pattern (issue 15 / issue 13 F).
#
# 1. Nullable references. `{"type":"object","nullable":true,"allOf":[{"$ref":X}]}` lets null through in Redocly and
#    our validator, but Spectral (ajv, draft 4 + OpenAPI `nullable`) checks null against X itself and refuses it.
#    Rewritten as `anyOf: [{"$ref": X}, {"type": "object", "nullable": true, "enum": [null]}]` beside the same
#    `type`/`nullable`/`description`: X or null, for every linter.
# 2. Deliberately invalid request examples (`x-invalid-request: true` in a requestBody's `examples`): every linter
#    validates request examples against the schema, so these are errors by design. Each moves to the 400 example of
#    the same name as its `x-request` (the request that gets this 400); the tests read it from there.
#
# Usage: python3 eng/openapi/lint-clean.py [worktree]   (the document is written back exactly as
# json.dumps(doc, indent=2, ensure_ascii=False) + '\n', as every helper writes it)
import json, sys

root = sys.argv[1] if len(sys.argv) > 1 else '.'
path = f'{root}/src/LenaFunctions/OpenApi/openapi.json'
doc = json.load(open(path, encoding='utf-8'))
NULL_BRANCH = {"type": "object", "nullable": True, "enum": [None]}

def nullable_refs(node):
    changed = 0
    if isinstance(node, dict):
        all_of = node.get('allOf')
        if node.get('nullable') is True and isinstance(all_of, list) and len(all_of) == 1 and '$ref' in all_of[0] and 'anyOf' not in node:
            rebuilt = {}
            for key, value in node.items():
                rebuilt['anyOf' if key == 'allOf' else key] = [all_of[0], dict(NULL_BRANCH)] if key == 'allOf' else value
            rebuilt.setdefault('type', 'object')
            node.clear(); node.update(rebuilt); changed += 1
        for value in list(node.values()):
            changed += nullable_refs(value)
    elif isinstance(node, list):
        for value in node:
            changed += nullable_refs(value)
    return changed

def invalid_requests(doc):
    moved = []
    for route, item in doc['paths'].items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or 'requestBody' not in operation:
                continue
            for media in operation['requestBody'].get('content', {}).values():
                examples = media.get('examples', {})
                for name in [n for n, e in examples.items() if isinstance(e, dict) and e.get('x-invalid-request') is True]:
                    bad = examples.pop(name)
                    problem = operation['responses']['400']['content']
                    target = next(m for m in problem.values() if name in m.get('examples', {}))['examples'][name]
                    target['x-request'] = bad['value']
                    moved.append(f'{method.upper()} {route} {name}')
    return moved

print('nullable references rewritten:', nullable_refs(doc))
print('invalid request examples moved to their 400:', invalid_requests(doc))
open(path, 'w', encoding='utf-8').write(json.dumps(doc, indent=2, ensure_ascii=False) + '\n')
