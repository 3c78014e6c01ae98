# Keeps the served OpenAPI document within ServedOpenApi.Budget (150 KB, issue 15 item 5) without losing what it
# says: the app moves example values out by reference (ServedOpenApi.cs), but the rest of the document (schemas,
# descriptions, example names and summaries) had grown to 168 KB on its own. This script
#  1. shares what was written out again and again: problem responses, CDS parameters and schemas repeated inline
#     (an optional flag, the findings list, citations, the rule-set version, a FHIR resource, the long fields both
#     snapshot schemas spelled out) become components referred to by $ref;
#  2. shortens boilerplate the info description already states once (example provenance, "Function-level key"
#     beside the security requirement that says it, "Unknown properties are refused" beside additionalProperties),
#     drops a response example's summary that repeats its request example's, and shows the refused enrollment
#     without patientId as the minimal body with that one problem;
#  3. rewrites descriptions tighter (eng/openapi/served-budget-descriptions.json: JSON pointer, hash of the text it
#     replaces, new text), keeping every rule, unit, threshold, clinical statement and citation.
# Idempotent: re-run it after a merge (on the merged file). A description someone else changed meanwhile is left
# alone and reported. Sizes: python3 eng/openapi/served-size.py.
# Usage: python3 eng/openapi/served-budget.py [worktree]   (written back as json.dumps(doc, indent=2, ensure_ascii=False) + '\n')
import hashlib, json, os, sys

root = sys.argv[1] if len(sys.argv) > 1 else '.'
path = f'{root}/src/LenaFunctions/OpenApi/openapi.json'
doc = json.load(open(path, encoding='utf-8'))
components = doc['components']
schemas = components['schemas']
report = []


def ref(kind, name):
    return {'$ref': f'#/components/{kind}/{name}'}


def operations():
    for route, item in doc['paths'].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and 'responses' in operation:
                yield route, method, operation


def replace_subtrees(node, template, replacement, skip=()):
    """Every subtree equal to template (outside the skipped objects and example values) becomes a copy of replacement; returns how many."""
    count = 0
    if isinstance(node, dict):
        for key, value in list(node.items()):
            if value is template or any(value is s for s in skip) or key in ('value', 'x-request'):
                continue
            if value == template:
                node[key] = json.loads(json.dumps(replacement)); count += 1
            else:
                count += replace_subtrees(value, template, replacement, skip)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if value == template:
                node[i] = json.loads(json.dumps(replacement)); count += 1
            else:
                count += replace_subtrees(value, template, replacement, skip)
    return count


# 1. Shared components ------------------------------------------------------------------------------------------

def share_schema(name, schema, shared=None):
    """Adds components.schemas[name] (once; `shared` when its wording differs from the copies') and points every inline copy there."""
    existing = schemas.get(name)
    if existing is not None and existing not in (schema, shared):
        raise SystemExit(f'components.schemas.{name} exists with another content')
    schemas.setdefault(name, shared or schema)
    n = replace_subtrees(doc, schema, ref('schemas', name), skip=(schemas[name],))
    report.append(f'schema {name}: {n} inline copies now refer to it')


share_schema('OptionalFlag', {'type': 'boolean', 'description': 'Omitted or null = false.', 'nullable': True})
share_schema('Citations', {'type': 'array', 'items': ref('schemas', 'Citation'), 'minItems': 1})
share_schema('Findings', {'type': 'array', 'items': ref('schemas', 'Finding'),
                          'description': 'Every finding, one per code (an Assessment holds the union of the four concerns, deduplicated by code).'},
             {'type': 'array', 'items': ref('schemas', 'Finding'), 'description': 'Every finding, one per code (an Assessment: the union of the four concerns).'})
# The two snapshot schemas (PatientSnapshot; MonitoringScheduleRequest = the same plus horizonDays) wrote out
# their longer fields twice; each becomes one schema both refer to (named after the field).
for field in ('patientId', 'ageYears', 'weightKg', 'heightCm', 'femaleOfReproductivePotential', 'irregularMenstrualCycles',
              'concomitantMedications', 'pregnancyTests'):
    a, b = schemas['PatientSnapshot']['properties'], schemas['MonitoringScheduleRequest']['properties']
    name = field[0].upper() + field[1:]
    if a.get(field) is not None and a.get(field) == b.get(field) and '$ref' not in a[field]:
        if schemas.get(name, a[field]) != a[field]:
            raise SystemExit(f'components.schemas.{name} exists with another content')
        schemas[name] = a[field]
        a[field] = ref('schemas', name); b[field] = ref('schemas', name)
        report.append(f'schema {name}: both snapshot schemas refer to it')
share_schema('RuleSetVersion', {'type': 'string', 'description': 'Version of the rule data that produced this answer.', 'example': '2026.12.1'},
             {'type': 'string', 'description': 'The rule data version of this answer.', 'example': '2026.12.1'})
share_schema('FhirResource', {'type': 'object', 'nullable': True, 'description': 'FHIR resource or Bundle', 'additionalProperties': True})


def share_response(name, response, statuses, shared=None):
    """Adds components.responses[name] (once; `shared` when its wording differs from the copies') and points the operations' inline copies there."""
    responses = components['responses']
    if responses.get(name) not in (None, response, shared):
        raise SystemExit(f'components.responses.{name} exists with another content')
    n = 0
    for _, _, operation in operations():
        for status in statuses:
            if operation['responses'].get(status) == response:
                operation['responses'][status] = ref('responses', name); n += 1
    if n and name not in responses:
        responses[name] = shared or response
    report.append(f'response {name}: {n} operations now refer to it')


def problem(description, examples=None):
    media = {'schema': ref('schemas', 'ProblemDetails')}
    if examples:
        media['examples'] = examples
    return {'description': description, 'content': {'application/problem+json': media}}


share_response('CourseConflict', problem('The course is stopped (nothing more is recorded), or — for a dose change — has no dose to change: not started, or its last decision was notRecommended (a contraindicated course gets no dose).'), ['409'],
               problem('Stopped, or (dose change) no dose to change: not started, or last decided notRecommended (a contraindicated course gets no dose).'))
share_response('CourseBusy', problem('Rules or storage unavailable, or the course kept changing (retry).'), ['503'])
share_response('StorageUnavailable', problem('Storage unavailable.'), ['503'])
share_response('UnknownCdsService', problem('No CDS service with that id.', {'unknown': {'summary': 'Unknown service id', 'value': {
    'type': 'https://lenafunctions.dev/problems/not-found', 'title': 'No such CDS service.', 'status': 404,
    'detail': 'This app offers lenalidomide-order-select and lenalidomide-order-sign; see GET /api/cds-services.'}}}), ['404'])


def share_parameter(name, parameter):
    parameters = components.setdefault('parameters', {})
    if parameters.get(name) not in (None, parameter):
        raise SystemExit(f'components.parameters.{name} exists with another content')
    n = 0
    for _, _, operation in operations():
        for i, p in enumerate(operation.get('parameters', [])):
            if p == parameter:
                operation['parameters'][i] = ref('parameters', name); n += 1
    if n and name not in parameters:
        parameters[name] = parameter
    report.append(f'parameter {name}: {n} operations now refer to it')


share_parameter('CdsServiceId', {'name': 'id', 'in': 'path', 'required': True, 'description': 'lenalidomide-order-select or lenalidomide-order-sign (anything else: 404).', 'schema': {'type': 'string'}})
share_parameter('CdsAuthorization', {'name': 'Authorization', 'in': 'header', 'required': True, 'description': "Bearer <JWT> signed by a trusted EHR (CDS Hooks 2.0 'Trusting CDS Clients').", 'schema': {'type': 'string'}})


# 2. Boilerplate stated once -------------------------------------------------------------------------------------

def texts(node, where='#'):
    """(holder, key, pointer) of every description and summary outside example values."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ('value', 'x-request'):
                continue
            pointer = f"{where}/{key.replace('~', '~0').replace('/', '~1')}"
            if key in ('description', 'summary') and isinstance(value, str):
                yield node, key, pointer
            else:
                yield from texts(value, pointer)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from texts(value, f'{where}/{i}')


TODAY = '2026-11-26'
# The info description says once that clinical and course examples are the code's exact answers with the default
# rule set and today = 2026-11-26, checked by the test suite; each example keeps the date it is evaluated on.
BOILERPLATE = [
    (f'The exact body ClinicalAnswer.For returns for the request example of the same name with the default rule set 2026.12.1 and today = {TODAY} (the date the app takes from its clock; the test suite checks these examples against the code).',
     f'The answer to the request example of the same name (today = {TODAY}).'),
    (f'Evaluated with today = {TODAY}; the 200 example of the same name is the answer.', f'Answered by the 200 example of the same name (today = {TODAY}).'),
    (f'Evaluated with today = {TODAY}; the 400 example of the same name is the answer.', f'Answered by the 400 example of the same name (today = {TODAY}).'),
    ('Course story (checked by CourseExampleTests against CourseService with an in-memory store): the API.md patient is enrolled on 2026-11-26 with start date 2026-11-23 (no reminder sweep runs in the story, so no reminders are counted).',
     'Course story: the API.md patient, enrolled on 2026-11-26, start date 2026-11-23 (no reminder sweep runs, so no reminders are counted).'),
    # The operation's security requirement says which key it takes.
    ('\n\nFunction-level key. Same answer', '\n\nSame answer'),
    (' Function-level key.', ''),
]
changed = 0
for holder, key, _ in texts(doc):
    text = holder[key]
    for old, new in BOILERPLATE:
        text = text.replace(old, new)
    # additionalProperties: false says it of the schema it stands in.
    if key == 'description' and holder.get('additionalProperties') is False:
        text = text.replace(' Unknown properties are refused.', '').replace('Unknown properties are refused. ', '')
    if text != holder[key]:
        holder[key] = text; changed += 1
# A schema whose whole description was that sentence keeps none.
for holder, key, _ in list(texts(doc)):
    if key == 'description' and (holder[key] == '' or holder[key] == 'Unknown properties are refused.' and holder.get('additionalProperties') is False):
        del holder[key]; changed += 1
report.append(f'boilerplate shortened in {changed} texts')

# A clinical request example's "evaluated on today, answered by the example of the same name" is what the info
# description says of every example; a response example's summary that repeats its request example's adds nothing.
DROPPED = {f'Answered by the {status} example of the same name (today = {TODAY}).' for status in (200, 400)}
dropped = 0
for _, _, operation in operations():
    requests = {}
    for media in operation.get('requestBody', {}).get('content', {}).values():
        for name, example in media.get('examples', {}).items():
            if example.get('description') in DROPPED:
                del example['description']; dropped += 1
            requests[name] = example.get('summary')
    for response in operation['responses'].values():
        for media in response.get('content', {}).values():
            for name, example in media.get('examples', {}).items():
                if example.get('summary') is not None and example.get('summary') == requests.get(name):
                    del example['summary']; dropped += 1
report.append(f'repeated example texts dropped: {dropped}')

# The refused enrollment without patientId needs no more than what enrollment requires to show its one problem
# (the answer is the same 400: CourseExampleTests checks it).
MINIMAL_ENROLLMENT = {'indication': 'multipleMyeloma', 'sex': 'female', 'ageYears': 64, 'femaleOfReproductivePotential': False,
                      'renal': {'creatinineClearanceMlPerMin': 52}, 'therapy': {'status': 'starting', 'startDate': '2026-11-23'}}
refused = doc['paths']['/courses']['post']['responses']['400']['content']['application/problem+json']['examples'].get('missingPatientId', {})
if 'x-request' in refused and refused['x-request'] != MINIMAL_ENROLLMENT:
    if 'patientId' not in refused['x-request'] and refused['x-request'].get('labs', {}).get('ancPerMicroliter') == 1800:
        refused['x-request'] = MINIMAL_ENROLLMENT; report.append('missingPatientId: x-request is the minimal enrollment')
    else:
        report.append('missingPatientId: x-request changed by someone else, left alone')

# 3. Tighter descriptions ----------------------------------------------------------------------------------------

def resolve(pointer):
    """The object holding the pointer's last token, and that token (RFC 6901), following $refs on the way
    (a field shared above is edited where it now stands)."""
    tokens = [t.replace('~1', '/').replace('~0', '~') for t in pointer.split('/')[1:]]
    node = doc
    for token in tokens[:-1]:
        node = node[int(token)] if isinstance(node, list) else node.get(token) if isinstance(node, dict) else None
        while isinstance(node, dict) and isinstance(node.get('$ref'), str) and node['$ref'].startswith('#/') and token != 'examples':
            node, last = resolve(node['$ref'])
            node = node.get(last) if isinstance(node, dict) else None
        if node is None:
            return None, tokens[-1]
    return node, tokens[-1]


def digest(text):
    return hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]


rewritten, already, skipped = 0, 0, []
for edit in json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'served-budget-descriptions.json'), encoding='utf-8')):
    holder, key = resolve(edit['pointer'])
    current = holder.get(key) if isinstance(holder, dict) else None
    if current == edit['text'] or edit['text'] == '' and isinstance(holder, dict) and key not in holder:
        already += 1
    elif isinstance(current, str) and digest(current) == edit['was']:
        # An empty text removes a description that only repeated the info description.
        if edit['text']:
            holder[key] = edit['text']
        else:
            del holder[key]
        rewritten += 1
    else:
        skipped.append(edit['pointer'])
report.append(f'descriptions rewritten: {rewritten}, already short: {already}')
for pointer in skipped:
    report.append(f'left alone (changed by someone else, or gone): {pointer}')

for warning in report:
    print(warning)
open(path, 'w', encoding='utf-8').write(json.dumps(doc, indent=2, ensure_ascii=False) + '\n')
