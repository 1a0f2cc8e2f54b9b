-- Which cast links exist because a candidate was booked (casting.md
-- "Booking"): releasing the booking removes only such a link, never one made
-- by hand (POST /casts) before it. Deleting the cast link deletes the mark.
CREATE TABLE booking_links (
    movie_id BIGINT NOT NULL,
    actor_id BIGINT NOT NULL,
    PRIMARY KEY (movie_id, actor_id),
    FOREIGN KEY (movie_id, actor_id) REFERENCES casts (movie_id, actor_id) ON DELETE CASCADE
);

-- Bookings made before this migration: their links were removed on release
-- (the old rule), and they still are.
INSERT INTO booking_links (movie_id, actor_id)
SELECT DISTINCT r.movie_id, c.actor_id
FROM candidates c
JOIN roles r ON r.id = c.role_id
JOIN casts x ON x.movie_id = r.movie_id AND x.actor_id = c.actor_id
WHERE c.stage = 'BOOKED';
