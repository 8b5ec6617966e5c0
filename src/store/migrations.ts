// The store's schema, one migration per version; PRAGMA user_version records how far a file is.
// Migrations only ever append: a released step is never edited.

export const MIGRATIONS: readonly string[] = [
  // 1: articles, their sentences (passages), names, and the full-text index.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    link TEXT,
    guid TEXT,
    feed_url TEXT,
    title TEXT NOT NULL,
    source TEXT,
    language TEXT NOT NULL,
    date TEXT,                -- "2018", "2018-12" or "2018-12-05"; NULL = undated
    date_precision TEXT,      -- year | month | day
    date_start TEXT,          -- first day the date covers, for range filters
    date_end TEXT,            -- last day the date covers
    date_month INTEGER,
    date_day INTEGER,
    date_note TEXT,           -- first-seen | clamped-future (feeds)
    published_at TEXT,
    paragraphs TEXT NOT NULL, -- JSON array of clean paragraphs; the source of re-analysis
    content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX articles_date ON articles (date_start, date_end);
  CREATE INDEX articles_month_day ON articles (date_month, date_day);
  CREATE INDEX articles_link ON articles (feed_url, link) WHERE link IS NOT NULL;

  -- An article's sentences with what the analyser found in each, as one JSON array (they are
  -- only ever read a whole article at a time): offsets, terms, names, topics, "de to", event date.
  CREATE TABLE passages (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    count INTEGER NOT NULL,
    data TEXT NOT NULL
  );

  -- Sentences that date an event to a day, for "on this day".
  CREATE TABLE events (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    event_date TEXT NOT NULL,   -- YYYY-MM-DD
    event_month INTEGER NOT NULL,
    event_day INTEGER NOT NULL,
    PRIMARY KEY (article_id, ord)
  ) WITHOUT ROWID;
  CREATE INDEX events_month_day ON events (event_month, event_day);

  -- Proper nouns seen in the corpus: protects them from stemming in queries, feeds autocomplete.
  CREATE TABLE names (
    name TEXT PRIMARY KEY,    -- folded index form
    display TEXT NOT NULL,    -- as written most often in its first article
    articles INTEGER NOT NULL -- articles that named it when they were added (for ranking suggestions)
  ) WITHOUT ROWID;

  -- Terms are analysed in TypeScript (stemming, names, compounds); FTS5 only indexes them.
  -- Marker terms (meetings, language) contain "_", which no word term does.
  -- Article ids are date-ordered (see article-ids.ts), so rowid order is chronological order.
  CREATE VIRTUAL TABLE article_terms USING fts5 (
    terms,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '_'",
    -- detail=full: with a contentless table, detail=column leaves bm25() at 0 for every row.
    detail = 'full'
  );
  `,
  // 2: continuations behind "More" buttons: a button can carry only a short id, not a query.
  `
  CREATE TABLE continuations (
    id TEXT PRIMARY KEY,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX continuations_created ON continuations (created_at);
  `,
  // 3: digest subscriptions and the delivery ledger that makes each digest post exactly once.
  `
  CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,        -- qualified: slack:C123, discord:456
    kind TEXT NOT NULL,           -- digest kind, e.g. on-this-day
    time TEXT NOT NULL,           -- HH:MM local
    time_zone TEXT NOT NULL,
    days TEXT NOT NULL,           -- daily | weekdays | mon,wed,fri
    empty TEXT NOT NULL,          -- skip | notice
    status TEXT NOT NULL,         -- active | paused
    paused_reason TEXT,
    origin TEXT NOT NULL,         -- command | config
    created_by TEXT,
    created_at TEXT NOT NULL,
    active_since TEXT NOT NULL,   -- occurrences before this are never caught up
    UNIQUE (channel, kind)
  );

  CREATE TABLE deliveries (
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    local_date TEXT NOT NULL,     -- YYYY-MM-DD in the subscription's time zone
    status TEXT NOT NULL,         -- claimed | posting | posted | failed | skipped
    claimed_by TEXT NOT NULL,
    claimed_at TEXT NOT NULL,
    scheduled_for TEXT NOT NULL,
    late INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    finished_at TEXT,
    detail TEXT,
    PRIMARY KEY (channel, kind, local_date)
  ) WITHOUT ROWID;
  `,
  // 4: live feeds (what to poll, how the last polls went), the articles a poll found after the
  // feed's backfill, channel watches, and the alert ledger that announces an article to a channel once.
  `
  CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,     -- as configured; articles.feed_url of its items
    name TEXT,
    language TEXT,                -- da | no | en; NULL = detect per article
    interval_minutes INTEGER NOT NULL,
    origin TEXT NOT NULL,         -- config | command
    added_by TEXT,
    added_at TEXT NOT NULL,
    title TEXT,                   -- the feed's own title, from its last good poll
    etag TEXT,
    last_modified TEXT,
    backfilled INTEGER NOT NULL DEFAULT 0,   -- 1 once a poll has read it: later items are news
    next_poll_at TEXT NOT NULL,
    last_poll_at TEXT,
    last_success_at TEXT,
    last_error TEXT,
    last_error_at TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    failure_noticed INTEGER NOT NULL DEFAULT 0 -- 1 while the admin channel has been told it fails
  );

  CREATE TABLE fresh_articles (
    seq INTEGER PRIMARY KEY,      -- the order polls found them in (article ids follow dates, not time found)
    article_id INTEGER NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
    feed_url TEXT NOT NULL,
    found_at TEXT NOT NULL
  );
  CREATE INDEX fresh_articles_found ON fresh_articles (found_at);

  CREATE TABLE watches (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,        -- qualified: slack:C123, discord:456
    mode TEXT NOT NULL,           -- search | summit
    query TEXT NOT NULL,
    status TEXT NOT NULL,         -- active | paused
    paused_reason TEXT,
    created_by TEXT,
    created_at TEXT NOT NULL,
    active_since TEXT NOT NULL,   -- only articles found from then on are announced
    UNIQUE (channel, mode, query)
  );

  CREATE TABLE watch_alerts (
    channel TEXT NOT NULL,
    article_id INTEGER NOT NULL,
    watch_id INTEGER NOT NULL,
    status TEXT NOT NULL,         -- claimed | posting | posted | failed | skipped (over a batch's cap)
    claimed_by TEXT NOT NULL,
    claimed_at TEXT NOT NULL,
    finished_at TEXT,
    detail TEXT,
    PRIMARY KEY (channel, article_id)
  ) WITHOUT ROWID;

  CREATE TABLE watch_channels (
    channel TEXT PRIMARY KEY,
    last_post_at TEXT,            -- the last batch's slot: the next may start batchMinutes later
    checked_through INTEGER NOT NULL DEFAULT 0 -- fresh articles up to this seq were matched already
  ) WITHOUT ROWID;
  `,
  // 5: FTS5 writes its pending terms to a new segment every 1 MB by default; 8 MB means fewer,
  // larger segments and less merging during a large ingest (measured: about a fifth of the
  // index's write time), for 8 MB of memory while writing. Stored in the index's own config.
  `
  INSERT INTO article_terms (article_terms, rank) VALUES ('hashsize', 8388608);
  `,
];
