-- Indexes for the casting workflow's queries (casting.md "Candidates",
-- "Finding actors"): GET /actors?gender=&ageMin=&ageMax= and
-- GET /roles/{id}/matches filter actors by gender and age; a role's
-- candidates are listed by stage (?stage=) and booking looks for the BOOKED one.
CREATE INDEX actors_by_gender_age ON actors (gender, age);
CREATE INDEX actors_by_age ON actors (age);
CREATE INDEX candidates_by_role_stage ON candidates (role_id, stage);
