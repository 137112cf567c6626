#!/bin/sh
# make demo: a new clinic under ./demo/ (or $CLINIX_DB / $CLINIX_CONFIG)
# and a day's worth of what the programs can do so far, each command shown
# before it runs.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$top/bin:$PATH"
if [ -z "$CLINIX_DB" ] && [ -z "$CLINIX_CONFIG" ]; then
	rm -rf "$top/demo"	# ours alone: start the day fresh
fi
export CLINIX_DB="${CLINIX_DB:-$top/demo/clinix.db}"
export CLINIX_CONFIG="${CLINIX_CONFIG:-$top/demo/clinix.yaml}"
export TZ="${TZ:-America/New_York}"

say() { printf '\n# %s\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
# Staff act as themselves; root can stand in for them (CLINIX_USER).
as() {
	who=$1; shift
	printf '$ [%s] %s\n' "$who" "$*"
	if [ "$(id -u)" -eq 0 ]; then CLINIX_USER=$who "$@"; else "$@"; fi
}

say "A new clinic: config, 0600 key, database; you become its admin"
run clinix init --clinic-name "Maple Street Family Practice" \
    --timezone America/New_York
run clinix help
run db version

say "Staff accounts: one by one, then the rest from a CSV file"
run user add drlee --role provider --name "Dr. Ana Lee"
run user add nina --role nurse --name "Nina Okafor"
staff=$(mktemp)
trap 'rm -f "$staff"' EXIT
printf 'login,role,name\nfrank,frontdesk,"Frank O'"'"'Brien"\nbea,billing,Beatriz Núñez\n' >"$staff"
run user import "$staff"
run user list

say "Patients (registration comes with 'patient add'; the demo seeds three)"
sqlite3 "$CLINIX_DB" <<'SQL'
INSERT INTO patient (mrn, first, last, dob, sex, phone, channel, created_at, updated_at) VALUES
 ('M000101', 'José', 'Müller', '1958-03-14', 'M', '+16175550101', 'sms', '2026-11-27T08:00:00Z', '2026-11-27T08:00:00Z'),
 ('M000102', 'Siobhán', 'O''Connor', '1990-07-02', 'F', '+16175550102', 'email', '2026-11-27T08:00:00Z', '2026-11-27T08:00:00Z'),
 ('M000103', '小明', '王', '2015-11-30', 'M', NULL, 'none', '2026-11-27T08:00:00Z', '2026-11-27T08:00:00Z');
SQL
as frank patient show M000101
as nina patient -o json show pat-2

say "The front desk may not manage users: refused (77) and audited"
as frank user add mallory --role admin || echo "(exit $?)"

say "Power users: read-only SQL, any output format"
run db query -o json "SELECT role, count(*) AS n FROM user GROUP BY role"
run db query "DELETE FROM audit" || echo "(exit $? - db query never writes)"

say "Night: encrypted online backup, then verify everything"
run db backup --encrypt "$top/demo/nightly.db.enc" 2>/dev/null ||
    run db backup --force --encrypt "$(dirname "$CLINIX_DB")/nightly.db.enc"
run db verify
run audit verify

say "Who did what today (newest first)"
run audit list --limit 12
