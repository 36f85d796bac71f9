"""Growing a fact base: init, extract from an article, import a table (docs/authoring.md)."""
