-- Dedupe keys of messageIds that carry their creation time now put that time first (lib/eventlog/dedupe-key.ts,
-- which this function mirrors; upgrade-dedupe-keys.test.ts holds the two to the same answers).
CREATE FUNCTION eventlog.dedupe_key(workspace_id text, message_id text) RETURNS uuid
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (CASE
    WHEN message_id ~ '^[A-Za-z]+(-[A-Za-z]+)*-[0-9]{13}-'
      THEN lpad(to_hex(substring(message_id FROM '^[A-Za-z]+(?:-[A-Za-z]+)*-([0-9]{13})-')::bigint), 12, '0')
           || substr(md5(workspace_id || ':' || message_id), 13)
    WHEN message_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-7[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$'
      THEN substr(message_id, 1, 8) || substr(message_id, 10, 4) || substr(md5(workspace_id || ':' || message_id), 13)
    ELSE md5(workspace_id || ':' || message_id)
  END)::uuid
$$;

-- Keys written before this release are all md5s. The last 25 hours' events get their key in the new form too, so a
-- repeat of one of them is still recognised (the md5 keys expire as before).
INSERT INTO eventlog.message_ids (key, created_at)
SELECT eventlog.dedupe_key(e.workspace_id, e.message_id), e.received_at
  FROM (SELECT s.workspace_id, s.received_at, l.line::json ->> 'messageId' AS message_id
          FROM eventlog.segments s
         CROSS JOIN LATERAL string_to_table(s.payloads, E'\n') AS l(line)
         WHERE s.received_at > now() - interval '25 hours') e
 WHERE e.message_id IS NOT NULL
ON CONFLICT DO NOTHING;
