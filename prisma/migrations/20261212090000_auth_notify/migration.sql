-- Every process keeps the answer of its recent session checks in memory
-- (lib/server/auth/actor-cache.ts) and forgets a user's entries when
-- PostgreSQL says something that check reads has changed: a session ended,
-- expired early, deleted, or its user's role, status, deletion, name, email
-- or two-factor state. The notification is sent when the change commits, to
-- every process listening on channel sel_auth, whichever instance (or psql
-- session) made it; the payload is the user's id (`*` after a TRUNCATE). Bookkeeping writes (a
-- session's last use, the user's last activity, failed-login counters) do not
-- notify: nothing cached depends on them.
CREATE FUNCTION sel_auth_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    -- No rows to name: every process forgets everything.
    PERFORM pg_notify('sel_auth', '*');
  ELSIF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('sel_auth', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('sel_auth', OLD.user_id);
  ELSE
    -- A session moved to another user (never done, but cheap to cover): both.
    PERFORM pg_notify('sel_auth', OLD.user_id);
    PERFORM pg_notify('sel_auth', NEW.user_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER sessions_auth_notify_update
  AFTER UPDATE ON sessions FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at
     OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
     OR OLD.user_id IS DISTINCT FROM NEW.user_id
     OR OLD.token_hash IS DISTINCT FROM NEW.token_hash
     OR OLD.kind IS DISTINCT FROM NEW.kind)
  EXECUTE FUNCTION sel_auth_notify();

CREATE TRIGGER sessions_auth_notify_delete
  AFTER DELETE ON sessions FOR EACH ROW
  EXECUTE FUNCTION sel_auth_notify();

CREATE TRIGGER users_auth_notify_update
  AFTER UPDATE ON users FOR EACH ROW
  WHEN (OLD.role IS DISTINCT FROM NEW.role
     OR OLD.status IS DISTINCT FROM NEW.status
     OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
     OR OLD.username IS DISTINCT FROM NEW.username
     OR OLD.email IS DISTINCT FROM NEW.email
     OR OLD.totp_enabled_at IS DISTINCT FROM NEW.totp_enabled_at)
  EXECUTE FUNCTION sel_auth_notify();

CREATE TRIGGER users_auth_notify_delete
  AFTER DELETE ON users FOR EACH ROW
  EXECUTE FUNCTION sel_auth_notify();

CREATE TRIGGER sessions_auth_notify_truncate
  AFTER TRUNCATE ON sessions FOR EACH STATEMENT
  EXECUTE FUNCTION sel_auth_notify();

CREATE TRIGGER users_auth_notify_truncate
  AFTER TRUNCATE ON users FOR EACH STATEMENT
  EXECUTE FUNCTION sel_auth_notify();
