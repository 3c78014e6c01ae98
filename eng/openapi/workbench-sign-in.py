# Documents (idempotently) how the routes the workbench calls are authorised since issue 16's sign-in:
# anonymous at the host, checked in the app. Rule administration (publish, activate, what-if): a
# Microsoft Entra token with Rules.Publish, no key. Reading rules and POST /assessments: a function key
# or a signed-in user's token (Workbench.Read or Rules.Publish).
# Usage: python3 eng/openapi/workbench-sign-in.py <repo root>
import json, sys
path = sys.argv[1] + '/src/LenaFunctions/OpenApi/openapi.json'
doc = json.load(open(path, encoding='utf-8'))
comp = doc['components']
schemes = comp['securitySchemes']

schemes['ruleAdminBearer']['description'] = (
    "A Microsoft Entra access token (tenant RuleAdmin__TenantId, audience RuleAdmin__Audience) with the app role "
    "Rules.Publish; its routes need no function key. Development host, no tenant: loopback needs none.")
schemes['signedInBearer'] = {
    'type': 'http', 'scheme': 'bearer', 'bearerFormat': 'JWT',
    'description': "Instead of a function key: an Entra token as for ruleAdminBearer with Workbench.Read or Rules.Publish.",
}

comp['responses']['RuleAdminUnauthorized']['description'] = (
    "The Entra token is missing or refused (signature, alg other than RS256, iss, aud, lifetime), with WWW-Authenticate.")
comp['responses']['KeyOrSignInUnauthorized'] = {
    'description': "No valid function key and no valid Entra token (WWW-Authenticate: Bearer).",
    'headers': {'WWW-Authenticate': {'schema': {'type': 'string'}}},
    'content': {'application/problem+json': {'schema': {'$ref': '#/components/schemas/ProblemDetails'}}},
}
comp['responses']['SignedInForbidden'] = {
    'description': "The token has neither Workbench.Read nor Rules.Publish (insufficient_scope).",
    'headers': {'WWW-Authenticate': {'schema': {'type': 'string'}}},
    'content': {'application/problem+json': {'schema': {'$ref': '#/components/schemas/ProblemDetails'}}},
}

def ref(name):
    return {'$ref': '#/components/responses/' + name}

def ordered(responses):
    return dict(sorted(responses.items(), key=lambda kv: kv[0]))

for route, method in [('/rules/versions', 'post'), ('/rules/active', 'put'), ('/rules/what-if', 'post')]:
    op = doc['paths'][route][method]
    op['security'] = [{'ruleAdminBearer': []}]

for route, methods in [('/assessments', ['post']), ('/rules', ['get', 'head']), ('/rules/versions', ['get', 'head']),
                       ('/rules/versions/{version}', ['get', 'head']), ('/rules/audit', ['get', 'head'])]:
    for method in methods:
        op = doc['paths'][route].get(method)
        if op is None:
            continue
        op['security'] = [{'functionKey': []}, {'functionKeyQuery': []}, {'signedInBearer': []}]
        responses = op['responses']
        responses['401'] = ref('KeyOrSignInUnauthorized')
        responses['403'] = ref('SignedInForbidden')
        responses.setdefault('503', ref('RuleAdminUnavailable'))
        op['responses'] = ordered(responses)

open(path, 'w', encoding='utf-8').write(json.dumps(doc, indent=2, ensure_ascii=False) + '\n')
