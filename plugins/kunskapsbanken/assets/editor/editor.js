// Starts the web editor (Decap CMS) with one extra file format, "yaml-list": a YAML file whose
// top level is a list (content/glossary.yml). Decap edits only files whose top level is a mapping,
// so the list is shown to it as the one field "items". The YAML library is the one Decap itself
// uses (yaml 1.x), installed beside it; `python -m kunskapsbanken format` restores the house style.
import { YAML } from "./yaml/index.js";

window.CMS.registerCustomFormat("yaml-list", "yml", {
  fromFile: (text) => ({ items: YAML.parse(text) || [] }),
  toFile: (data) => YAML.stringify(data.items || []),
});
window.CMS.init();
