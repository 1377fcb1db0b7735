-- delimiter: $$
-- Orleans' ADO.NET clustering, grain storage and reminders on MySQL 8 / MariaDB 10.11 (cluster mode).
-- The Orleans NuGet packages ship no scripts, so the grid owns this schema. Orleans reads its SQL from
-- OrleansQuery, one row per required query key (checked by the test that starts silos on MariaDB).
-- Differences from upstream: grain state in LONGBLOB (a SKU with hundreds of series exceeds a 64 KB BLOB),
-- no compressed row format, every statement idempotent so the migration can be re-run.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey VARCHAR(64) NOT NULL,
    QueryText TEXT NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY(QueryKey)
)
$$

-- ---- clustering -------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId NVARCHAR(150) NOT NULL,
    Timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    Version INT NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY(DeploymentId)
)
$$

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId NVARCHAR(150) NOT NULL,
    Address VARCHAR(45) NOT NULL,
    Port INT NOT NULL,
    Generation INT NOT NULL,
    SiloName NVARCHAR(150) NOT NULL,
    HostName NVARCHAR(150) NOT NULL,
    Status INT NOT NULL,
    ProxyPort INT NULL,
    SuspectTimes VARCHAR(8000) NULL,
    StartTime DATETIME NOT NULL,
    IAmAliveTime DATETIME NOT NULL,
    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY(DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
)
$$

DROP PROCEDURE IF EXISTS InsertMembershipKey
$$

CREATE PROCEDURE InsertMembershipKey(
    in _DeploymentId NVARCHAR(150), in _Address VARCHAR(45), in _Port INT, in _Generation INT, in _Version INT,
    in _SiloName NVARCHAR(150), in _HostName NVARCHAR(150), in _Status INT, in _ProxyPort INT,
    in _StartTime DATETIME, in _IAmAliveTime DATETIME)
BEGIN
    DECLARE _ROWCOUNT INT;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION
    BEGIN
        ROLLBACK;
        RESIGNAL;
    END;
    START TRANSACTION;
    -- the version row moves first, so two silos racing for the same version cannot both insert
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1
    WHERE DeploymentId = _DeploymentId AND _DeploymentId IS NOT NULL
        AND Version = _Version AND _Version IS NOT NULL AND Version < 2147483647;
    SET _ROWCOUNT = ROW_COUNT();
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT * FROM (SELECT _DeploymentId, _Address, _Port, _Generation, _SiloName, _HostName, _Status, _ProxyPort, _StartTime, _IAmAliveTime) AS TMP
    WHERE _ROWCOUNT > 0 AND NOT EXISTS
    (
        SELECT 1 FROM OrleansMembershipTable
        WHERE DeploymentId = _DeploymentId AND _DeploymentId IS NOT NULL
            AND Address = _Address AND _Address IS NOT NULL
            AND Port = _Port AND _Port IS NOT NULL
            AND Generation = _Generation AND _Generation IS NOT NULL
    );
    SET _ROWCOUNT = ROW_COUNT();
    IF _ROWCOUNT = 0 THEN
        ROLLBACK;
    ELSE
        COMMIT;
    END IF;
    SELECT _ROWCOUNT;
END
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', '
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
        AND Address = @Address AND @Address IS NOT NULL
        AND Port = @Port AND @Port IS NOT NULL
        AND Generation = @Generation AND @Generation IS NOT NULL;')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', '
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    SELECT * FROM (SELECT @DeploymentId) AS TMP
    WHERE NOT EXISTS (SELECT 1 FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL);
    SELECT ROW_COUNT();')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('InsertMembershipKey', '
    call InsertMembershipKey(@DeploymentId, @Address, @Port, @Generation, @Version, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime);')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('UpdateMembershipKey', '
    UPDATE OrleansMembershipVersionTable v
    INNER JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
    SET v.Version = v.Version + 1,
        m.Status = @Status,
        m.SuspectTimes = @SuspectTimes,
        m.IAmAliveTime = GREATEST(m.IAmAliveTime, @IAmAliveTime)
    WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
        AND v.Version = @Version AND @Version IS NOT NULL AND v.Version < 2147483647
        AND m.Address = @Address AND @Address IS NOT NULL
        AND m.Port = @Port AND @Port IS NOT NULL
        AND m.Generation = @Generation AND @Generation IS NOT NULL;
    SELECT ROW_COUNT() > 0;')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('GatewaysQueryKey', '
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
        AND Status = @Status AND @Status IS NOT NULL
        AND ProxyPort > 0;')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('MembershipReadRowKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
        m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
        LEFT OUTER JOIN OrleansMembershipTable m ON v.DeploymentId = m.DeploymentId
        AND Address = @Address AND @Address IS NOT NULL
        AND Port = @Port AND @Port IS NOT NULL
        AND Generation = @Generation AND @Generation IS NOT NULL
    WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('MembershipReadAllKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
        m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v LEFT OUTER JOIN OrleansMembershipTable m ON v.DeploymentId = m.DeploymentId
    WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', '
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
        AND IAmAliveTime < @IAmAliveTime
        AND StartTime < @IAmAliveTime
        AND Status = 6;')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntryKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
        AND Address = @Address AND Port = @Port AND Generation = @Generation
        AND Status = 6;')
$$

-- ---- grain storage ----------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash INT NOT NULL,
    GrainIdN0 BIGINT NOT NULL,
    GrainIdN1 BIGINT NOT NULL,
    GrainTypeHash INT NOT NULL,
    GrainTypeString NVARCHAR(512) NOT NULL,
    GrainIdExtensionString NVARCHAR(512) NULL,
    ServiceId NVARCHAR(150) NOT NULL,
    PayloadBinary LONGBLOB NULL,
    PayloadXml LONGTEXT NULL,
    PayloadJson LONGTEXT NULL,
    ModifiedOn DATETIME NOT NULL,
    Version INT NULL,
    KEY IX_OrleansStorage (GrainIdHash, GrainTypeHash)
)
$$

DROP PROCEDURE IF EXISTS ClearStorage
$$

CREATE PROCEDURE ClearStorage(
    in _GrainIdHash INT, in _GrainIdN0 BIGINT, in _GrainIdN1 BIGINT, in _GrainTypeHash INT, in _GrainTypeString NVARCHAR(512),
    in _GrainIdExtensionString NVARCHAR(512), in _ServiceId NVARCHAR(150), in _GrainStateVersion INT)
BEGIN
    DECLARE _newGrainStateVersion INT;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
    SET _newGrainStateVersion = _GrainStateVersion;
    SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
    START TRANSACTION;
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, PayloadJson = NULL, PayloadXml = NULL, Version = Version + 1
    WHERE GrainIdHash = _GrainIdHash AND _GrainIdHash IS NOT NULL
        AND GrainTypeHash = _GrainTypeHash AND _GrainTypeHash IS NOT NULL
        AND GrainIdN0 = _GrainIdN0 AND _GrainIdN0 IS NOT NULL
        AND GrainIdN1 = _GrainIdN1 AND _GrainIdN1 IS NOT NULL
        AND GrainTypeString = _GrainTypeString AND _GrainTypeString IS NOT NULL
        AND ((_GrainIdExtensionString IS NOT NULL AND GrainIdExtensionString IS NOT NULL AND GrainIdExtensionString = _GrainIdExtensionString) OR _GrainIdExtensionString IS NULL AND GrainIdExtensionString IS NULL)
        AND ServiceId = _ServiceId AND _ServiceId IS NOT NULL
        AND Version IS NOT NULL AND Version = _GrainStateVersion AND _GrainStateVersion IS NOT NULL
    LIMIT 1;
    IF ROW_COUNT() > 0 THEN
        SET _newGrainStateVersion = _GrainStateVersion + 1;
    END IF;
    SELECT _newGrainStateVersion AS NewGrainStateVersion;
    COMMIT;
END
$$

DROP PROCEDURE IF EXISTS WriteToStorage
$$

CREATE PROCEDURE WriteToStorage(
    in _GrainIdHash INT, in _GrainIdN0 BIGINT, in _GrainIdN1 BIGINT, in _GrainTypeHash INT, in _GrainTypeString NVARCHAR(512),
    in _GrainIdExtensionString NVARCHAR(512), in _ServiceId NVARCHAR(150), in _GrainStateVersion INT,
    in _PayloadBinary LONGBLOB, in _PayloadJson LONGTEXT, in _PayloadXml LONGTEXT)
BEGIN
    DECLARE _newGrainStateVersion INT;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
    SET _newGrainStateVersion = _GrainStateVersion;
    SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
    START TRANSACTION;
    -- optimistic concurrency: the stored version must be the one the grain read
    IF _GrainStateVersion IS NOT NULL THEN
        UPDATE OrleansStorage
        SET PayloadBinary = _PayloadBinary, PayloadJson = _PayloadJson, PayloadXml = _PayloadXml,
            ModifiedOn = UTC_TIMESTAMP(), Version = Version + 1
        WHERE GrainIdHash = _GrainIdHash AND _GrainIdHash IS NOT NULL
            AND GrainTypeHash = _GrainTypeHash AND _GrainTypeHash IS NOT NULL
            AND GrainIdN0 = _GrainIdN0 AND _GrainIdN0 IS NOT NULL
            AND GrainIdN1 = _GrainIdN1 AND _GrainIdN1 IS NOT NULL
            AND GrainTypeString = _GrainTypeString AND _GrainTypeString IS NOT NULL
            AND ((_GrainIdExtensionString IS NOT NULL AND GrainIdExtensionString IS NOT NULL AND GrainIdExtensionString = _GrainIdExtensionString) OR _GrainIdExtensionString IS NULL AND GrainIdExtensionString IS NULL)
            AND ServiceId = _ServiceId AND _ServiceId IS NOT NULL
            AND Version IS NOT NULL AND Version = _GrainStateVersion AND _GrainStateVersion IS NOT NULL
        LIMIT 1;
        IF ROW_COUNT() > 0 THEN
            SET _newGrainStateVersion = _GrainStateVersion + 1;
            SET _GrainStateVersion = _newGrainStateVersion;
        END IF;
    END IF;
    IF _GrainStateVersion IS NULL THEN
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
             PayloadBinary, PayloadJson, PayloadXml, ModifiedOn, Version)
        SELECT * FROM (SELECT _GrainIdHash, _GrainIdN0, _GrainIdN1, _GrainTypeHash, _GrainTypeString, _GrainIdExtensionString,
             _ServiceId, _PayloadBinary, _PayloadJson, _PayloadXml, UTC_TIMESTAMP(), 1) AS TMP
        WHERE NOT EXISTS
        (
            SELECT 1 FROM OrleansStorage
            WHERE GrainIdHash = _GrainIdHash AND _GrainIdHash IS NOT NULL
                AND GrainTypeHash = _GrainTypeHash AND _GrainTypeHash IS NOT NULL
                AND GrainIdN0 = _GrainIdN0 AND _GrainIdN0 IS NOT NULL
                AND GrainIdN1 = _GrainIdN1 AND _GrainIdN1 IS NOT NULL
                AND GrainTypeString = _GrainTypeString AND _GrainTypeString IS NOT NULL
                AND ((_GrainIdExtensionString IS NOT NULL AND GrainIdExtensionString IS NOT NULL AND GrainIdExtensionString = _GrainIdExtensionString) OR _GrainIdExtensionString IS NULL AND GrainIdExtensionString IS NULL)
                AND ServiceId = _ServiceId AND _ServiceId IS NOT NULL
        ) LIMIT 1;
        IF ROW_COUNT() > 0 THEN
            SET _newGrainStateVersion = 1;
        END IF;
    END IF;
    SELECT _newGrainStateVersion AS NewGrainStateVersion;
    COMMIT;
END
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
    SELECT PayloadBinary, PayloadXml, PayloadJson, UTC_TIMESTAMP(), Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
        AND GrainTypeHash = @GrainTypeHash AND @GrainTypeHash IS NOT NULL
        AND GrainIdN0 = @GrainIdN0 AND @GrainIdN0 IS NOT NULL
        AND GrainIdN1 = @GrainIdN1 AND @GrainIdN1 IS NOT NULL
        AND GrainTypeString = @GrainTypeString AND GrainTypeString IS NOT NULL
        AND ((@GrainIdExtensionString IS NOT NULL AND GrainIdExtensionString IS NOT NULL AND GrainIdExtensionString = @GrainIdExtensionString) OR @GrainIdExtensionString IS NULL AND GrainIdExtensionString IS NULL)
        AND ServiceId = @ServiceId AND @ServiceId IS NOT NULL
    LIMIT 1;')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('WriteToStorageKey', '
    call WriteToStorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary, @PayloadJson, @PayloadXml);')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('ClearStorageKey', '
    call ClearStorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion);')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('DeleteStorageKey', '
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND @GrainIdHash IS NOT NULL
        AND GrainTypeHash = @GrainTypeHash AND @GrainTypeHash IS NOT NULL
        AND GrainIdN0 = @GrainIdN0 AND @GrainIdN0 IS NOT NULL
        AND GrainIdN1 = @GrainIdN1 AND @GrainIdN1 IS NOT NULL
        AND GrainTypeString = @GrainTypeString AND @GrainTypeString IS NOT NULL
        AND ((@GrainIdExtensionString IS NOT NULL AND GrainIdExtensionString IS NOT NULL AND GrainIdExtensionString = @GrainIdExtensionString) OR @GrainIdExtensionString IS NULL AND GrainIdExtensionString IS NULL)
        AND ServiceId = @ServiceId AND @ServiceId IS NOT NULL
        AND Version IS NOT NULL AND Version = @GrainStateVersion AND @GrainStateVersion IS NOT NULL
    LIMIT 1;
    SELECT @GrainStateVersion + 1 AS NewGrainStateVersion;')
$$

-- ---- reminders --------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId NVARCHAR(150) NOT NULL,
    GrainId VARCHAR(150) NOT NULL,
    ReminderName NVARCHAR(150) NOT NULL,
    StartTime DATETIME NOT NULL,
    Period BIGINT NOT NULL,
    GrainHash INT NOT NULL,
    Version INT NOT NULL,
    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName PRIMARY KEY(ServiceId, GrainId, ReminderName)
)
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('UpsertReminderRowKey', '
    INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, last_insert_id(0))
    ON DUPLICATE KEY UPDATE
        StartTime = @StartTime,
        Period = @Period,
        GrainHash = @GrainHash,
        Version = last_insert_id(Version + 1);
    SELECT last_insert_id() AS Version;')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('ReadReminderRowsKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL
        AND GrainId = @GrainId AND @GrainId IS NOT NULL;')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('ReadReminderRowKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL
        AND GrainId = @GrainId AND @GrainId IS NOT NULL
        AND ReminderName = @ReminderName AND @ReminderName IS NOT NULL;')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('ReadRangeRows1Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL
        AND GrainHash > @BeginHash AND @BeginHash IS NOT NULL
        AND GrainHash <= @EndHash AND @EndHash IS NOT NULL;')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('ReadRangeRows2Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL
        AND ((GrainHash > @BeginHash AND @BeginHash IS NOT NULL)
        OR (GrainHash <= @EndHash AND @EndHash IS NOT NULL));')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('DeleteReminderRowKey', '
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL
        AND GrainId = @GrainId AND @GrainId IS NOT NULL
        AND ReminderName = @ReminderName AND @ReminderName IS NOT NULL
        AND Version = @Version AND @Version IS NOT NULL;
    SELECT ROW_COUNT();')
$$

REPLACE INTO OrleansQuery(QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', '
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND @ServiceId IS NOT NULL;')
$$
