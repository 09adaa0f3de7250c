-- The version of the JSON kept in the data columns and hashed into content
-- hashes (see store/storedform.go). Every row written before this table
-- existed is version 1: its member names are the ones version 1 fixes, so no
-- row is rewritten and no hash changes.
CREATE TABLE stored_form (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO stored_form(id, version) VALUES (1, 1);
