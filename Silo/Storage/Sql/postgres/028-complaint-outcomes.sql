-- What the console's reports and the complaint register need of a case beyond its SLA state: the channel it came in
-- through, when it was first answered and resolved, its first-response time on the SLA clock, and whether each target
-- was met. Null until the case gets that far; rows projected before this script fill in with the case's next change.
ALTER TABLE rm_complaints ADD COLUMN IF NOT EXISTS channel text;
ALTER TABLE rm_complaints ADD COLUMN IF NOT EXISTS responded_at bigint;
ALTER TABLE rm_complaints ADD COLUMN IF NOT EXISTS resolved_at bigint;
ALTER TABLE rm_complaints ADD COLUMN IF NOT EXISTS first_response_minutes integer;
ALTER TABLE rm_complaints ADD COLUMN IF NOT EXISTS first_response_met boolean;
ALTER TABLE rm_complaints ADD COLUMN IF NOT EXISTS resolution_met boolean;
