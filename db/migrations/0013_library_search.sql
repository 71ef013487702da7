-- The library's full-text index (SQLite FTS5). Only app/modules/library/search-index.server.ts
-- queries it; PostgreSQL would use a tsvector column and a GIN index behind the same adapter.
-- rowid = library_items.search_key; the triggers keep it in step with every write to an item.
CREATE VIRTUAL TABLE library_search USING fts5(title, description, tags, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE TRIGGER library_items_search_insert AFTER INSERT ON library_items BEGIN
  INSERT INTO library_search (rowid, title, description, tags, body)
  VALUES (new.search_key, new.title_en || ' ' || new.title_id, new.description_en || ' ' || new.description_id, (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(new.tags)), new.body_text);
END;
--> statement-breakpoint
CREATE TRIGGER library_items_search_update AFTER UPDATE OF title_en, title_id, description_en, description_id, tags, body_text ON library_items BEGIN
  DELETE FROM library_search WHERE rowid = old.search_key;
  INSERT INTO library_search (rowid, title, description, tags, body)
  VALUES (new.search_key, new.title_en || ' ' || new.title_id, new.description_en || ' ' || new.description_id, (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(new.tags)), new.body_text);
END;
--> statement-breakpoint
CREATE TRIGGER library_items_search_delete AFTER DELETE ON library_items BEGIN
  DELETE FROM library_search WHERE rowid = old.search_key;
END;
