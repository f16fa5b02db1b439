-- A client's service requests: an advisor handover moves each moved client's open requests, found here.
CREATE INDEX IF NOT EXISTS ix_rm_service_requests_client ON rm_service_requests (client_id);
