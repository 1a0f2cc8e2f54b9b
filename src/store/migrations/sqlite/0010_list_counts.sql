-- Nothing to do on SQLite: this number keeps the engines' migrations in step
-- with PostgreSQL's 0010_list_counts.sql (its list totals and deep-page
-- starts kept by triggers). SQLite counts a table with its fast btree count
-- and walks deep pages in the (name, id) index quickly enough without them.
SELECT 1;
