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

say "The admin sets up providers, their hours, visit types and rooms"
run provider add --name "Ana Lee" --npi 1234567893 --taxonomy 207Q00000X \
    --credential MD --login drlee
run provider hours prv-1 mon-fri 08:00-12:00,13:00-17:00
run provider off prv-1 2026-12-24 --to 2026-12-26 --reason holiday
run provider visit-type add "new patient" 40m
run provider visit-type add "follow-up" 20m
run provider resource add "Room 2" --kind room
run provider list

say "Code sets: a starter set ships; the full official files are imported"
run code search hypertension
run code check I10 E11.9 E11 || echo "(exit $? - E11 is a category, not billable)"

say "The front desk registers patients; the duplicate guard catches a second José"
as frank patient add --first José --last Müller --dob 1958-03-14 --sex M \
    --phone "(617) 555-0101" --channel sms --sms_consent yes
as frank patient add --first Siobhán --last "O'Connor" --dob 1990-07-02 \
    --sex F --email siobhan@example.org --channel email
as frank patient add --first 小明 --last 王 --dob 2015-11-30 --sex M
as frank patient add --first jose --last muller --dob 1958-03-14 ||
    echo "(exit $? - refused, nothing written)"
printf 'mrn,first,last,dob,sex,phone\nA100,Ana,Lee,1980-02-29,F,617-555-0104\nA101,Bo,Park,1972-10-09,M,+44 20 7946 0958\n' >"$staff"
run patient import "$staff"
run patient import "$staff"
echo "(the same file twice adds nothing: import is idempotent by MRN)"

say "Insurance: billing keeps the payers, the front desk the coverage"
as bea patient payer add "Acme Health" --payer-id ACME1
as frank patient coverage add pat-1 --payer "Acme Health" --member-id XJ4471 \
    --group G100 --from 2026-01-01
as frank patient coverage add pat-3 --payer ACME1 --member-id XJ4472 \
    --relationship child --subscriber-name "Wang Wei" \
    --subscriber-dob 1985-04-02 --subscriber-sex M --from 2026-01-01

say "Search ignores case and accents; ids flow down pipes"
as frank patient search muller
as nina patient search oconnor
printf '$ patient search 2015-11-30 | patient -o json show\n'
patient search 2015-11-30 | patient -o json show
as frank patient edit A100 --phone "617 555 0199"
run patient history A100
run patient list --has-coverage

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
