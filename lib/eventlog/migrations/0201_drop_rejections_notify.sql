-- An early version of 0200 notified listeners from a trigger inside every write transaction; notifications now go
-- out after the commit (a NOTIFY inside the transaction serialises commits). Databases that ran that version drop it.
DROP TRIGGER IF EXISTS rejections_notify ON eventlog.rejections;
DROP FUNCTION IF EXISTS eventlog.notify_rejections();
