// The checks a record gets before the editor saves it, in Swedish, each naming the field in the
// form's own words ("Resultat › Siffror 3 › Värde"): the record kind's JSON Schema (the same
// files `python -m kunskapsbanken validate` reads, with their $refs resolved at build time) and
// those checks of `validate` an editor can trip in a form: a section that is not in the source
// document, a hard easy-read text, control characters, HTML that could run script, Word's bullet
// character, and an id that already exists.

const NOT_KNOWN = "not_known";
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE = [
  [/<\s*\/?\s*script\b/i, "<script>"],
  [/<[^>]*\son[a-z]+\s*=/is, "ett händelseattribut (on…=) i HTML"],
  [/\b(?:java|vb)script\s*:/i, "en javascript:-länk"],
  [/\bdata\s*:\s*text\/html/i, "en data:text/html-länk"],
];
const WORD_BULLET = "\uf0b7";
const MAX_LIX = 35;
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function label(node, key) {
  return (node && node.title) || key;
}

function where(path) {
  return path.length ? `«${path.join(" › ")}»` : "Posten";
}

function typeOk(value, type) {
  switch (type) {
    case "string": return typeof value === "string";
    case "number": return typeof value === "number" && Number.isFinite(value);
    case "integer": return Number.isInteger(value);
    case "boolean": return typeof value === "boolean";
    case "array": return Array.isArray(value);
    case "object": return value !== null && typeof value === "object" && !Array.isArray(value);
    case "null": return value === null;
    default: return true;
  }
}

function describe(node) {
  if (node.const === NOT_KNOWN) return "okänt";
  if (node.const !== undefined) return String(node.const);
  if (node.enum) return "ett av alternativen";
  if (node.format === "partial-date") return "ett år, en månad eller ett datum (2011, 2011-09, 2011-09-01)";
  if (node.format === "date") return "ett datum ÅÅÅÅ-MM-DD";
  return { string: "en text", number: "ett tal", integer: "ett heltal", boolean: "ja eller nej",
    array: "en lista", object: "en grupp av fält" }[node.type] || "ett värde";
}

function missing(node) {
  // Where the schema allows not_known, the form offers it: say how (editor/config.py).
  const branches = (node && node.anyOf) || [];
  if (!branches.some((b) => b.const === NOT_KNOWN)) return "måste fyllas i.";
  if (branches.some((b) => b.type === "array" || b.type === "object")) {
    return "måste fyllas i. Kryssa i Okänt om källorna inte säger något.";
  }
  return "måste fyllas i. Skriv okänt om källorna inte säger något.";
}

// The schema check itself is Ajv's (ajv-dist's draft 2020-12 build, loaded before this module as
// window.ajv2020: a well-kept validator of the same JSON Schemas `validate` reads). Ajv decides;
// the walker below only words what is wrong in the form's language, and where it has no words
// for what Ajv found, Ajv's own finding is named with the field.
const validators = new WeakMap();
let ajv = null;

function validator(node) {
  if (!ajv) {
    const Ajv = window.ajv2020 && (window.ajv2020.default || window.ajv2020);
    if (!Ajv) throw new Error("Kontrollen av posten kunde inte starta (ajv2020.min.js saknas). Ladda om sidan.");
    ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat("partial-date", PARTIAL_DATE);
    ajv.addFormat("date", DATE);
  }
  let check = validators.get(node);
  if (!check) {
    check = ajv.compile(node);
    validators.set(node, check);
  }
  return check;
}

/** The form's words for the field at an Ajv instance path ("/results/figures/2/value"). */
function fieldWords(node, instancePath) {
  const path = [];
  let here = node;
  for (const raw of instancePath.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const options = here ? [here, ...(here.anyOf || [])] : [];
    if (/^\d+$/.test(part)) {
      const items = (options.find((o) => o.items) || {}).items;
      path.push(`${label(items, "rad")} ${Number(part) + 1}`);
      here = items;
    } else {
      const prop = (options.find((o) => o.properties && o.properties[part]) || { properties: {} }).properties[part];
      path.push(label(prop, part));
      here = prop;
    }
  }
  return { path, node: here };
}

function ajvWords(error, node) {
  const { path, node: field } = fieldWords(node, error.instancePath);
  const p = error.params || {};
  switch (error.keyword) {
    case "required": {
      const prop = field && field.properties ? field.properties[p.missingProperty] : null;
      return `${where([...path, label(prop, p.missingProperty)])}: måste fyllas i.`;
    }
    case "additionalProperties": return `${where(path)}: fältet ${p.additionalProperty} finns inte i formuläret.`;
    case "minimum": case "exclusiveMinimum": return `${where(path)}: minst ${p.limit}.`;
    case "maximum": case "exclusiveMaximum": return `${where(path)}: högst ${p.limit}.`;
    case "minLength": return `${where(path)}: får inte vara tomt.`;
    case "maxLength": return `${where(path)}: högst ${p.limit} tecken.`;
    case "minItems": return `${where(path)}: behöver minst ${p.limit} ${p.limit === 1 ? "rad" : "rader"}.`;
    case "enum": case "const": return `${where(path)}: välj ett av alternativen.`;
    case "type": return `${where(path)}: skriv ${describe({ type: p.type })}.`;
    case "format": case "pattern": return `${where(path)}: har inte rätt form.`;
    case "uniqueItems": return `${where(path)}: samma värde står två gånger.`;
    default: return `${where(path)}: stämmer inte med reglerna för fältet (${error.keyword}).`;
  }
}

/** Problems of ``value`` against ``node`` (an inlined schema), as Swedish sentences: none when
 * Ajv accepts it. */
export function schemaProblems(value, node) {
  const check = validator(node);
  if (check(value)) return [];
  const worded = wordedProblems(value, node);
  if (worded.length) return worded;
  // "anyOf" and "if" failures repeat their branches' findings: each sentence once.
  const found = check.errors.filter((e) => !["anyOf", "if", "allOf"].includes(e.keyword));
  return [...new Set((found.length ? found : check.errors).map((e) => ajvWords(e, node)))];
}

/** What is wrong with ``value`` against ``node``, worded in the form's language (the walker). */
function wordedProblems(value, node, path = [], out = []) {
  if (!node) return out;
  if (node.anyOf) {
    const tries = node.anyOf.map((b) => wordedProblems(value, { ...b, minimum: b.minimum ?? node.minimum,
      maximum: b.maximum ?? node.maximum }, path, []));
    const ok = tries.find((t) => t.length === 0);
    if (ok) return out;
    const typed = node.anyOf.findIndex((b) => (b.type ? typeOk(value, b.type) : b.const === value));
    if (typed >= 0) out.push(...tries[typed]);
    else out.push(`${where(path)}: skriv ${node.anyOf.map(describe).join(" eller ")}.`);
    return out;
  }
  if (node.const !== undefined && value !== node.const) {
    out.push(`${where(path)}: skriv ${describe(node)}.`);
    return out;
  }
  if (node.enum && !node.enum.includes(value)) {
    out.push(`${where(path)}: välj ett av alternativen.`);
    return out;
  }
  if (node.type && !typeOk(value, node.type)) {
    out.push(`${where(path)}: skriv ${describe(node)}.`);
    return out;
  }
  if (typeof value === "string") {
    if (node.minLength && value.trim().length < node.minLength) out.push(`${where(path)}: får inte vara tomt.`);
    if (node.maxLength && value.length > node.maxLength) {
      out.push(`${where(path)}: högst ${node.maxLength} tecken (nu ${value.length}).`);
    }
    if (node.pattern && !new RegExp(node.pattern, "u").test(value)) {
      out.push(`${where(path)}: bara små bokstäver a–z, siffror och bindestreck, utan å, ä, ö.`);
    }
    if (node.format === "partial-date" && !PARTIAL_DATE.test(value)) {
      out.push(`${where(path)}: skriv ett år, en månad eller ett datum (2011, 2011-09, 2011-09-01).`);
    }
    if (node.format === "date" && !DATE.test(value)) out.push(`${where(path)}: skriv ett datum ÅÅÅÅ-MM-DD.`);
  }
  if (typeof value === "number") {
    if (node.minimum !== undefined && value < node.minimum) {
      out.push(node.minimum === 0 ? `${where(path)}: får inte vara negativt. En minskning skrivs som ett positivt tal.`
        : `${where(path)}: minst ${node.minimum}.`);
    }
    if (node.maximum !== undefined && value > node.maximum) out.push(`${where(path)}: högst ${node.maximum}.`);
  }
  if (Array.isArray(value)) {
    if (node.minItems && value.length < node.minItems) {
      out.push(`${where(path)}: behöver minst ${node.minItems} ${node.minItems === 1 ? "rad" : "rader"}.`);
    }
    if (node.uniqueItems) {
      const seen = new Set();
      for (const item of value) {
        const key = JSON.stringify(item);
        if (seen.has(key)) out.push(`${where(path)}: ${item} står två gånger.`);
        seen.add(key);
      }
    }
    const itemNode = node.items || {};
    value.forEach((item, i) => wordedProblems(item, itemNode, [...path, `${label(itemNode, "rad")} ${i + 1}`], out));
  }
  if (typeOk(value, "object") && (node.properties || node.additionalProperties !== undefined)) {
    const props = node.properties || {};
    for (const key of node.required || []) {
      if (!(key in value)) out.push(`${where([...path, label(props[key], key)])}: ${missing(props[key])}`);
    }
    for (const [key, item] of Object.entries(value)) {
      if (props[key]) wordedProblems(item, props[key], [...path, label(props[key], key)], out);
      else if (node.additionalProperties === false) out.push(`${where(path)}: fältet ${key} finns inte i formuläret.`);
      else if (typeof node.additionalProperties === "object") wordedProblems(item, node.additionalProperties, [...path, key], out);
    }
    if (node.if && node.then && wordedProblems(value, { ...node.if, type: undefined }, path, []).length === 0) {
      wordedProblems(value, { ...node.then, type: undefined }, path, out);
    }
  }
  return out;
}

/** LIX as data/readability.py counts it (textstat's: words / sentences + 100 × long words / words). */
export function lix(markdown) {
  const text = markdown.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*_`#>]+/g, "");
  const blocks = text.replace(/^\s*(?:[-+*]|\d+[.)])\s+/gm, "\n").split("\n")
    .map((l) => l.split(/\s+/).filter(Boolean).join(" ")).filter(Boolean)
    .map((b) => (/[.!?:]\s*$/.test(b) ? b : b + "."));
  const plain = blocks.join(" ");
  const words = plain.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const sentences = Math.max(1, (plain.match(/[.!?:](\s|$)/g) || []).length);
  const long = words.filter((w) => w.replace(/[^\p{L}]/gu, "").length > 6).length;
  return words.length ? words.length / sentences + (100 * long) / words.length : 0;
}

/** The checks of `validate` that the schema cannot express, over every text of the record. */
export function textProblems(value, node, info, path = [], out = []) {
  if (typeof value === "string") {
    if (CONTROL.test(value)) out.push(`${where(path)}: innehåller ett osynligt styrtecken. Skriv om texten för hand.`);
    const unsafe = UNSAFE.find(([pattern]) => pattern.test(value));
    if (unsafe) out.push(`${where(path)}: ${unsafe[1]} är inte tillåtet. Skriv vanlig text; fetstil och länkar går bra.`);
    if (value.includes(WORD_BULLET)) {
      out.push(`${where(path)}: innehåller Words punkttecken (). Skriv en lista med - först på varje rad.`);
    }
    return out;
  }
  if (Array.isArray(value)) {
    const itemNode = (node && node.items) || {};
    value.forEach((item, i) => textProblems(item, itemNode, info, [...path, `${label(itemNode, "rad")} ${i + 1}`], out));
    return out;
  }
  if (value && typeof value === "object") {
    const props = (node && (node.properties || (node.anyOf || []).find((b) => b.properties)?.properties)) || {};
    for (const [key, item] of Object.entries(value)) {
      textProblems(item, props[key], info, [...path, label(props[key], key)], out);
    }
    if (typeof value.document === "string" && typeof value.section === "string" && info.sections) {
      const sections = info.sections[value.document];
      if (sections && !sections.includes(value.section)) {
        const dashed = value.section.replace(/ - /g, " – ");
        const tip = sections.includes(dashed) ? ` Menade du «${dashed}» (med tankstreck –, inte bindestreck -)?`
          : " Välj ett av dokumentets avsnitt i listan.";
        out.push(`${where([...path, "Avsnitt"])}: «${value.section}» är inget avsnitt i ${value.document}.${tip}`);
      }
    }
    if (typeof value.easy_read === "string" && value.easy_read.trim()) {
      const score = lix(value.easy_read);
      if (score > MAX_LIX) {
        out.push(`${where([...path, label(props.easy_read, "easy_read")])}: texten är för svår för att vara lättläst ` +
          `(LIX ${Math.round(score)}, högst ${MAX_LIX}). Byt långa ord mot kortare vardagsord och skriv kortare meningar.`);
      }
    }
  }
  return out;
}

/** Entries of a list vocabulary (the glossary, content/target_groups.yml …) that repeat an
 * earlier entry's id (``idField``: a glossary entry's is its term, in any case), as validate refuses. */
export function duplicateEntries(list, node, idField, listLabel) {
  const out = [];
  const first = new Map();
  const itemNode = (node && node.items) || {};
  const fieldLabel = label((itemNode.properties || {})[idField], idField);
  (Array.isArray(list) ? list : []).forEach((item, i) => {
    const value = item && typeof item === "object" ? item[idField] : undefined;
    if (typeof value !== "string" || !value.trim()) return;
    const key = value.trim().toLowerCase();
    if (first.has(key)) {
      out.push(`${where([listLabel, `${label(itemNode, "rad")} ${i + 1}`, fieldLabel])}: «${value}» står redan i listan ` +
        `(rad ${first.get(key) + 1}). Ändra den befintliga raden i stället för att lägga till en ny.`);
    } else first.set(key, i);
  });
  return out;
}

/** Who refers to the record ``kind``:``id`` (admin/kunskapsbanken.json). */
export function referrers(info, kind, id) {
  return (info.referrers || {})[`${kind}:${id}`] || [];
}
