#!/usr/bin/env python3
"""Makes a small, sound signpost directory from the built one, for the fuzz targets to start
from: a few services of each kind (public, professional-only, closed) with their lines, hours,
translations and search rows, a little of each content table, 512-byte pages.

    make-seed-directory.py BUILT_DB OUT_DB

Only python3's own sqlite3 module: it runs at test time on a plain Debian."""
import shutil
import sqlite3
import sys

KEEP_SERVICES = ("national-da-helpline", "galop", "broken-rainbow", "marac")

built, out = sys.argv[1], sys.argv[2]
shutil.copyfile(built, out)
db = sqlite3.connect(out)
ids = ",".join("'%s'" % s for s in KEEP_SERVICES)
rows = [r for (r,) in db.execute("SELECT rowid FROM service WHERE id IN (%s)" % ids)]
rowids = ",".join(str(r) for r in rows)
statements = [
    "DELETE FROM service WHERE rowid NOT IN (%s)" % rowids,
    "DELETE FROM service_profile WHERE service NOT IN (%s)" % rowids,
    "DELETE FROM contact WHERE service NOT IN (%s)" % rowids,
    "DELETE FROM contact_hours WHERE contact NOT IN (SELECT rowid FROM contact)",
    "DELETE FROM organisation WHERE id NOT IN (SELECT organisation FROM service)",
    "UPDATE service SET superseded_by = NULL"
    " WHERE superseded_by NOT IN (SELECT id FROM service)",
    "DELETE FROM translation WHERE lang != 'pl'"
    " OR (tbl = 'service' AND id NOT IN (%s))"
    " OR (tbl = 'contact' AND substr(id, 1, instr(id, '#') - 1) NOT IN (%s))"
    " OR tbl NOT IN ('service', 'contact', 'definition', 'glossary')" % (ids, ids),
    "DELETE FROM definition WHERE id NOT IN (SELECT id FROM definition ORDER BY position LIMIT 2)",
    "DELETE FROM glossary WHERE term NOT IN (SELECT term FROM glossary ORDER BY term LIMIT 3)",
    "DELETE FROM translation WHERE tbl = 'definition' AND id NOT IN (SELECT id FROM definition)",
    "DELETE FROM translation WHERE tbl = 'glossary' AND id NOT IN (SELECT term FROM glossary)",
    "DELETE FROM pathway WHERE id NOT IN (SELECT id FROM pathway ORDER BY position LIMIT 2)",
    "DELETE FROM synonym WHERE rowid IS NULL OR word NOT IN"
    " (SELECT word FROM synonym ORDER BY word LIMIT 3)",
    "DELETE FROM chart WHERE id NOT IN (SELECT id FROM chart ORDER BY position LIMIT 1)",
    "DELETE FROM fact WHERE chart NOT IN (SELECT id FROM chart)",
    "DELETE FROM quiz WHERE id NOT IN (SELECT id FROM quiz ORDER BY position LIMIT 2)",
    # The services' indexes keep no text (contentless), so rows cannot be taken out of them:
    # they are made again for the services kept, from their text lower-cased (not the build's
    # folding: the fuzz targets need a sound index, not a faithful one). translation_fts's
    # rowids are the language's letters above the service's rowid (src/core/directory.h).
    "INSERT INTO service_fts(service_fts) VALUES('delete-all')",
    "INSERT INTO service_fts (rowid, name, keywords, body)"
    " SELECT rowid, lower(name), lower(id), lower(description) FROM service",
    "INSERT INTO translation_fts(translation_fts) VALUES('delete-all')",
    "INSERT INTO translation_fts (rowid, body)"
    " SELECT ((unicode('p') << 48) | (unicode('l') << 40)) + s.rowid,"
    "  lower(group_concat(t.text, ' '))"
    " FROM service s JOIN translation t ON t.tbl = 'service' AND t.id = s.id AND t.lang = 'pl'"
    " GROUP BY s.rowid",
    "DELETE FROM term_fts WHERE term NOT IN (SELECT id FROM definition)"
    " AND term NOT IN (SELECT term FROM glossary)",
]
for sql in statements:
    try:
        db.execute(sql)
    except sqlite3.OperationalError:
        # synonym is WITHOUT ROWID: no rowid to test.
        db.execute(sql.replace("rowid IS NULL OR ", ""))
for fts in ("service_fts", "translation_fts", "term_fts"):
    db.execute("INSERT INTO %s(%s) VALUES('optimize')" % (fts, fts))
db.commit()
db.execute("PRAGMA page_size = 512")
db.execute("VACUUM")
for fts in ("service_fts", "translation_fts", "term_fts"):
    db.execute("INSERT INTO %s(%s) VALUES('integrity-check')" % (fts, fts))
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
db.close()
