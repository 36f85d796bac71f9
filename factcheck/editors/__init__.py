"""Where editors meet factcheck: the language server (docs/editors.md)."""
