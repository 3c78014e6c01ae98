// LenaFunctions workbench: plain DOM, no framework, no build step. Signed in (Azure, workbench-signin.js),
// every API call carries the user's Entra access token and no key: the routes the page uses take the
// token in place of the function key. Otherwise every call carries the key the user typed, and rule
// administration also the token typed. Key and token live in this closure only (never in storage or the URL).
'use strict';
(() => {
  const PANEL_TODAY = '2026-12-01';
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  };

  // ---------------------------------------------------------------- API access
  const secrets = { key: '', bearer: '' };
  const say = (message) => { $('status').textContent = message; };
  // Without sign-in, rule administration (publish, activate, what-if) is what needs a typed token.
  const isRuleAdministration = (method, path) => method !== 'GET' && path.startsWith('rules/');

  async function api(method, path, body, extraHeaders = {}) {
    const headers = { Accept: 'application/json', ...extraHeaders };
    if (window.LenaSignIn.enabled) {
      const bearer = await window.LenaSignIn.accessToken();
      if (bearer) headers.Authorization = 'Bearer ' + bearer;
      else if (window.LenaSignIn.sessionEnded) showSignIn({ enabled: true, error: 'the session has ended.' });
    } else {
      if (secrets.key) headers['x-functions-key'] = secrets.key;
      if (isRuleAdministration(method, path) && secrets.bearer) headers.Authorization = 'Bearer ' + secrets.bearer;
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch('/api/' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch (error) {
      return { status: 0, json: { title: 'The service cannot be reached.', detail: String(error) }, headers: new Headers() };
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = { title: 'Unexpected response', detail: text.slice(0, 200) }; }
    return { status: response.status, json, headers: response.headers };
  }

  function problemText(result) {
    const p = result.json || {};
    if (result.status === 401 && window.LenaSignIn.enabled) return 'Not signed in (401): ' + (p.detail || '') + ' Sign in at the top; that reloads the page, so first copy a draft you want to keep from "Edit the draft as JSON".';
    if (result.status === 401) return 'Not signed in for this (401): ' + (p.detail || 'type the function key, and in Azure an Entra token with Rules.Publish.');
    if (result.status === 403) return 'Not allowed (403): ' + (p.detail || 'ask an administrator for the app role: Workbench.Read to read, Rules.Publish to change rules.');
    return (p.title || 'Error') + (p.detail ? ' ' + p.detail : '') + (result.status ? ` (${result.status})` : '');
  }

  // ---------------------------------------------------------------- the snapshot form
  const INDICATIONS = ['multipleMyeloma', 'multipleMyelomaMaintenance', 'mdsDel5q', 'mdsNonDel5q', 'mantleCellLymphoma', 'follicularLymphoma', 'marginalZoneLymphoma', 'cll'];
  const MEDICATIONS = ['digoxin', 'warfarin', 'directOralAnticoagulant', 'lowMolecularWeightHeparin', 'aspirin', 'pembrolizumab', 'erythropoiesisStimulatingAgent', 'estrogenContainingTherapy', 'statin', 'combinedHormonalContraceptive'];
  const RISK_FACTORS = ['obesity', 'priorVte', 'centralVenousCatheterOrPacemaker', 'cardiacDisease', 'chronicKidneyDisease', 'diabetes', 'acuteInfection', 'immobilization', 'recentSurgeryOrTrauma', 'inheritedThrombophilia', 'newlyDiagnosedMyeloma', 'hyperviscosity'];
  const PREGNANCY_TEST_ROWS = 3;
  // [path, kind, label, options]. kind: text | number | date | select | tri (not stated / yes / no) | bool (checkbox: only true is sent).
  const GROUPS = [
    ['patient', 'Patient', [
      ['patientId', 'text', 'Patient id (pseudonym, optional)'],
      ['indication', 'select', 'Indication', INDICATIONS],
      ['sex', 'select', 'Sex', ['female', 'male']],
      ['ageYears', 'number', 'Age (years)'],
      ['weightKg', 'number', 'Weight (kg)'],
      ['heightCm', 'number', 'Height (cm)'],
      ['femaleOfReproductivePotential', 'tri', 'Female of reproductive potential (required for a female)'],
      ['irregularMenstrualCycles', 'bool', 'Irregular menstrual cycles'],
      ['pregnant', 'bool', 'Pregnant'],
      ['breastfeeding', 'bool', 'Breastfeeding']]],
    ['renal', 'Renal function', [
      ['renal.creatinineClearanceMlPerMin', 'number', 'Creatinine clearance (mL/min)'],
      ['renal.serumCreatinineMgPerDl', 'number', 'Serum creatinine (mg/dL)'],
      ['renal.onDialysis', 'bool', 'On dialysis']]],
    ['labs', 'Blood counts', [
      ['labs.takenOn', 'date', 'Counts taken on'],
      ['labs.ancPerMicroliter', 'number', 'ANC (cells/µL)'],
      ['labs.plateletsPerMicroliter', 'number', 'Platelets (cells/µL)'],
      ['labs.baselineAncPerMicroliter', 'number', 'Baseline ANC (cells/µL, MDS first 4 weeks)'],
      ['labs.baselinePlateletsPerMicroliter', 'number', 'Baseline platelets (cells/µL, MDS first 4 weeks)'],
      ['labs.hemoglobinGPerDl', 'number', 'Hemoglobin (g/dL)']]],
    ['therapy', 'Therapy', [
      ['therapy.status', 'select', 'Therapy status', ['starting', 'onTreatment', 'interrupted']],
      ['therapy.startDate', 'date', 'Start date'],
      ['therapy.currentDoseMg', 'number', 'Current dose (mg)'],
      ['therapy.daysOnTherapy', 'number', 'Days on therapy'],
      ['therapy.interruptedFor', 'select', 'Interrupted for', ['', 'neutropenia', 'thrombocytopenia', 'otherToxicity']],
      ['therapy.previousNeutropeniaInterruptions', 'number', 'Earlier holds for neutropenia'],
      ['therapy.cyclesCompleted', 'number', 'Cycles completed'],
      ['therapy.maintenanceCyclesCompleted', 'number', 'Maintenance cycles completed'],
      ['therapy.ancBelow500ForDays', 'number', 'Days with ANC below 500'],
      ['therapy.ancBelow1000ForDays', 'number', 'Days with ANC below 1,000'],
      ['therapy.fever38_5C', 'bool', 'Fever ≥ 38.5 °C'],
      ['therapy.plateletTransfusionDependent', 'bool', 'Platelet transfusion dependent'],
      ['therapy.otherDoseLimitingToxicity', 'bool', 'Other grade 3–4 toxicity'],
      ['therapy.transplantCandidate', 'bool', 'Transplant candidate']]],
    ['regimen', 'Regimen', [
      ['regimen.dexamethasone', 'select', 'Dexamethasone', ['', 'none', 'lowDose', 'highDose']],
      ['regimen.doxorubicin', 'bool', 'Doxorubicin'],
      ['regimen.multiagentChemotherapy', 'bool', 'Multiagent chemotherapy'],
      ['regimen.melphalan', 'bool', 'Melphalan'],
      ['regimen.rituximab', 'bool', 'Rituximab']]],
    ['cytogenetics', 'Cytogenetics', [
      ['cytogenetics.del5q', 'tri', 'del(5q)'],
      ['cytogenetics.monosomy7', 'bool', 'Monosomy 7'],
      ['cytogenetics.tp53Mutation', 'bool', 'TP53 mutation']]],
    ['vteRiskFactors', 'Thrombosis risk factors', RISK_FACTORS.map((f) => ['vteRiskFactors.' + f, 'bool', words(f)])],
    ['history', 'History', [
      ['history.lenalidomideHypersensitivity', 'bool', 'Hypersensitivity to lenalidomide'],
      ['history.severeSkinReactionToThalidomide', 'bool', 'Severe skin reaction to thalidomide']]],
    ['concomitantMedications', 'Medications', MEDICATIONS.map((m) => ['concomitantMedications:' + m, 'bool', words(m)])],
    ['pregnancyTests', 'Pregnancy tests', Array.from({ length: PREGNANCY_TEST_ROWS }, (_, i) => [
      [`pregnancyTests[${i}].takenOn`, 'date', `Test ${i + 1} taken on`],
      [`pregnancyTests[${i}].result`, 'select', `Test ${i + 1} result`, ['', 'negative', 'positive']]]).flat()],
    ['liver', 'Liver tests', [
      ['liver.takenOn', 'date', 'Liver tests taken on'],
      ['liver.altTimesUpperLimit', 'number', 'ALT (× upper limit of normal)'],
      ['liver.astTimesUpperLimit', 'number', 'AST (× upper limit of normal)'],
      ['liver.bilirubinTimesUpperLimit', 'number', 'Bilirubin (× upper limit of normal)']]],
  ];

  function words(name) {
    const spaced = name.replace(/([A-Z])/g, ' $1').toLowerCase();
    return spaced.charAt(0).toUpperCase() + spaced.slice(1);
  }

  const idOf = (path) => 'f-' + path.replace(/[^A-Za-z0-9_-]/g, '-');

  function buildForm() {
    const host = $('patientFields');
    for (const [group, legend, fields] of GROUPS) {
      const set = el('fieldset', { id: 'group-' + group, 'data-group': group }, el('legend', { text: legend }));
      const grid = el('div', { class: 'fields' });
      for (const [path, kind, label, options] of fields) {
        const id = idOf(path);
        const errorId = id + '-error';
        let input;
        if (kind === 'select' || kind === 'tri') {
          const values = kind === 'tri' ? [['', 'not stated'], ['true', 'yes'], ['false', 'no']] : options.map((o) => [o, o || '—']);
          input = el('select', { id }, values.map(([value, text]) => el('option', { value, text })));
        } else if (kind === 'bool') {
          input = el('input', { id, type: 'checkbox' });
        } else {
          input = el('input', { id, type: kind === 'number' ? 'text' : kind, inputmode: kind === 'number' ? 'decimal' : null, spellcheck: 'false', autocomplete: 'off' });
        }
        input.dataset.path = path;
        input.dataset.kind = kind;
        const wrapper = el('div', { class: kind === 'bool' ? 'field check' : 'field' });
        const labelNode = el('label', { for: id, text: label });
        if (kind === 'bool') wrapper.append(input, labelNode); else wrapper.append(labelNode, input);
        wrapper.append(el('p', { id: errorId, class: 'field-error', hidden: true }));
        grid.append(wrapper);
      }
      set.append(grid, el('p', { id: 'group-' + group + '-error', class: 'field-error', hidden: true }));
      host.append(set);
    }
  }

  const inputs = () => [...document.querySelectorAll('#patientFields [data-path]')];

  function setAt(target, path, value) {
    const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
    let node = target;
    for (let i = 0; i < parts.length - 1; i++) {
      const nextIsIndex = /^\d+$/.test(parts[i + 1]);
      node[parts[i]] ??= nextIsIndex ? [] : {};
      node = node[parts[i]];
    }
    node[parts.at(-1)] = value;
  }

  function getAt(source, path) {
    return path.replace(/\[(\d+)\]/g, '.$1').split('.').reduce((node, part) => (node == null ? undefined : node[part]), source);
  }

  function formToSnapshot() {
    const snapshot = {};
    for (const input of inputs()) {
      const { path, kind } = input.dataset;
      if (path.startsWith('concomitantMedications:')) {
        if (input.checked) (snapshot.concomitantMedications ??= []).push(path.split(':')[1]);
        continue;
      }
      if (kind === 'bool') { if (input.checked) setAt(snapshot, path, true); continue; }
      const raw = input.value.trim();
      if (raw === '') continue;
      if (kind === 'tri') setAt(snapshot, path, raw === 'true');
      else if (kind === 'number') setAt(snapshot, path, Number.isFinite(Number(raw)) ? Number(raw) : raw);
      else setAt(snapshot, path, raw);
    }
    if (Array.isArray(snapshot.pregnancyTests)) snapshot.pregnancyTests = snapshot.pregnancyTests.filter(Boolean);
    return snapshot;
  }

  function snapshotToForm(snapshot) {
    const medications = new Set(snapshot.concomitantMedications || []);
    for (const input of inputs()) {
      const { path, kind } = input.dataset;
      if (path.startsWith('concomitantMedications:')) { input.checked = medications.has(path.split(':')[1]); continue; }
      const value = getAt(snapshot, path);
      if (kind === 'bool') input.checked = value === true;
      else if (kind === 'tri') input.value = value === true ? 'true' : value === false ? 'false' : '';
      else input.value = value === null || value === undefined ? '' : String(value);
    }
    clearErrors('patient');
  }

  // ---------------------------------------------------------------- errors shown where they are
  function clearErrors(scope) {
    const root = scope === 'patient' ? $('patient') : $('rules');
    root.querySelectorAll('.field-error').forEach((p) => { p.hidden = true; p.textContent = ''; });
    root.querySelectorAll('[aria-invalid]').forEach((n) => { n.removeAttribute('aria-invalid'); n.removeAttribute('aria-describedby'); });
    const summary = $(scope === 'patient' ? 'patient-errors' : 'draft-errors');
    summary.hidden = true;
    summary.replaceChildren();
  }

  function showAt(input, errorNode, message) {
    errorNode.textContent = (errorNode.textContent ? errorNode.textContent + ' ' : '') + message;
    errorNode.hidden = false;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', errorNode.id);
    }
  }

  /** The input for an error path: itself, the medication list, or the group of its first segment. */
  function patientTarget(path) {
    const exact = inputs().find((i) => i.dataset.path === path);
    if (exact) return { input: exact, error: $(exact.id + '-error') };
    const group = path.split(/[.[]/)[0];
    if (group === 'concomitantMedications') {
      const index = Number((path.match(/\[(\d+)\]/) || [])[1]);
      const sent = formToSnapshot().concomitantMedications || [];
      const box = inputs().find((i) => i.dataset.path === 'concomitantMedications:' + sent[index]);
      if (box) return { input: box, error: $(box.id + '-error') };
    }
    const set = $('group-' + group);
    return set ? { input: set.querySelector('[data-path]'), error: $('group-' + group + '-error') } : null;
  }

  function showProblem(scope, problem, locate) {
    clearErrors(scope);
    const summary = $(scope === 'patient' ? 'patient-errors' : 'draft-errors');
    summary.append(el('h3', { text: problem.title || 'There is a problem' }), el('p', { text: problem.detail || '' }));
    const list = el('ul');
    for (const [path, messages] of Object.entries(problem.errors || {})) {
      const target = locate(path);
      const message = messages.join(' ');
      if (target) showAt(target.input, target.error, message);
      const item = el('li');
      if (target && target.input) {
        const link = el('a', { href: '#' + target.input.id, text: `${path}: ${message}` });
        link.addEventListener('click', (event) => { event.preventDefault(); target.input.focus(); });
        item.append(link);
      } else item.append(`${path}: ${message}`);
      list.append(item);
    }
    summary.append(list);
    summary.hidden = false;
    summary.focus();
  }

  // ---------------------------------------------------------------- the answer as cards
  const CARD_OF = (code) => {
    if (/^rems|^pregnancyTest/.test(code)) return 'rems';
    if (/^vteProphylaxis(?!Required)|^existingAnticoagulation|^prophylaxis/.test(code)) return 'prophylaxis';
    if (/^(startingDose|renalDose|renalNotRecommended|continueDose|resume|ancBelow|plateletsBelow|otherDoseLimiting|maintenanceStart|growthFactor|floorReached|labsOutdated|maximumCycles|cllDoseTitration|mdsSchedule|offLabel|liverTests)/.test(code)) return 'dose';
    return 'contraindications';
  };

  function findingList(findings) {
    if (!findings.length) return el('p', { class: 'muted', text: 'No findings.' });
    return el('ul', { class: 'findings' }, findings.map((f) => el('li', { class: 'finding ' + f.severity },
      el('p', {}, el('span', { class: 'badge ' + f.severity, text: f.severity }), ' ', el('strong', { text: f.code })),
      el('p', { text: f.message }),
      el('p', { class: 'cite' }, 'Sources: ', (f.citations || []).map((c) => c.section ? `${c.source} — ${c.section}` : c.source).join('; ')))));
  }

  function card(id, title, version, ...content) {
    return el('article', { class: 'card', id: 'card-' + id, 'aria-labelledby': 'card-' + id + '-title' },
      el('h3', { id: 'card-' + id + '-title', text: title }), ...content,
      el('p', { class: 'version', text: 'Rule set ' + version }));
  }

  const dl = (pairs) => el('dl', {}, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [el('dt', { text: k }), el('dd', { text: String(v) })]));

  function renderAnswer(answer) {
    const byCard = { dose: [], prophylaxis: [], contraindications: [], rems: [] };
    for (const f of answer.findings || []) byCard[CARD_OF(f.code)].push(f);
    const d = answer.dose || {};
    const derived = answer.derived || {};
    const resume = d.resumeWhen ? [d.resumeWhen.ancAtLeastPerMicroliter && `ANC ≥ ${d.resumeWhen.ancAtLeastPerMicroliter}/µL`, d.resumeWhen.plateletsAtLeastPerMicroliter && `platelets ≥ ${d.resumeWhen.plateletsAtLeastPerMicroliter}/µL`].filter(Boolean).join(' and ') : null;
    const doseCard = card('dose', 'Dose', answer.ruleSetVersion,
      el('p', { class: 'headline', text: `${d.action}${d.doseMg != null ? ` — ${d.doseMg} mg ${d.frequency === 'every48Hours' ? 'every 48 hours' : 'once daily'}` : ''}` }),
      dl([['Action', d.action], ['Dose (mg)', d.doseMg], ['Frequency', d.frequency], ['Schedule', d.schedule], ['Administration', d.administration], ['Dose level', d.doseLevel],
        ['Resume when', resume], ['Resume dose (mg)', d.resumeDoseMg], ['CrCl (mL/min)', derived.creatinineClearanceMlPerMin != null ? `${derived.creatinineClearanceMlPerMin} (${derived.creatinineClearanceSource})` : null],
        ['Renal band', derived.renalBand], ['BMI (kg/m²)', derived.bodyMassIndexKgPerM2]]),
      findingList(byCard.dose));
    const checks = answer.checks || [];
    const calendar = card('monitoring', 'Monitoring calendar', answer.ruleSetVersion,
      el('table', {}, el('caption', { text: `${checks.length} dated checks` }),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Due' }), el('th', { scope: 'col', text: 'Test' }), el('th', { scope: 'col', text: 'Why' }))),
        el('tbody', {}, checks.slice(0, 30).map((c) => el('tr', {}, el('td', { text: c.dueDate }), el('td', { text: c.test }), el('td', { text: c.reason }))))),
      checks.length > 30 ? el('p', { class: 'muted', text: `… and ${checks.length - 30} later checks (download the answer for all).` }) : null,
      el('h4', { text: 'Rules' }),
      el('ul', {}, (answer.rules || []).map((r) => el('li', {}, el('strong', { text: r.test }), ': ', r.description,
        el('span', { class: 'cite', text: ' — ' + (r.citations || []).map((c) => c.section ? `${c.source}, ${c.section}` : c.source).join('; ') })))));
    const p = answer.prophylaxis || {};
    const prophylaxis = card('prophylaxis', 'Thromboprophylaxis', answer.ruleSetVersion,
      el('p', { class: 'headline', text: p.recommendation }),
      dl([['Aspirin (mg)', p.aspirinDoseMg ? `${p.aspirinDoseMg.min}–${p.aspirinDoseMg.max}` : null], ['Risk factors', (p.riskFactors || []).join(', ') || 'none'],
        ['Individual risk factors', p.individualRiskFactorCount], ['Therapy-related risk', p.therapyRelatedRisk ? 'yes' : 'no']]),
      findingList(byCard.prophylaxis));
    const contraindications = card('contraindications', 'Contraindications and REMS', answer.ruleSetVersion,
      el('p', { class: 'headline', text: 'Status: ' + answer.status }),
      el('h4', { text: 'Contraindications and warnings' }), findingList(byCard.contraindications),
      el('h4', { text: 'REMS duties' }), findingList(byCard.rems));
    $('answer').replaceChildren(el('h3', { id: 'answer-heading', tabindex: '-1', text: `Answer for ${answer.indication} (rule set ${answer.ruleSetVersion})` }),
      el('div', { class: 'cards' }, doseCard, calendar, prophylaxis, contraindications));
  }

  async function assess(event) {
    event.preventDefault();
    const snapshot = formToSnapshot();
    $('snapshotJson').value = JSON.stringify(snapshot, null, 2);
    say('Asking the service…');
    const result = await api('POST', 'assessments', snapshot);
    if (result.status === 200) {
      clearErrors('patient');
      renderAnswer(result.json);
      say(`Answered with rule set ${result.json.ruleSetVersion}: ${result.json.dose.action}.`);
      $('answer-heading').focus();
    } else if (result.status === 400) {
      $('answer').replaceChildren();
      showProblem('patient', result.json, patientTarget);
      say('The snapshot needs fixing: see the messages at the fields.');
    } else {
      say(problemText(result));
    }
  }

  // ---------------------------------------------------------------- reference panel
  let panel = [];
  async function loadPanel() {
    const response = await fetch('/api/workbench/panel.json', { cache: 'no-store' });
    panel = await response.json();
    $('panelPatient').append(...panel.map((p, i) => el('option', { value: String(i), text: p.name })));
  }

  // ---------------------------------------------------------------- rules, versions, audit, draft
  const state = { active: null, activeVersion: null, etag: null, draft: null, published: null };

  async function loadRules() {
    say('Loading the rules…');
    const [active, versions, audit] = await Promise.all([api('GET', 'rules'), api('GET', 'rules/versions'), api('GET', 'rules/audit')]);
    if (active.status !== 200) { say(problemText(active)); return false; }
    state.active = active.json.ruleSet;
    state.activeVersion = active.json.version;
    state.etag = active.headers.get('ETag') || active.json.eTag;
    const overview = $('rulesOverview');
    overview.replaceChildren(
      el('p', { class: 'headline', id: 'activeVersion', text: `Active rule set: ${active.json.version}` + (active.json.degraded ? ' (from cache: storage unreachable)' : '') }),
      el('h3', { text: 'Versions' }),
      versions.status === 200 ? table(['Version', 'Author', 'Reason', 'Created', 'Based on', ''], versions.json.versions.map((v) =>
        [v.version, v.author, v.reason, v.createdAt, v.basedOn || '', v.version === versions.json.active ? 'active' : ''])) : el('p', { text: problemText(versions) }),
      el('h3', { text: 'Audit trail' }),
      audit.status === 200 ? table(['When', 'Action', 'Version', 'Who', 'Why', 'Before'], audit.json.entries.map((e) =>
        [e.at, e.action, e.version, e.actor, e.reason, e.previousVersion || ''])) : el('p', { text: problemText(audit) }));
    say(`Rules loaded: ${active.json.version} is active.`);
    return true;
  }

  function table(headings, rows) {
    return el('table', {}, el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => el('td', { text: c }))))));
  }

  // Array elements are named by their identity, as RuleSetDiff (lena rules diff) names them.
  const IDENTITY_KEYS = ['id', 'indication', 'band', 'when', 'code', 'test'];
  function identity(element, index) {
    if (element && typeof element === 'object' && !Array.isArray(element)) {
      for (const key of IDENTITY_KEYS) {
        const code = element.finding && element.finding.code;
        if (typeof element[key] === 'string') return key === 'when' && code ? `${element[key]}:${code}` : element[key];
        if (key === 'when' && typeof code === 'string') return code;
      }
    }
    return String(index);
  }

  /** Every number in the rule set with its identity path and the object holding it. */
  function numbers(node, path, out, owner, key) {
    if (Array.isArray(node)) {
      const seen = {};
      node.forEach((child, i) => {
        const id = identity(child, i);
        seen[id] = (seen[id] || 0) + 1;
        numbers(child, `${path}[${seen[id] === 1 ? id : id + '#' + seen[id]}]`, out, node, i);
      });
    } else if (node && typeof node === 'object') {
      for (const [name, child] of Object.entries(node)) numbers(child, path ? `${path}.${name}` : name, out, node, name);
    } else if (typeof node === 'number') {
      out.push({ path, owner, key, value: node });
    }
    return out;
  }

  function nextVersion(version) {
    const m = /^(.*\.)(\d+)$/.exec(version);
    return m ? m[1] + (Number(m[2]) + 1) : version + '.1';
  }

  function newDraft() {
    if (!state.active) { say('Load the rules first.'); return; }
    state.draft = structuredClone(state.active);
    state.draft.version = nextVersion(state.active.version);
    $('draftVersion').value = state.draft.version;
    renderDraft();
    say(`Draft ${state.draft.version} started from ${state.active.version}.`);
  }

  function renderDraft() {
    const activeNumbers = new Map(numbers(state.active, '', []).map((n) => [n.path, n.value]));
    const host = $('draftTables');
    host.replaceChildren();
    for (const section of Object.keys(state.draft).filter((k) => typeof state.draft[k] === 'object' && state.draft[k] !== null)) {
      const rows = numbers(state.draft[section], section, []);
      if (!rows.length) continue;
      const body = el('tbody');
      for (const n of rows) {
        const id = 'r-' + n.path.replace(/[^A-Za-z0-9_-]/g, '-');
        const input = el('input', { id, type: 'text', inputmode: 'decimal', value: String(n.value), size: '8', 'aria-label': `${n.path}, draft value` });
        input.dataset.rulePath = n.path;
        input.addEventListener('change', () => {
          const value = Number(input.value);
          n.owner[n.key] = input.value.trim() !== '' && Number.isFinite(value) ? value : input.value;
          input.closest('tr').classList.toggle('changed', n.owner[n.key] !== activeNumbers.get(n.path));
          $('draftJson').value = JSON.stringify(state.draft, null, 2);
        });
        const label = el('th', { scope: 'row' }, el('label', { for: id, text: n.path.slice(section.length + 1) }));
        body.append(el('tr', {}, label, el('td', { text: activeNumbers.has(n.path) ? String(activeNumbers.get(n.path)) : '—' }), el('td', {}, input, el('p', { id: id + '-error', class: 'field-error', hidden: true }))));
      }
      host.append(el('details', { 'data-section': section }, el('summary', { text: `${words(section)} (${rows.length} numbers)` }),
        el('table', { class: 'rules-table' }, el('caption', { text: section }),
          el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Rule' }), el('th', { scope: 'col', text: 'Active' }), el('th', { scope: 'col', text: 'Draft' }))), body),
        el('p', { id: 'section-' + section + '-error', class: 'field-error', hidden: true })));
    }
    $('draftJson').value = JSON.stringify(state.draft, null, 2);
  }

  /** A validator path (ruleSet.renalBands.ranges[crCl30To59]…) at its number, or the section it is in. */
  function draftTarget(path) {
    const rulePath = path.replace(/^ruleSet\.?/, '');
    const all = [...document.querySelectorAll('#draftTables [data-rule-path]')];
    const input = all.find((i) => i.dataset.rulePath === rulePath) || all.find((i) => i.dataset.rulePath.startsWith(rulePath + '.') || i.dataset.rulePath.startsWith(rulePath + '['));
    if (input) { input.closest('details').open = true; return { input, error: $(input.id + '-error') }; }
    const section = rulePath.split(/[.[]/)[0];
    const error = $('section-' + section + '-error');
    if (error) { error.closest('details').open = true; return { input: null, error }; }
    return null;
  }

  function draftForRequest() {
    if (!state.draft) return null;
    const version = $('draftVersion').value.trim();
    if (version) state.draft.version = version;
    return state.draft;
  }

  // ---------------------------------------------------------------- impact (what-if) and publishing
  async function checkDraft() {
    const draft = draftForRequest();
    if (!draft) { say('Start a draft first.'); return; }
    if (!panel.length) await loadPanel();
    say(`Running draft ${draft.version} against ${panel.length} reference patients…`);
    const result = await api('POST', 'rules/what-if', { ruleSet: draft, snapshots: panel.map((p) => p.snapshot), today: PANEL_TODAY });
    if (result.status === 400) {
      $('diff').replaceChildren();
      $('impactResults').replaceChildren();
      showProblem('rules', result.json, draftTarget);
      say('The draft does not validate: see the problems at the rules.');
      return;
    }
    if (result.status !== 200) { say(problemText(result)); return; }
    clearErrors('rules');
    const r = result.json;
    $('diff').replaceChildren(el('h3', { text: `Rule changes: ${r.draftVersion} against ${r.ruleSetVersion}` }),
      r.ruleChanges.length ? el('ul', { class: 'diff' }, r.ruleChanges.map((line) => el('li', { class: { '+': 'added', '-': 'removed', '~': 'modified' }[line[0]] || '', text: line })))
        : el('p', { text: 'No change.' }));
    const changed = r.results.filter((x) => x.changed);
    $('impactResults').replaceChildren(
      el('h3', { id: 'impact-summary', tabindex: '-1', text: `${changed.length} of ${r.results.length} reference patients change` }),
      changed.length ? el('table', { id: 'changedPatients' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Patient' }), el('th', { scope: 'col', text: 'What changes (active → draft)' }))),
        el('tbody', {}, changed.map((x) => el('tr', {}, el('th', { scope: 'row', text: panel[x.index].name }),
          el('td', {}, el('ul', {}, x.differences.map((d) => el('li', { text: `${d.path}: ${show(d.active)} → ${show(d.draft)}` })))))))) : null);
    say(`${changed.length} of ${r.results.length} reference patients change under ${r.draftVersion}.`);
    $('impact-summary').focus();
  }

  const show = (value) => (value === null || value === undefined ? 'absent' : typeof value === 'object' ? JSON.stringify(value) : String(value));

  let pending = null;
  function confirmStep(text, action) {
    pending = action;
    $('confirmText').textContent = text;
    $('confirm').hidden = false;
    $('confirmYes').focus();
  }
  function closeConfirm() { $('confirm').hidden = true; pending = null; }

  function adminFields() {
    const author = $('author').value.trim();
    const reason = $('reason').value.trim();
    if (!author || !reason) { say('Give your name and the reason first: the audit trail records who changed what and why.'); (author ? $('reason') : $('author')).focus(); return null; }
    return { author, reason };
  }

  function publish() {
    const draft = draftForRequest();
    if (!draft) { say('Start a draft first.'); return; }
    const who = adminFields();
    if (!who) return;
    confirmStep(`Publish rule set ${draft.version} (based on ${state.active.version})? It is stored but not live until activated.`, async () => {
      const result = await api('POST', 'rules/versions', { author: who.author, reason: who.reason, basedOn: state.active.version, ruleSet: draft });
      if (result.status === 201) {
        state.published = result.json.version;
        $('publishResult').textContent = `Published ${result.json.version}. Not live yet: activate it when ready.`;
        await loadRules();
      } else if (result.status === 400) {
        showProblem('rules', result.json, draftTarget);
        $('publishResult').textContent = 'Not published: the draft has problems (shown at the rules).';
      } else if (result.status === 409) {
        state.published = draft.version;
        $('publishResult').textContent = `${draft.version} is already published (published versions never change). You can activate it, or give the draft a new version.`;
      } else $('publishResult').textContent = 'Not published: ' + problemText(result);
    });
  }

  function activate() {
    const version = state.published || draftForRequest()?.version;
    if (!version) { say('Publish a draft first.'); return; }
    const who = adminFields();
    if (!who) return;
    confirmStep(`Make ${version} the active rule set (now ${state.active ? state.active.version : 'unknown'})? Every new answer will use it.`, async () => {
      const result = await api('PUT', 'rules/active', { version, actor: who.author, reason: who.reason }, { 'If-Match': state.etag || '' });
      if (result.status === 200) {
        state.etag = result.headers.get('ETag') || result.json.eTag;
        $('publishResult').textContent = `${version} is active. Every instance answers with it within about 30 seconds; a rollback is activating the earlier version.`;
        // GET /api/rules is served from each instance's rule cache: wait until it shows the new version.
        for (let attempt = 0; attempt < 45 && (await loadRules()) && state.activeVersion !== version; attempt++) {
          say(`Activated ${version}; waiting for the service to pick it up…`);
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      } else if (result.status === 412) {
        $('publishResult').textContent = `Not activated (412): someone changed the active rule set since you loaded it. ${result.json.detail || ''} Nothing was changed. Load the rules again, check the impact against what is active now, then activate.`;
      } else if (result.status === 422) {
        $('publishResult').textContent = `Not activated: ${version} has not been published. Publish it first.`;
      } else $('publishResult').textContent = 'Not activated: ' + problemText(result);
    });
  }

  // ---------------------------------------------------------------- wiring
  function download(name, text) {
    const link = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'application/json' })), download: name });
    document.body.append(link);
    link.click();
    link.remove();
  }

  // In Azure the page signs the user in with Microsoft Entra ID (workbench-signin.js); locally it does nothing.
  function showSignIn(outcome) {
    if (!outcome.enabled || outcome.redirecting) return;
    // Signed in, the token stands in for the key on every call: no key or token field to fill.
    for (const id of ['functionKeyLabel', 'functionKey', 'bearerTokenLabel', 'bearerToken']) $(id).hidden = true;
    $('signIn').hidden = false;
    $('key-hint').textContent = 'You use the service as yourself through Microsoft Entra sign-in: no key is needed. The token is kept in this tab\'s memory only, never stored.';
    $('signInStatus').textContent = outcome.name ? `Signed in as ${outcome.name}.`
      : outcome.error ? `Not signed in: ${outcome.error}` : 'Signed out.';
    $('signInButton').hidden = Boolean(outcome.name);
    $('signOutButton').hidden = !outcome.name;
  }

  document.addEventListener('DOMContentLoaded', () => {
    buildForm();
    $('signInButton').addEventListener('click', () => window.LenaSignIn.signIn());
    $('signOutButton').addEventListener('click', () => window.LenaSignIn.signOut());
    window.LenaSignIn.start().then(showSignIn, (error) => showSignIn({ enabled: true, error: String(error) }));
    $('functionKey').addEventListener('input', (e) => { secrets.key = e.target.value.trim(); });
    $('bearerToken').addEventListener('input', (e) => { secrets.bearer = e.target.value.trim(); });
    $('access').addEventListener('submit', (e) => e.preventDefault());
    $('patientForm').addEventListener('submit', assess);
    $('loadPanelPatient').addEventListener('click', () => {
      const chosen = panel[Number($('panelPatient').value)];
      if (!$('panelPatient').value || !chosen) { say('Choose a reference patient first.'); return; }
      snapshotToForm(chosen.snapshot);
      $('snapshotJson').value = JSON.stringify(chosen.snapshot, null, 2);
      say(`Loaded ${chosen.name}. Its counts are dated for ${PANEL_TODAY}.`);
    });
    $('newPatient').addEventListener('click', () => { snapshotToForm({}); $('answer').replaceChildren(); });
    $('jsonToForm').addEventListener('click', () => {
      try { snapshotToForm(JSON.parse($('snapshotJson').value)); say('Form filled from the JSON.'); } catch (error) { say('That is not valid JSON: ' + error.message); }
    });
    $('formToJson').addEventListener('click', () => { $('snapshotJson').value = JSON.stringify(formToSnapshot(), null, 2); });
    $('downloadSnapshot').addEventListener('click', () => download('snapshot.json', JSON.stringify(formToSnapshot(), null, 2)));
    $('loadRules').addEventListener('click', loadRules);
    $('newDraft').addEventListener('click', async () => { if (state.active || await loadRules()) newDraft(); });
    $('applyDraftJson').addEventListener('click', () => {
      try { state.draft = JSON.parse($('draftJson').value); $('draftVersion').value = state.draft.version || ''; renderDraft(); say('Draft taken from the JSON.'); } catch (error) { say('That is not valid JSON: ' + error.message); }
    });
    $('checkDraft').addEventListener('click', checkDraft);
    $('publish').addEventListener('click', publish);
    $('activate').addEventListener('click', activate);
    $('confirmYes').addEventListener('click', async () => { const action = pending; closeConfirm(); if (action) await action(); $('publishResult').focus(); });
    $('confirmNo').addEventListener('click', () => { closeConfirm(); say('Cancelled.'); });
    $('publishResult').setAttribute('tabindex', '-1');
    loadPanel().then(() => say(`Ready. ${panel.length} reference patients loaded.`), () => say('The reference panel could not be loaded.'));
  });
})();
