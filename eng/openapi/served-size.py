# Sizes of the OpenAPI document as the app serves it, from the repository file, without building: a replica of
# ServedOpenApi's rule (largest example values first by externalValue until the compact document fits the budget).
# It also prints the floor — the size with every example value by reference that is larger than its URL — which is
# what new routes eat into: the budget holds until the floor passes it. The app's own figure (lena-host, the test
# OpenApiDocumentIsServedAsBuilt) differs from this replica by a few bytes of JSON escaping at most.
# Usage: python3 eng/openapi/served-size.py [worktree] [budget, default 150000]
import gzip, hashlib, json, sys

root = sys.argv[1] if len(sys.argv) > 1 else '.'
budget = int(sys.argv[2]) if len(sys.argv) > 2 else 150_000
doc = json.load(open(f'{root}/src/LenaFunctions/OpenApi/openapi.json', encoding='utf-8'))
EXAMPLE_PATH = '/api/openapi/examples/'


def compact(value):
    return json.dumps(value, separators=(',', ':'), ensure_ascii=False).encode('utf-8')


candidates = []


def collect(node, where):
    if isinstance(node, dict):
        for name, child in node.items():
            if name == 'examples' and isinstance(child, dict):
                for key, example in child.items():
                    if isinstance(example, dict) and 'value' in example and '$ref' not in example:
                        candidates.append((example, compact(example['value']), f'{where}/examples/{key}'))
            else:
                collect(child, f'{where}/{name}')
    elif isinstance(node, list):
        for i, child in enumerate(node):
            collect(child, f'{where}/{i}')


source = compact(doc)
collect(doc, '#')
reference = len('"externalValue":"') + len(EXAMPLE_PATH) + 16 + 1
floor = len(source) + sum(min(0, reference - len('"value":') - len(value)) for _, value, _ in candidates)
size, moved = len(source), 0
for example, value, _ in sorted(candidates, key=lambda c: (-len(c[1]), c[2])):
    if size <= budget:
        break
    example.pop('value')
    example['externalValue'] = EXAMPLE_PATH + hashlib.sha256(value).hexdigest()[:16]
    size += reference - len('"value":') - len(value)
    moved += 1
served = compact(doc)
print(f'repository document compact {len(source):,} B; served {len(served):,} B (gzip -9 {len(gzip.compress(served, 9)):,} B), '
      f'{moved} of {len(candidates)} example values by reference; floor {floor:,} B, so {budget - floor:,} B of room under {budget:,}')
