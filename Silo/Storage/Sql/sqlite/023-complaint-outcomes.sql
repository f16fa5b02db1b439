-- What the console's reports and the complaint register need of a case beyond its SLA state: the channel it came in
-- through, when it was first answered and resolved, its first-response time on the SLA clock, and whether each target
-- was met. Null until the case gets that far; rows projected before this script fill in with the case's next change.
ALTER TABLE rm_complaints ADD COLUMN channel TEXT;
ALTER TABLE rm_complaints ADD COLUMN responded_at TEXT;
ALTER TABLE rm_complaints ADD COLUMN resolved_at TEXT;
ALTER TABLE rm_complaints ADD COLUMN first_response_minutes INTEGER;
ALTER TABLE rm_complaints ADD COLUMN first_response_met INTEGER;
ALTER TABLE rm_complaints ADD COLUMN resolution_met INTEGER;
