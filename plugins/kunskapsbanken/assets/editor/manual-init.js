// Decap starts by itself once its script has run; editor.js starts it instead, after it has
// taught it the one file format it lacks.
window.CMS_MANUAL_INIT = true;
