-- casenode store schema. Each CASE object keeps its full JSON (json.Marshal of
-- the casefile struct, lossless) in `data`, next to the columns queries need.

CREATE TABLE frameworks (
    identifier          TEXT PRIMARY KEY,
    original_identifier TEXT,
    uri                 TEXT NOT NULL DEFAULT '',
    title               TEXT NOT NULL DEFAULT '',
    creator             TEXT NOT NULL DEFAULT '',
    case_version        TEXT NOT NULL DEFAULT '',
    source              TEXT NOT NULL DEFAULT '',
    location            TEXT NOT NULL DEFAULT '',
    peer                TEXT NOT NULL DEFAULT '',
    origin_node         TEXT NOT NULL DEFAULT '',
    etag                TEXT NOT NULL DEFAULT '',
    last_modified       TEXT NOT NULL DEFAULT '',
    fetched_at          TEXT NOT NULL DEFAULT '',
    content_hash        TEXT NOT NULL,
    seq                 INTEGER NOT NULL,
    imported_at         TEXT NOT NULL,
    last_change         TEXT NOT NULL DEFAULT '',
    item_count          INTEGER NOT NULL DEFAULT 0,
    association_count   INTEGER NOT NULL DEFAULT 0,
    education_level     TEXT NOT NULL DEFAULT '[]', -- JSON array, union over items
    package_extra       TEXT NOT NULL DEFAULT '{}', -- JSON: package-level Common
    data                TEXT NOT NULL               -- JSON casefile.Document
);
CREATE INDEX frameworks_original ON frameworks(original_identifier) WHERE original_identifier IS NOT NULL;
CREATE INDEX frameworks_title ON frameworks(title COLLATE NOCASE);

CREATE TABLE items (
    identifier          TEXT PRIMARY KEY,
    framework           TEXT NOT NULL,
    ord                 INTEGER NOT NULL,
    uri                 TEXT NOT NULL DEFAULT '',
    human_coding_scheme TEXT NOT NULL DEFAULT '',
    code_lower          TEXT NOT NULL DEFAULT '',
    original_identifier TEXT,
    hash                TEXT NOT NULL,
    data                TEXT NOT NULL
);
CREATE INDEX items_framework ON items(framework, ord, identifier);
CREATE INDEX items_code ON items(code_lower) WHERE code_lower <> '';
CREATE INDEX items_uri ON items(uri);
CREATE INDEX items_original ON items(original_identifier) WHERE original_identifier IS NOT NULL;

CREATE TABLE associations (
    identifier          TEXT PRIMARY KEY,
    framework           TEXT NOT NULL,
    ord                 INTEGER NOT NULL,
    type                TEXT NOT NULL,
    origin_id           TEXT NOT NULL,
    origin_uri          TEXT NOT NULL DEFAULT '',
    destination_id      TEXT NOT NULL,
    destination_uri     TEXT NOT NULL DEFAULT '',
    -- 1 when that end is not an object of the same package: only such ends
    -- can name an item by uri alone, so only they are indexed by uri.
    origin_ext          INTEGER NOT NULL DEFAULT 0,
    destination_ext     INTEGER NOT NULL DEFAULT 0,
    sequence_number     INTEGER,
    original_identifier TEXT,
    hash                TEXT NOT NULL,
    data                TEXT NOT NULL
);
CREATE INDEX associations_framework ON associations(framework, ord);
CREATE INDEX associations_origin ON associations(origin_id, type);
CREATE INDEX associations_destination ON associations(destination_id, type);
CREATE INDEX associations_origin_uri ON associations(origin_uri) WHERE origin_ext = 1;
CREATE INDEX associations_destination_uri ON associations(destination_uri) WHERE destination_ext = 1;
CREATE INDEX associations_original ON associations(original_identifier) WHERE original_identifier IS NOT NULL;

-- Definitions are vocabularies that frameworks commonly share (the same
-- CFItemType or CFLicense in many packages), so each framework keeps its own
-- copy: deleting or replacing one framework never strips another's package.
-- Lookups by identifier answer the most recently written copy.
CREATE TABLE definitions (
    framework           TEXT NOT NULL,
    kind                TEXT NOT NULL,
    identifier          TEXT NOT NULL,
    ord                 INTEGER NOT NULL,
    uri                 TEXT NOT NULL DEFAULT '',
    hierarchy_code      TEXT NOT NULL DEFAULT '',
    original_identifier TEXT,
    seq                 INTEGER NOT NULL,
    hash                TEXT NOT NULL,
    data                TEXT NOT NULL,
    PRIMARY KEY (framework, kind, identifier)
);
CREATE INDEX definitions_identifier ON definitions(kind, identifier);
CREATE INDEX definitions_original ON definitions(kind, original_identifier) WHERE original_identifier IS NOT NULL;
CREATE INDEX definitions_code ON definitions(kind, framework, hierarchy_code);

CREATE TABLE rubrics (
    identifier          TEXT PRIMARY KEY,
    framework           TEXT NOT NULL,
    ord                 INTEGER NOT NULL,
    original_identifier TEXT,
    hash                TEXT NOT NULL,
    data                TEXT NOT NULL
);
CREATE INDEX rubrics_framework ON rubrics(framework, ord);
CREATE INDEX rubrics_original ON rubrics(original_identifier) WHERE original_identifier IS NOT NULL;

CREATE TABLE changes (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    framework    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    at           TEXT NOT NULL,
    content_hash TEXT NOT NULL DEFAULT ''
);
CREATE INDEX changes_framework ON changes(framework, seq);

CREATE TABLE diffs (
    seq       INTEGER PRIMARY KEY,
    framework TEXT NOT NULL,
    at        TEXT NOT NULL,
    source    TEXT NOT NULL DEFAULT '',
    data      TEXT NOT NULL
);
CREATE INDEX diffs_framework ON diffs(framework, seq);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE clients (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL DEFAULT '',
    secret_hash TEXT NOT NULL,
    scopes      TEXT NOT NULL DEFAULT '[]',
    created_at  TEXT NOT NULL
);
