"""``python -m kunskapsbanken new municipality|project|method "Namn"``: a commented draft record.

The draft is generated from the JSON Schema (``schema/<kind>.schema.json``), so it lists every
field of the current schema, each preceded by the field's Swedish title and description; a field
added to the schema appears in the next draft without a change here. Values are neutral where the
schema allows it (``not_known``, empty lists, ``false``, today's date as ``updated``); wherever only
the contributor can know the value (a text, a source reference, a municipality, a date from the
source) the draft says ``FYLL I``, which ``validate`` refuses until it is replaced
(data/placeholders.py). Optional fields without a neutral value are written as commented examples.

The parts, one job each:

* ``command``: the ``new`` command line (arguments, file checks, messages);
* ``schema_view``: following ``$ref`` in the bundled schema;
* ``values``: the values written into the draft, and the examples shown in comments;
* ``comments``: the Swedish explanation of a field, from the schema;
* ``writer``: the YAML lines of the draft, field by field, each value written by the records'
  house style (data/yamlwrite.py), so that a filled-in draft is what ``format`` would write.
"""

from kunskapsbanken.contributor.scaffold.command import add_new_command, cmd_new, skeleton

__all__ = ["add_new_command", "cmd_new", "skeleton"]
