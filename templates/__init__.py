"""Not a template: this file makes the folder the package ``automation.templates``, so that the
built-in templates ship inside tracker's wheel. To edit a template, copy this folder's .j2 and
.docx files to a folder of your own and set ``[mail] templates`` in tracker.toml."""
