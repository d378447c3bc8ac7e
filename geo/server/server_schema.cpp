// Schema `cordon`: townships, their layers as PostGIS geometry, plans with row versions,
// returnee counts, and the roles and policies that keep each planner to their township.
#include "geo/server/server_schema.hpp"

#include <initializer_list>

#include "geo/workspace/sqlite.hpp"  // quoteIdentifier: PostgreSQL quotes identifiers the same way

namespace geo {
namespace {

// Tables holding one township's rows, each with a township_id column.
constexpr std::initializer_list<const char*> kTownshipTables = {
    "boundary", "districts", "roads", "villages", "scenarios", "scenario_district_staff", "checkpoints",
    "returnee_cells", "returnee_villages"};

constexpr const char* kTables = R"SQL(
CREATE TABLE IF NOT EXISTS cordon.meta(key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS cordon.townships(
  id bigserial PRIMARY KEY, name text NOT NULL UNIQUE, epsg integer NOT NULL,
  template bytea NOT NULL,  -- the township's workspace without its plans: what a pull starts from
  row_version bigint NOT NULL DEFAULT 1, updated_by text NOT NULL DEFAULT current_user,
  updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS cordon.members(
  role_name text NOT NULL, township_id bigint NOT NULL REFERENCES cordon.townships(id) ON DELETE CASCADE,
  PRIMARY KEY(role_name, township_id));
CREATE TABLE IF NOT EXISTS cordon.scenarios(
  id bigserial PRIMARY KEY, township_id bigint NOT NULL REFERENCES cordon.townships(id) ON DELETE CASCADE,
  name text NOT NULL, notes text NOT NULL DEFAULT '', staff_available integer NOT NULL DEFAULT 120,
  default_shifts integer NOT NULL DEFAULT 3, guard_distance_m double precision NOT NULL DEFAULT 500,
  grid_size_m double precision NOT NULL DEFAULT 500, small_count_threshold integer NOT NULL DEFAULT 5,
  entry_gap_m double precision NOT NULL DEFAULT 60,
  row_version bigint NOT NULL DEFAULT 1, updated_by text NOT NULL DEFAULT current_user,
  updated_at timestamptz NOT NULL DEFAULT now(), UNIQUE(township_id, name));
CREATE TABLE IF NOT EXISTS cordon.scenario_district_staff(
  scenario_id bigint NOT NULL REFERENCES cordon.scenarios(id) ON DELETE CASCADE,
  township_id bigint NOT NULL REFERENCES cordon.townships(id) ON DELETE CASCADE,
  district text NOT NULL, staff integer NOT NULL, PRIMARY KEY(scenario_id, district));
CREATE TABLE IF NOT EXISTS cordon.checkpoints(
  id bigserial PRIMARY KEY, township_id bigint NOT NULL REFERENCES cordon.townships(id) ON DELETE CASCADE,
  scenario_id bigint NOT NULL REFERENCES cordon.scenarios(id) ON DELETE CASCADE, geom geometry(Point),
  scenario text NOT NULL, name text NOT NULL DEFAULT '', kind text NOT NULL, staff_per_shift integer NOT NULL,
  shifts integer NOT NULL, staff_required integer NOT NULL, hours text NOT NULL DEFAULT '',
  district text NOT NULL DEFAULT '', road text NOT NULL DEFAULT '', road_fid bigint NOT NULL DEFAULT -1,
  class text NOT NULL DEFAULT '', notes text NOT NULL DEFAULT '', leader text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '', number integer NOT NULL DEFAULT 0, active_from text NOT NULL DEFAULT '',
  active_until text NOT NULL DEFAULT '',
  row_version bigint NOT NULL DEFAULT 1, updated_by text NOT NULL DEFAULT current_user,
  updated_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX IF NOT EXISTS checkpoints_township ON cordon.checkpoints(township_id);
CREATE INDEX IF NOT EXISTS scenarios_township ON cordon.scenarios(township_id);
CREATE TABLE IF NOT EXISTS cordon.returnee_cells(  -- counts per 100 m cell: place alone
  township_id bigint NOT NULL REFERENCES cordon.townships(id) ON DELETE CASCADE,
  batch text NOT NULL, cell_x integer NOT NULL, cell_y integer NOT NULL, count integer NOT NULL);
CREATE TABLE IF NOT EXISTS cordon.returnee_villages(  -- counts per village x date x origin x status
  township_id bigint NOT NULL REFERENCES cordon.townships(id) ON DELETE CASCADE,
  batch text NOT NULL, village text NOT NULL, arrival text NOT NULL, origin text NOT NULL, status text NOT NULL,
  count integer NOT NULL, fever integer NOT NULL DEFAULT 0);

-- Every write stamps the row: a new version, who, when. A push's UPDATE names the version it
-- loaded, so a row changed since by someone else is not overwritten.
CREATE OR REPLACE FUNCTION cordon.stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN NEW.row_version := OLD.row_version + 1; END IF;
  NEW.updated_by := current_user;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
-- Open windows LISTEN on channel 'cordon'; the payload is the township's name (one
-- notification per township and transaction: PostgreSQL folds identical payloads).
CREATE OR REPLACE FUNCTION cordon.announce() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE t bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN t := OLD.township_id; ELSE t := NEW.township_id; END IF;
  PERFORM pg_notify('cordon', (SELECT name FROM cordon.townships WHERE id = t));
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION cordon.announce_township() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cordon', NEW.name);
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION cordon.may_write(t bigint) RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT EXISTS (SELECT 1 FROM cordon.members WHERE township_id = t AND role_name = current_user) $$;
)SQL";

void createLayerTable(PgConnection& conn, const char* name) {
    std::string t = std::string("cordon.") + name;
    conn.exec("CREATE TABLE IF NOT EXISTS " + t +
              "(id bigserial PRIMARY KEY, township_id bigint NOT NULL REFERENCES cordon.townships(id) ON DELETE CASCADE,"
              " fid bigint NOT NULL, geom geometry, attrs jsonb NOT NULL DEFAULT '{}');"
              "CREATE INDEX IF NOT EXISTS " + std::string(name) + "_geom ON " + t + " USING gist(geom);"
              "CREATE INDEX IF NOT EXISTS " + std::string(name) + "_township ON " + t + "(township_id)");
}

void createTriggers(PgConnection& conn) {
    for (const char* t : {"scenarios", "checkpoints", "townships"})
        conn.exec(std::string("CREATE OR REPLACE TRIGGER stamp BEFORE INSERT OR UPDATE ON cordon.") + t +
                  " FOR EACH ROW EXECUTE FUNCTION cordon.stamp()");
    for (const char* t : {"scenarios", "checkpoints", "scenario_district_staff"})
        conn.exec(std::string("CREATE OR REPLACE TRIGGER announce AFTER INSERT OR UPDATE OR DELETE ON cordon.") + t +
                  " FOR EACH ROW EXECUTE FUNCTION cordon.announce()");
    conn.exec("CREATE OR REPLACE TRIGGER announce AFTER INSERT OR UPDATE ON cordon.townships"
              " FOR EACH ROW EXECUTE FUNCTION cordon.announce_township()");
}

// Group roles (no login): planners write their own townships, the wall screen reads.
void createRolesAndPolicies(PgConnection& conn) {
    conn.exec("DO $$ BEGIN"
              " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cordon_planner') THEN CREATE ROLE cordon_planner NOLOGIN; END IF;"
              " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cordon_wall') THEN CREATE ROLE cordon_wall NOLOGIN; END IF;"
              " END $$;"
              "GRANT USAGE ON SCHEMA cordon TO cordon_planner, cordon_wall;"
              "GRANT SELECT ON ALL TABLES IN SCHEMA cordon TO cordon_planner, cordon_wall;"
              "GRANT USAGE ON ALL SEQUENCES IN SCHEMA cordon TO cordon_planner;"
              "GRANT UPDATE(template, epsg) ON cordon.townships TO cordon_planner;"
              "ALTER TABLE cordon.townships ENABLE ROW LEVEL SECURITY;"
              "DROP POLICY IF EXISTS read ON cordon.townships;"
              "CREATE POLICY read ON cordon.townships FOR SELECT USING (true);"
              "DROP POLICY IF EXISTS write ON cordon.townships;"
              "CREATE POLICY write ON cordon.townships FOR UPDATE TO cordon_planner"
              " USING (cordon.may_write(id)) WITH CHECK (cordon.may_write(id));");
    for (const char* name : kTownshipTables) {
        std::string t = std::string("cordon.") + name;
        conn.exec("GRANT INSERT, UPDATE, DELETE ON " + t + " TO cordon_planner;"
                  "ALTER TABLE " + t + " ENABLE ROW LEVEL SECURITY;"
                  "DROP POLICY IF EXISTS read ON " + t + ";"
                  "CREATE POLICY read ON " + t + " FOR SELECT USING (true);"
                  "DROP POLICY IF EXISTS write ON " + t + ";"
                  "CREATE POLICY write ON " + t + " FOR ALL TO cordon_planner"
                  " USING (cordon.may_write(township_id)) WITH CHECK (cordon.may_write(township_id))");
    }
}

int storedVersion(PgConnection& conn) {
    PgResult has = conn.query("SELECT to_regclass('cordon.meta') IS NOT NULL");
    if (has.text(0, 0) != "t") return 0;
    PgResult v = conn.query("SELECT value FROM cordon.meta WHERE key = 'schema_version'");
    return v.rows() ? static_cast<int>(v.int64(0, 0)) : 0;
}

}  // namespace

void checkServerSchema(PgConnection& conn) {
    int v = storedVersion(conn);
    if (v == 0) throw Error("the server has no Cordon schema yet: run cordon server init PG:... first");
    if (v > kServerSchemaVersion)
        throw Error("the server's Cordon schema is version " + std::to_string(v) + ", newer than this Cordon (" +
                    std::to_string(kServerSchemaVersion) + "): upgrade Cordon");
}

int initServer(PgConnection& conn) {
    PgTransaction tx(conn);
    // One init at a time (two at once would race on CREATE ... IF NOT EXISTS).
    conn.exec("SELECT pg_advisory_xact_lock(7512001)");
    int before = storedVersion(conn);
    if (before > kServerSchemaVersion) checkServerSchema(conn);
    conn.exec("CREATE EXTENSION IF NOT EXISTS postgis; CREATE SCHEMA IF NOT EXISTS cordon;");
    conn.exec(kTables);
    for (const char* layer : {"boundary", "districts", "roads", "villages"}) createLayerTable(conn, layer);
    createTriggers(conn);
    createRolesAndPolicies(conn);
    conn.query("INSERT INTO cordon.meta(key, value) VALUES ('schema_version', $1)"
               " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
               {std::to_string(kServerSchemaVersion)});
    tx.commit();
    return before;
}

namespace {

void ensureLoginRole(PgConnection& conn, const std::string& role, const char* group) {
    if (role.empty()) throw Error("--role needs a role name");
    PgResult r = conn.query("SELECT 1 FROM pg_roles WHERE rolname = $1", {role});
    if (!r.rows()) conn.exec("CREATE ROLE " + quoteIdentifier(role) + " LOGIN");
    conn.exec(std::string("GRANT ") + group + " TO " + quoteIdentifier(role));
}

}  // namespace

void grantPlanner(PgConnection& conn, const std::string& role, const std::string& township) {
    checkServerSchema(conn);
    PgTransaction tx(conn);
    PgResult t = conn.query("SELECT id FROM cordon.townships WHERE name = $1", {township});
    if (!t.rows()) throw Error("no township '" + township + "' on the server (import it first)");
    ensureLoginRole(conn, role, "cordon_planner");
    conn.query("INSERT INTO cordon.members(role_name, township_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
               {role, t.text(0, 0)});
    tx.commit();
}

void grantWall(PgConnection& conn, const std::string& role) {
    checkServerSchema(conn);
    PgTransaction tx(conn);
    ensureLoginRole(conn, role, "cordon_wall");
    tx.commit();
}

}  // namespace geo
