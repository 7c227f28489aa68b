"""The bilingual site search."""
