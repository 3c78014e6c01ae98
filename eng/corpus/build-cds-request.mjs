#!/usr/bin/env node
// Builds a CDS Hooks order-sign request from real FHIR records, the way an EHR fulfils the service's
// prefetch templates (src/Lena.CdsHooks/Discovery/PrefetchTemplates.cs):
//   patient       Patient/{id}
//   conditions    Condition?patient={id}                                  (every Condition)
//   observations  Observation?patient={id}&code=<LOINC list>&_sort=-date&_count=200
//   medications   MedicationRequest?patient={id}&status=active,on-hold&_include=MedicationRequest:medication
//   allergies     AllergyIntolerance?patient={id}
// The resources are kept exactly as published; only what those searches would not return is left out.
// context.draftOrders holds the lenalidomide order being signed, which no source has: it is ours and
// named as such (id "draft-len").
//
//   node eng/corpus/build-cds-request.mjs --out <file> [--indication multipleMyeloma] <bundle-or-resource.json>...
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = name => {
  const at = args.indexOf(name);
  return at < 0 ? null : args.splice(at, 2)[1];
};
const out = option('--out');
const indication = option('--indication') ?? 'multipleMyeloma';
if (!out || args.length === 0) {
  console.error('usage: build-cds-request.mjs --out <file> [--indication <code>] <bundle-or-resource.json>...');
  process.exit(2);
}

// The LOINC codes the observation template asks for: the mapping's table (FhirObservationCodes.Loinc).
const loincTable = readFileSync(join(root, 'src', 'Lena.Fhir', 'Codes', 'LoincCodes.cs'), 'utf8');
const loinc = new Set([...loincTable.matchAll(/\["([0-9]+-[0-9])"\] = LabConcept\./g)].map(m => m[1]));

const resources = args.flatMap(file => {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  return json.resourceType === 'Bundle' ? (json.entry ?? []).map(e => e.resource) : [json];
});

const patients = resources.filter(r => r.resourceType === 'Patient');
if (patients.length !== 1) {
  throw new Error(`expected one Patient, found ${patients.length}`);
}

const patient = patients[0];
const effective = o => o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued ?? '';
const searchSet = (entries, includes = []) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  total: entries.length,
  entry: [
    ...entries.map(r => ({ fullUrl: `urn:uuid:${r.resourceType}-${r.id}`, resource: r, search: { mode: 'match' } })),
    ...includes.map(r => ({ fullUrl: `urn:uuid:${r.resourceType}-${r.id}`, resource: r, search: { mode: 'include' } })),
  ],
});

const observations = resources
  .filter(r => r.resourceType === 'Observation' && (r.code?.coding ?? []).some(c => c.system === 'http://loinc.org' && loinc.has(c.code)))
  .sort((a, b) => (effective(b) > effective(a) ? 1 : effective(b) < effective(a) ? -1 : 0))
  .slice(0, 200);
const requests = resources.filter(r => r.resourceType === 'MedicationRequest' && ['active', 'on-hold'].includes(r.status));
const referenced = new Set(requests.map(r => r.medicationReference?.reference).filter(ref => ref?.startsWith('Medication/')));
const medications = resources.filter(r => r.resourceType === 'Medication' && referenced.has(`Medication/${r.id}`));

/** A UUID made from a name (same name, same UUID), so a rebuilt request is byte-identical. */
function uuidFrom(name) {
  const hex = createHash('sha1').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const draft = {
  resourceType: 'MedicationRequest',
  id: 'draft-len',
  extension: [{ url: 'https://lenafunctions.example.org/fhir/StructureDefinition/indication', valueCode: indication }],
  status: 'draft',
  intent: 'order',
  medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '602910', display: 'lenalidomide 10 MG Oral Capsule' }] },
  subject: { reference: `Patient/${patient.id}` },
  dosageInstruction: [{
    timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } },
    doseAndRate: [{ doseQuantity: { value: 10, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }],
  }],
};

const request = {
  hook: 'order-sign',
  hookInstance: uuidFrom('corpus ' + patient.id),
  context: {
    userId: 'PractitionerRole/corpus',
    patientId: patient.id,
    draftOrders: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: draft }] },
  },
  prefetch: {
    patient,
    conditions: searchSet(resources.filter(r => r.resourceType === 'Condition')),
    observations: searchSet(observations),
    medications: searchSet(requests, medications),
    allergies: searchSet(resources.filter(r => r.resourceType === 'AllergyIntolerance')),
  },
};

writeFileSync(out, JSON.stringify(request, null, 1) + '\n');
console.log(`${out}: ${observations.length} observations, ${requests.length} medication requests, ${request.prefetch.conditions.total} conditions, ${request.prefetch.allergies.total} allergies`);
