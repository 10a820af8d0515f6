-- relevancerelated-schema: foundation 1
--
-- The two tables every other script builds on. Safe to run again: nothing here drops or rewrites data.
--
-- orleansquery: the Orleans ADO.NET providers read their statements from this table at start-up
-- ("SELECT QueryKey, QueryText FROM OrleansQuery"); each provider asks for the keys it needs by name.
-- relevancerelated_schema_version: which version of each script was applied last, so that a later
-- script can upgrade in place and an older tool refuses to run against a newer database.
CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);

CREATE TABLE IF NOT EXISTS relevancerelated_schema_version
(
    component  text        NOT NULL PRIMARY KEY,
    version    integer     NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO relevancerelated_schema_version (component, version) VALUES ('foundation', 1)
ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, applied_at = now();
