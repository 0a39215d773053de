// Starts the web editor (Decap CMS) with what this project adds to it:
// * one file format per record kind (records.js): Decap reads the record in the form's words and
//   writes it in the house style, so a one-field change is a one-field diff;
// * the checks before saving (checks.js), in Swedish, naming the field as the form does;
// * no deletion and no change of id where other records refer to the record: the list of them
//   is shown instead (a deletion in Decap would go to the main branch without review);
// * Swedish for the strings Decap's own Swedish lacks (locale-sv.js).
import { YAML } from "./yaml/index.js";
import { recordFormat } from "./records.js";
import { schemaProblems, textProblems, referrers, duplicateEntries } from "./checks.js";
import { SWEDISH, merged } from "./locale-sv.js";

const CMS = window.CMS;
const info = await (await fetch("kunskapsbanken.json")).json();

const writers = {};
for (const [name, format] of Object.entries(info.formats)) {
  writers[name] = recordFormat(format, (text) => YAML.parseDocument(text));
  CMS.registerCustomFormat(name, "yml", writers[name]);
}
CMS.registerLocale("sv", merged(CMS.getLocale("sv"), SWEDISH));

function formatName(collection) {
  return `kb-${info.collections[collection] || collection}`;
}

function formatOf(collection) {
  return info.formats[formatName(collection)] || null;
}

function refusal(message) {
  // Decap shows what a handler throws in its "not saved" notice, as text (without "Error: ").
  const error = new Error(message);
  error.toString = () => message;
  return error;
}

function refuse(problems) {
  throw refusal(problems.join("\n"));
}

function checkEntry(entry) {
  const collection = entry.get("collection");
  const form = entry.get("data").toJS();
  const format = formatOf(collection);
  if (!format) {
    const problems = textProblems(form, null, info);
    if (problems.length) refuse(problems);
    return;
  }
  // Exactly what the file format will write (what the form only defaulted is left out).
  const record = writers[formatName(collection)].toData(form);
  const problems = [...schemaProblems(record, format.schema), ...textProblems(record, format.schema, info)];
  if (format.list) {
    problems.push(...duplicateEntries(record, format.schema, format.id_field, format.schema.title || collection));
  } else {
    const slug = entry.get("slug");
    if (entry.get("newRecord") && (info.ids[format.kind] || []).includes(record.id)) {
      problems.push(`«Id»: ${record.id} finns redan. Välj ett annat id, eller ändra den befintliga posten.`);
    } else if (!entry.get("newRecord") && slug && record.id !== slug) {
      const users = referrers(info, format.kind, slug);
      problems.push(`«Id» kan inte ändras (${slug} → ${record.id}).` +
        (users.length ? ` Dessa hänvisar till ${slug}: ${users.join(", ")}.` : ""));
    }
  }
  if (problems.length) refuse(problems);
}

CMS.registerEventListener({
  name: "preSave",
  handler: ({ entry }) => {
    checkEntry(entry);
    return undefined;
  },
});

CMS.registerEventListener({
  name: "preUnpublish",
  handler: ({ entry }) => {
    // Reached only if a collection allows deleting (none does): refuse all the same, with the
    // records that would be left pointing at nothing.
    const format = formatOf(entry.get("collection"));
    const slug = entry.get("slug");
    const users = format ? referrers(info, format.kind, slug) : [];
    throw refusal(`${slug} tas inte bort från webbredigeraren: en borttagning ska granskas som ett ändringsförslag.` +
      (users.length ? ` Dessa hänvisar till ${slug}: ${users.join(", ")}.` : ""));
  },
});

CMS.init();
