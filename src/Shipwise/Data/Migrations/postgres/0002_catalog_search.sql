-- Search and listing: a lower-cased haystack (name, slug, aliases, vendor, tagline,
-- category) and indexes for the API's filters. Existing rows are backfilled.
ALTER TABLE tools ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

UPDATE tools SET search_text = lower(
    name || ' ' || slug || ' ' || vendor || ' ' || tagline || ' ' || category || ' ' ||
    coalesce((SELECT string_agg(alias, ' ' ORDER BY alias) FROM tool_aliases a WHERE a.tool_id = tools.id), ''));

CREATE INDEX ix_tools_category_name ON tools (category, name);
CREATE INDEX ix_tools_kind_name ON tools (kind, name);
CREATE INDEX ix_tools_name ON tools (name);
