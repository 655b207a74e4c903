-- The site: each tool's panel figures kept beside it, so category pages rank thousands of
-- tools from one index and the home page and feed find changed verdicts without aggregating
-- reviews per request. ReviewStore keeps these columns in step with the current reviews,
-- in the same transaction; the arithmetic is PanelArithmetic's (ties are skips, ship % rounds
-- half away from zero).
ALTER TABLE tools
    ADD COLUMN panel_ships INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN panel_skips INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN panel_no_takes INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN panel_percent INTEGER NULL,
    -- 2 ship, 1 skip, 0 no verdict: the first sort key of a ranking.
    ADD COLUMN panel_rank INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN panel_mean DOUBLE PRECISION NULL,
    ADD COLUMN panel_changed_at TIMESTAMPTZ NULL,
    ADD COLUMN panel_previous_rank INTEGER NULL,
    ADD COLUMN panel_previous_percent INTEGER NULL;

UPDATE tools SET
    panel_ships = (SELECT count(*) FROM reviews r WHERE r.tool_id = tools.id AND r.is_current AND r.verdict = 'ship'),
    panel_skips = (SELECT count(*) FROM reviews r WHERE r.tool_id = tools.id AND r.is_current AND r.verdict = 'skip'),
    panel_no_takes = (SELECT count(*) FROM reviews r WHERE r.tool_id = tools.id AND r.is_current AND r.verdict = 'no-take'),
    panel_mean = (SELECT round(avg(r.score)::numeric, 1)::double precision FROM reviews r WHERE r.tool_id = tools.id AND r.is_current AND r.verdict IN ('ship', 'skip') AND r.score IS NOT NULL);

UPDATE tools SET
    panel_percent = CASE WHEN panel_ships + panel_skips = 0 THEN NULL ELSE round(100.0 * panel_ships / (panel_ships + panel_skips))::int END,
    panel_rank = CASE WHEN panel_ships + panel_skips = 0 THEN 0 WHEN panel_ships > panel_skips THEN 2 ELSE 1 END,
    panel_changed_at = CASE WHEN panel_ships + panel_skips + panel_no_takes = 0 THEN NULL ELSE updated_at END;

CREATE INDEX ix_tools_category_panel ON tools (category, panel_rank DESC, panel_percent DESC NULLS LAST, panel_mean DESC NULLS LAST, name);
CREATE INDEX ix_tools_panel_changed ON tools (panel_changed_at);
CREATE INDEX ix_tools_updated ON tools (updated_at);

-- How often each pair of tools is compared (page views, counted in memory and flushed in
-- batches), for the home page's most-compared pairs. left_id < right_id: one row per pair.
CREATE TABLE compare_views (
    left_id   BIGINT NOT NULL REFERENCES tools (id) ON DELETE CASCADE,
    right_id  BIGINT NOT NULL REFERENCES tools (id) ON DELETE CASCADE,
    views     BIGINT NOT NULL,
    PRIMARY KEY (left_id, right_id)
);

CREATE INDEX ix_compare_views_views ON compare_views (views DESC);
