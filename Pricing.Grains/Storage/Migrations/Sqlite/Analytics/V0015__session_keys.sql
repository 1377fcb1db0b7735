-- The gateways' ASP.NET Core data protection keys, which sign session cookies and anti-forgery tokens (docs/operators.md,
-- Sessions): kept here so every gateway of a cluster, and a restarted one, accepts the sessions of the others. Only
-- ever added; the key ring itself says when a key expires.
CREATE TABLE IF NOT EXISTS session_keys (
  name TEXT NOT NULL PRIMARY KEY,
  xml  TEXT NOT NULL
);
