"""Check claims and drafts against a sourced fact store."""
