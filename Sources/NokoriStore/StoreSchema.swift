import GRDB

/// The store's tables, as numbered migrations: a store written by an older version is
/// brought up to date when opened, never rebuilt.
enum StoreSchema {
  static func migrator() -> DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: runs, files, findings") { db in
      try db.execute(
        sql: """
          CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,            -- running | finished | failed
            host TEXT NOT NULL,
            user TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            pattern_digest TEXT NOT NULL,
            key_id TEXT NOT NULL,
            roots TEXT NOT NULL,             -- JSON array
            options TEXT NOT NULL,           -- JSON object
            files_seen INTEGER NOT NULL DEFAULT 0,
            files_scanned INTEGER NOT NULL DEFAULT 0,
            files_flagged INTEGER NOT NULL DEFAULT 0,
            files_incomplete INTEGER NOT NULL DEFAULT 0,
            findings INTEGER NOT NULL DEFAULT 0,
            bytes_scanned INTEGER NOT NULL DEFAULT 0,
            exit_code INTEGER
          );
          CREATE TABLE files (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            size INTEGER,
            mtime REAL,
            inode INTEGER,
            device INTEGER,
            outcome TEXT NOT NULL,
            detail TEXT,
            format TEXT,
            encoding TEXT,
            sha256 TEXT,
            categories TEXT NOT NULL DEFAULT '',   -- comma-separated category ids
            category_counts TEXT NOT NULL DEFAULT '{}',  -- JSON: every finding counted, past the cap too
            finding_count INTEGER NOT NULL DEFAULT 0,
            max_confidence TEXT
          );
          CREATE INDEX files_by_run ON files(run_id, outcome);
          CREATE INDEX files_by_path ON files(path);
          CREATE TABLE findings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            category TEXT NOT NULL,
            detector TEXT NOT NULL,
            confidence TEXT NOT NULL,
            line INTEGER,
            col INTEGER,
            byte_offset INTEGER,
            field TEXT,
            member TEXT,
            page INTEGER,
            masked TEXT NOT NULL,
            fingerprint TEXT NOT NULL
          );
          CREATE INDEX findings_by_run ON findings(run_id, category);
          CREATE INDEX findings_by_file ON findings(file_id);
          CREATE INDEX findings_by_fingerprint ON findings(fingerprint);
          """)
    }
    migrator.registerMigration("v2: confirmations, known identifiers") { db in
      // One row per path checked by one `nokori confirm` (its `session`); rows are only ever
      // added, so the history of every confirmation of a run is kept.
      try db.execute(
        sql: """
          CREATE TABLE confirmations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            session INTEGER NOT NULL,        -- 1, 2, … per run: one per `nokori confirm`
            file_id INTEGER REFERENCES files(id) ON DELETE CASCADE,
            checked_at TEXT NOT NULL,
            host TEXT NOT NULL,
            user TEXT NOT NULL,
            path TEXT NOT NULL,              -- the flagged path checked (for a copy: the original)
            checked TEXT NOT NULL,           -- what was done: stat, sha256, rescan, rescan-roots
            result TEXT NOT NULL,            -- deleted | present-unchanged | present-changed-clean |
                                             -- present-changed-still-flagged | copy-found | unreadable
            detail TEXT,
            new_path TEXT,                   -- copy-found: where the copy is
            sha256 TEXT                      -- of the file as found now, when read
          );
          CREATE INDEX confirmations_by_run ON confirmations(run_id, session);
          -- `nokori scan --known-ids FILE`: the firm's own customers' identifiers, as keyed
          -- fingerprints only (the list's raw values never reach the store).
          CREATE TABLE known_identifiers (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            category TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (run_id, fingerprint)
          ) WITHOUT ROWID;
          """)
    }
    migrator.registerMigration("v3-ocr-cache: image verdicts by content hash") { db in
      // The verdict of an image read by OCR (masked findings, fingerprints, outcome — never
      // the recognised text), so that the same image on another share or in a later run is
      // not read again. Keyed by SHA-256 of the image : pattern digest : OCR mode : minimum
      // confidence : findings kept per category.
      try db.execute(
        sql: """
          CREATE TABLE ocr_verdicts (
            cache_key TEXT PRIMARY KEY,
            key_id TEXT NOT NULL,            -- the fingerprint key its fingerprints were made with
            outcome TEXT NOT NULL,
            verdict TEXT NOT NULL,           -- JSON: findings, category counts, outcome, detail
            recorded_at TEXT NOT NULL
          ) WITHOUT ROWID;
          """)
    }
    migrator.registerMigration("v3-sweep: incremental sweeps, allowed locations, acceptances") { db in
      try db.execute(
        sql: """
          ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'scan';   -- scan | sweep
          -- What a carried verdict must agree with: patterns, key and the options that change verdicts.
          ALTER TABLE runs ADD COLUMN verdict_digest TEXT;
          ALTER TABLE runs ADD COLUMN files_reused INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE files ADD COLUMN ctime REAL;
          -- The files row whose verdict was carried over (the file was not read again).
          ALTER TABLE files ADD COLUMN reused_from INTEGER;
          ALTER TABLE files ADD COLUMN allowed INTEGER NOT NULL DEFAULT 0;
          CREATE INDEX runs_by_kind ON runs(kind, verdict_digest, status);
          -- `nokori accept`: a finding (fingerprint) or a whole file (fingerprint NULL) accepted in
          -- the file with this content; a new sha256 makes it reportable again.
          CREATE TABLE acceptances (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            accepted_at TEXT NOT NULL,
            host TEXT NOT NULL,
            user TEXT NOT NULL,
            reason TEXT NOT NULL,
            fingerprint TEXT,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            run_id INTEGER                   -- the run the accepted finding or file was seen in
          );
          CREATE INDEX acceptances_by_path ON acceptances(path, sha256);
          """)
    }
    migrator.registerMigration("v4-carry-base: sweeps keep unchanged files by reference") { db in
      // A sweep that carries most verdicts over does not copy them: it names a base run (a
      // sweep that holds its rows itself) and lists the base's rows that are not part of it
      // (changed, gone, or not reached). Its own rows are the files it read, plus the carried
      // verdicts the base does not hold. `run_files` and `run_findings` are what readers
      // select a run's rows from; `run_id` there is the run asked for, the rows' own run
      // for carried ones being the base. They name every column: recreate them when
      // `files` or `findings` gains one.
      try db.execute(
        sql: """
          ALTER TABLE runs ADD COLUMN carry_base INTEGER REFERENCES runs(id);
          CREATE TABLE carry_exclusions (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            file_id INTEGER NOT NULL,
            PRIMARY KEY (run_id, file_id)
          ) WITHOUT ROWID;
          CREATE VIEW run_files AS
            SELECT id, run_id, path, size, mtime, inode, device, outcome, detail, format, encoding, sha256,
                   categories, category_counts, finding_count, max_confidence, ctime, reused_from, allowed
            FROM files
            UNION ALL
            SELECT f.id, r.id, f.path, f.size, f.mtime, f.inode, f.device, f.outcome, f.detail, f.format,
                   f.encoding, f.sha256, f.categories, f.category_counts, f.finding_count, f.max_confidence,
                   f.ctime, coalesce(f.reused_from, f.id), f.allowed
            FROM runs r JOIN files f ON f.run_id = r.carry_base
            WHERE NOT EXISTS (SELECT 1 FROM carry_exclusions x WHERE x.run_id = r.id AND x.file_id = f.id);
          CREATE VIEW run_findings AS
            SELECT id, run_id, file_id, category, detector, confidence, line, col, byte_offset, field, member,
                   page, masked, fingerprint
            FROM findings
            UNION ALL
            SELECT g.id, r.id, g.file_id, g.category, g.detector, g.confidence, g.line, g.col, g.byte_offset,
                   g.field, g.member, g.page, g.masked, g.fingerprint
            FROM runs r JOIN findings g ON g.run_id = r.carry_base
            WHERE NOT EXISTS (SELECT 1 FROM carry_exclusions x WHERE x.run_id = r.id AND x.file_id = g.file_id);
          """)
    }
    return migrator
  }
}
