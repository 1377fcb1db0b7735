-- delimiter: $$
-- Silos that start together each insert their cluster's membership version row. Upstream's
-- INSERT ... SELECT ... WHERE NOT EXISTS reads the table under REPEATABLE READ, so two silos can both take
-- the gap lock and then deadlock on the insert (seen in CI: a 3-silo start failed with error 1213).
-- INSERT IGNORE of a row read from DUAL locks only the key it writes: the first silo inserts, the others
-- wait for it and find the row. ROW_COUNT() stays 1 for the inserter and 0 for the rest, as before.
REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', '
    INSERT IGNORE INTO OrleansMembershipVersionTable (DeploymentId)
    SELECT @DeploymentId FROM DUAL WHERE @DeploymentId IS NOT NULL;
    SELECT ROW_COUNT();')
$$
