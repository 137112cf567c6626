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

say "The calendar: the next working day, by Dr. Lee's hours (set above)"
export TZ=America/New_York	# the clinic's zone: the dates below are its days
n=1
while :; do	# tomorrow, or the next weekday that is not a day off
	day=$(date -d "+$n day" +%F)
	case $day in
	2026-12-2[456]) ;;
	*) [ "$(date -d "$day" +%u)" -le 5 ] && break ;;
	esac
	n=$((n + 1))
done
as frank sched book pat-1 --provider prv-1 --at "${day}T09:00" --length 20m
as frank sched book pat-3 --provider prv-1 --at "${day}T09:30" \
    --type follow-up --resource "Room 2" --note "school form"
as frank sched book A100 --provider prv-1 --at "${day}T09:10" --length 20m ||
    echo "(exit $? - refused: no double booking, and nothing written)"
as drlee sched book A100 --provider prv-1 --at "${day}T09:00" --length 20m \
    --overbook
echo "(a provider may squeeze a patient in on purpose: marked, and audited)"
as frank sched book pat-2 --provider prv-1 --at "${day}T10:00" \
    --type follow-up --recur weekly --count 6 --skip
series=$(sched list --patient pat-2 --status booked | cut -f1 | sed -n 2p)
as frank sched cancel "$series" --reason "patient away that week"
as frank sched move apt-2 --at "${day}T11:00"
run sched history apt-2
run sched free --provider prv-1 --from "$day" --to "$day" --type follow-up \
    --limit 4
run sched free --any --length 40m

say "Patient flow: two visits that already happened, entered late (--force)"
# with their UTC offset, which no change of clock makes ambiguous; the one
# checked in is today's even just after midnight (check-in is for today)
ago3=$(date -d "-3 hours" +%FT%H:%M%:z)
[ "$(date -d "-3 hours" +%F)" = "$(date +%F)" ] ||
    ago3=$(date -d "$(date +%F) 00:00" +%FT%H:%M%:z)
ago2=$(date -d "-2 hours" +%FT%H:%M%:z)
as frank sched book pat-2 --provider prv-1 --at "$ago3" --length 20m --force
as frank sched book A101 --provider prv-1 --at "$ago2" --length 20m --force
pre=$(sched list --from -1d --status booked --patient pat-2 | cut -f1 | head -1)
as nina sched checkin "$pre"
as nina sched checkout "$pre"
run sched noshow --auto
echo "(cron runs that hourly: 15 * * * * clinix sched noshow --auto)"
as frank sched waitlist add A101 --type follow-up --before +14d
run sched waitlist match
run sched day "$day"
cal="$(dirname "$CLINIX_DB")/prv-1.ics"
printf '$ sched ics --provider prv-1 >%s\n' "$cal"
sched ics --provider prv-1 >"$cal"
tr -d '\r' <"$cal" | sed -n '/^BEGIN:VEVENT/,$p' |
    grep -E '^(UID|DTSTART|SUMMARY|STATUS|SEQUENCE)' | head -10
echo "(initials and visit type only; import or subscribe to $cal)"

say "Reminders: by each patient's channel and consent, each exactly once"
# Nothing leaves this machine: "sendmail" keeps each message as
# outbox/N.eml, and the "SMS gateway" appends to outbox/sms.log.
dir=$(dirname "$CLINIX_CONFIG")
mkdir -p "$dir/outbox"
cat >"$dir/sendmail" <<'EOF'
#!/bin/sh
# demo sendmail -t -i: keep the message on stdin as outbox/N.eml
out=$(dirname "$0")/outbox
n=$(($(ls "$out" | grep -c '\.eml$') + 1))
cat >"$out/$n.eml"
EOF
cat >"$dir/sms" <<'EOF'
#!/bin/sh
# demo SMS gateway: the number is $1, the text is on stdin
out=$(dirname "$0")/outbox
{ printf '%s: ' "$1"; cat; echo; } >>"$out/sms.log"
EOF
chmod 755 "$dir/sendmail" "$dir/sms"
if ! grep -q '^remind:' "$CLINIX_CONFIG"; then
	sed -i 's/^  # phone: .*/  phone: "+16175550100"/' "$CLINIX_CONFIG"
	cat >>"$CLINIX_CONFIG" <<EOF

# Reminders (see remind(1)): by default 48 hours before each visit, and
# 2 hours before by SMS; no SMS from 21:00 to 08:00.
remind:
  from: "Maple Street Family Practice <reminders@maple-street.example>"
  sendmail: $dir/sendmail -t -i
  sms_command: ["$dir/sms"]
EOF
fi
printf '$ sed -n /^remind:/,\\$p %s\n' "$CLINIX_CONFIG"
sed -n '/^remind:/,$p' "$CLINIX_CONFIG"
# José chose SMS at registration; Siobhán email, and now consents; Ana
# reads Spanish, so she gets appointment.es.yaml.  Little Wang: none.
as frank patient edit pat-2 --email_consent yes
as frank patient edit A100 --email ana.lee@example.org --channel email \
    --email_consent yes --language es
eve="$(date -d "$day -1 day" +%F)T18:00"
echo "(as cron would at 18:00 the evening before the visits: --at $eve)"
run remind due --at "$eve"
run remind send -v --at "$eve"
run remind send -v --at "$eve"
echo "(the second run sends nothing: each reminder has a key, claimed once)"
printf '$ ls outbox; sed -n 1,12p outbox/1.eml; cat outbox/sms.log\n'
ls "$dir/outbox"
tr -d '\r' <"$dir/outbox/1.eml" | sed -n 1,12p
cat "$dir/outbox/sms.log"
run remind due --at "${day}T07:30" ||
    echo "(exit $? - the 2-hour SMS waits: quiet hours end at 08:00)"
run remind send -v --at "${day}T08:00"
run remind log

say "A visit: the nurse opens the chart from the checked-out appointment"
# The provider's editor, for the demo a script that writes the assessment
# under the template it was handed (a real one is $VISUAL or $EDITOR).
cat >"$dir/editor" <<'EOF'
#!/bin/sh
# demo editor: the note file is the last argument
for f; do :; done
cat >>"$f" <<'NOTE'
Assessment: essential hypertension, controlled; hyperlipidemia.
Plan: continue lisinopril 10 mg; lipid panel; recheck in 3 months.
NOTE
EOF
chmod 755 "$dir/editor"
as nina chart open pat-2 --appt "$pre"
as nina chart vitals add enc-1 --bp 128/82 --hr 72 --temp 98.6F \
    --weight 154lb --height 5ft7in
as nina chart allergy add pat-2 penicillins --reaction hives \
    --severity moderate
as nina chart allergy add pat-2 amoxicilin ||
    echo "(exit $? - a drug the catalog does not know: close matches offered)"
as drlee chart problem add pat-2 I10 --onset 2024-05-01
as drlee chart dx add enc-1 I10 E78.5 --problem
as drlee chart dx add enc-1 E11 ||
    echo "(exit $? - a category is not billable: its billable codes named)"
as drlee chart proc add enc-1 99213 --dx 1,2
VISUAL="$dir/editor" as drlee chart note enc-1 --template follow-up
as nina chart sign enc-1 || echo "(exit $? - only the encounter's provider signs)"
as drlee chart sign enc-1
as drlee chart dx add enc-1 J06.9 ||
    echo "(exit $? - signed is final: say more in an addendum)"
echo "Lipid panel normal (LDL 96 mg/dL)." >"$dir/addendum.txt"
as drlee chart addendum enc-1 --file "$dir/addendum.txt"
as drlee chart show enc-1

say "A second visit, charted and left unsigned: the provider's to-do list"
as frank sched book A101 --provider prv-1 --at "$(date +%FT%H:%M%:z)" \
    --length 20m --force --note "walk-in: sore throat"
walkin=$(sched list --day today --status booked --patient A101 | cut -f1 | tail -1)
as nina sched checkin "$walkin"
as nina chart open A101 --appt "$walkin"
as nina chart vitals add enc-2 --bp 118/76 --hr 64 --spo2 98
as drlee chart list --unsigned
as frank chart problem list pat-2 ||
    echo "(exit $? - the front desk cannot read charts: refused and audited)"

say "Money: the signed visit becomes a charge (no coverage: hers to pay), paid in part at the desk"
as bea pay fee set 99213 150.00
as bea pay fee set 99213 98.40 --payer "Acme Health"
echo "(the clinic's fee is what is charged; a payer's row is what it is expected to allow)"
as bea pay charge enc-1
as bea pay charge enc-1
echo "(a procedure line is charged once, ever: the second run posts nothing)"
as frank pay post pat-2 25.00 --method cash --apply enc-1 --memo "copay"
as frank pay post pat-2 20.00 --method card --card-brand visa --last4 1111 \
    --ref AUTH-4471 --memo "4111 1111 1111 1111" ||
    echo "(exit $? - a card number is never stored, in any field)"
as frank pay balance pat-2
as bea pay ledger pat-2
as frank pay deposit
as bea pay trial-balance
as bea pay statement pat-2
printf '$ [bea] pay export --format hledger | head -12\n'
if [ "$(id -u)" -eq 0 ]; then CLINIX_USER=bea pay export --format hledger
else pay export --format hledger; fi | head -12

say "Claims: the billing clerk's night - a signed visit becomes an 837P, no retyping"
run clinix config set clinic.npi 1003000126
run clinix config set clinic.tax_id 12-3456789
run clinix config set clinic.address1 "200 Maple St"
run clinix config set clinic.city Boston
run clinix config set clinic.state MA
run clinix config set clinic.zip 02108-1234
run clinix config set clinic.phone "(617) 555-0100"
run clinix config set claim.usage T
run provider clinic
as frank patient edit pat-1 --address1 "12 Elm St" --city Boston --state MA \
    --zip 02108
as nina chart open pat-1 --provider prv-1 --at "$ago2"
as drlee chart dx add enc-3 E11.9 I10
as drlee chart proc add enc-3 99213 --dx 1,2
VISUAL="$dir/editor" as drlee chart note enc-3 --template follow-up
as drlee chart sign enc-3
as drlee claim list || echo "(exit $? - a provider sees only their own claims, with --provider)"
as bea claim create enc-1 || echo "(exit $? - no coverage that day: self-pay, no claim)"
as bea claim create enc-3
as bea claim create enc-3
echo "(one claim per encounter and payer: the second run makes none)"
as bea claim list
as bea claim export --newline -o "$dir/acme.837"
printf '$ sed -n 1,4p acme.837; grep -E "^(HI|SV1|CLM)" acme.837\n'
sed -n 1,4p "$dir/acme.837"
grep -E '^(HI|SV1|CLM)' "$dir/acme.837"
# What comes back: the clearinghouse's 999, then the payer's 835.  The
# demo writes them here as the payer would (envelopes from standards.md).
isa() {	# ISA of sender $1 to receiver $2, control $3
	printf 'ISA*00*          *00*          *ZZ*%-15s*ZZ*%-15s*%s*%s*^*00501*%09d*0*T*:~\n' \
	    "$1" "$2" "$(date +%y%m%d)" "$(date +%H%M)" "$3"
}
set_of() {	# ST..SE of segments $2... with control $1, SE01 counted
	c=$1; shift
	printf '%s\n' "$@" | awk -v c="$c" '{ print; n++ }
	    END { printf "SE*%d*%s~\n", n + 1, c }'
}
now=$(date +%Y%m%d)
svc=$(date -d "$ago2" +%Y%m%d)
{
	isa ACME1 1003000126 7001
	echo "GS*FA*ACME1*1003000126*$now*0900*7001*X*005010X231A1~"
	set_of 0001 'ST*999*0001*005010X231A1~' 'AK1*HC*1*005010X222A1~' \
	    'AK2*837*0001*005010X222A1~' 'IK5*A~' 'AK9*A*1*1*1~'
	echo 'GE*1*7001~'
	echo 'IEA*1*000007001~'
} >"$dir/acme.999"
as bea claim ack "$dir/acme.999"
# Acme allows 98.40 of the 150.00: 51.60 contractual (CO-45), 20.00 the
# patient's copay (PR-3), 78.40 paid by EFT.
{
	isa ACME1 1003000126 7002
	echo "GS*HP*ACME1*1003000126*$now*0900*7002*X*005010X221A1~"
	set_of 0001 'ST*835*0001~' \
	    "BPR*I*78.4*C*ACH*CCP*01*999999992*DA*123456*1123456789**01*999988880*DA*98765*$now~" \
	    'TRN*1*EFT7002*1123456789~' "DTM*405*$now~" 'N1*PR*ACME HEALTH~' \
	    'N3*1 INSURANCE WAY~' 'N4*HARTFORD*CT*06101~' \
	    'PER*BL*EDI SUPPORT*TE*8605550199~' \
	    'N1*PE*MAPLE STREET FAMILY PRACTICE*XX*1003000126~' 'LX*1~' \
	    'CLP*clm-1*1*150*78.4*20*12*ACME7788*11*1~' \
	    'NM1*QC*1*MULLER*JOSE****MI*XJ4471~' 'SVC*HC:99213*150*78.4**1~' \
	    "DTM*472*$svc~" 'CAS*CO*45*51.6~' 'CAS*PR*3*20~' 'AMT*B6*98.4~'
	echo 'GE*1*7002~'
	echo 'IEA*1*000007002~'
} >"$dir/acme.835"
as bea claim remit "$dir/acme.835"
as bea claim remit "$dir/acme.835"
echo "(the same payment twice posts nothing: it is known by its trace number)"
as bea claim show clm-1
as frank pay balance pat-1
as bea pay trial-balance

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
