-- Definitions are shared by identifier: every framework keeps its own copy
-- (definitions table), and one copy answers lookups by identifier: the copy
-- of the framework that owns the definition (first published it, or took it
-- over explicitly or from the same origin). See store/takeover.go.
CREATE TABLE definition_owners (
    kind       TEXT NOT NULL,
    identifier TEXT NOT NULL,
    framework  TEXT NOT NULL,
    PRIMARY KEY (kind, identifier)
);

-- The copy answered until now (the most recently written) becomes the owner's.
INSERT OR IGNORE INTO definition_owners(kind, identifier, framework)
    SELECT kind, identifier, framework FROM definitions ORDER BY seq DESC;
