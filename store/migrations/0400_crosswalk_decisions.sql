-- crosswalk decisions: suggestions a person accepted or rejected, with who and
-- when. Owned by the crosswalk package (through the store's Decision methods).
-- An accepted suggestion is also a CASE association in the node's crosswalk
-- document (association holds its identifier); a rejection is only this row.

CREATE TABLE crosswalk_decisions (
    source_item      TEXT NOT NULL,
    target_item      TEXT NOT NULL,
    source_framework TEXT NOT NULL,
    target_framework TEXT NOT NULL,
    decision         TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    association_type TEXT NOT NULL DEFAULT '',
    association      TEXT NOT NULL DEFAULT '',
    decided_by       TEXT NOT NULL,
    decided_at       TEXT NOT NULL,
    PRIMARY KEY (source_item, target_item)
);
CREATE INDEX crosswalk_decisions_frameworks ON crosswalk_decisions(source_framework, target_framework);

-- A counter bumped by every change of the decisions, so a cached crosswalk
-- knows when the decisions it applied are stale.
CREATE TABLE crosswalk_decision_clock (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO crosswalk_decision_clock(id, n) VALUES (1, 1);

-- Rejections kept until now by the web pages as JSON lists in meta, one key
-- per framework pair: 'web.crosswalk.rejected:' || source || ':' || target,
-- each element {"s": item, "t": item, "by": client, "at": time}.
INSERT OR IGNORE INTO crosswalk_decisions(source_item, target_item, source_framework, target_framework,
    decision, decided_by, decided_at)
SELECT json_extract(e.value, '$.s'), json_extract(e.value, '$.t'),
       substr(m.key, 24, instr(substr(m.key, 24), ':') - 1),
       substr(m.key, 24 + instr(substr(m.key, 24), ':')),
       'rejected', COALESCE(json_extract(e.value, '$.by'), ''), COALESCE(json_extract(e.value, '$.at'), '')
FROM meta m, json_each(m.value) e
WHERE m.key LIKE 'web.crosswalk.rejected:%' AND json_valid(m.value)
  AND json_extract(e.value, '$.s') IS NOT NULL AND json_extract(e.value, '$.t') IS NOT NULL;
DELETE FROM meta WHERE key LIKE 'web.crosswalk.rejected:%';
