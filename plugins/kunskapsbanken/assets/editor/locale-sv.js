// The strings Decap's own Swedish locale lacks (it falls back to English for them, e.g. "Add
// siffror"), and a few it has in words an editor here would not use. Merged over Decap's "sv".
export const SWEDISH = {
  auth: { loginWithForgejo: "Logga in med Forgejo" },
  collection: {
    collectionTop: { viewAsList: "Visa som lista", viewAsGrid: "Visa som rutnät" },
    entries: { unpublishedHeader: "Opublicerade poster", noEntries: "Inga poster" },
  },
  editor: {
    editorControl: { field: { widgetLabel: "fältet %{widgetLabel}" } },
    editorControlPane: {
      i18n: {
        copyFromLocale: "Fyll i från ett annat språk",
        copyFromLocaleConfirm: "Vill du fylla i från språket %{locale}?\nAllt som står nu skrivs över.",
      },
    },
    editorInterface: { toggleNotes: "Visa eller dölj anteckningar" },
    editorNotesPane: {
      title: "Anteckningar",
      emptyState: "Inga anteckningar än. Skriv den första här nedanför.",
      addNote: "Lägg till anteckning",
      addPlaceholder: "Skriv en anteckning …",
      editPlaceholder: "Ändra anteckningen …",
      save: "Spara",
      cancel: "Avbryt",
      edit: "Ändra",
      delete: "Ta bort",
      resolve: "Markera som klar",
      unresolve: "Markera som inte klar",
      confirmDelete: "Vill du ta bort anteckningen?",
      shortcut: "Tips: Ctrl+Enter lägger till anteckningen",
    },
    editorToolbar: {
      statusInfoTooltipDraft: "Posten är ett utkast. Sätt status till Granskas när den är klar att granskas.",
      statusInfoTooltipInReview: "Posten granskas. Du kan fortfarande ändra i den under tiden.",
    },
    editorWidgets: {
      markdown: {
        strikethrough: "Genomstruken",
        toggleMode: { rich: "Byt till formaterad text", markdown: "Byt till Markdown" },
      },
      image: { chooseMultiple: "Välj bilder", addMore: "Lägg till fler bilder", removeAll: "Ta bort alla bilder" },
      file: { chooseMultiple: "Välj filer", addMore: "Lägg till fler filer", removeAll: "Ta bort alla filer" },
      datetime: { setToNow: "Sätt %{fieldLabel} till i dag" },
      list: { add: "Lägg till %{item}", addType: "Lägg till %{item}" },
      object: { expand: "Visa", collapse: "Dölj" },
    },
  },
  mediaLibrary: { mediaLibraryModal: { close: "Stäng" } },
  ui: {
    settingsDropdown: { account: "Kontoinställningar" },
    toast: {
      noteAdded: "Anteckningen är tillagd",
      onFailToAddNote: "Kunde inte lägga till anteckningen: %{details}",
      noteUpdated: "Anteckningen är ändrad",
      onFailToUpdateNote: "Kunde inte ändra anteckningen: %{details}",
      noteDeleted: "Anteckningen är borttagen",
      onFailToDeleteNote: "Kunde inte ta bort anteckningen: %{details}",
      noteResolved: "Anteckningen är klar",
      noteReopened: "Anteckningen är öppen igen",
      onFailToToggleNote: "Kunde inte ändra anteckningens status: %{details}",
      onFailToPersist: "Posten sparades inte. %{details}",
    },
  },
};

export function merged(base, extra) {
  const out = { ...(base || {}) };
  for (const [key, value] of Object.entries(extra)) {
    out[key] = value && typeof value === "object" ? merged(out[key], value) : value;
  }
  return out;
}
