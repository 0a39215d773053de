// Decap starts by itself once its script has run; editor.js starts it instead, after it has
// taught it the file formats and checks of this project.
window.CMS_MANUAL_INIT = true;
