load helper

# claim export (issue 14, "Exporting"): the ready claims as X12 837P
# 005010X222A1 interchanges, checked against standards.md §1 by hand (the
# golden file below, a comment a segment), and every file the tests make
# read back by two parsers that are not ours (node-x12 in strict mode, and
# Perl's X12::Parser with its 837 loop map) and by the awk of x12_awk
# (counts, HL parents, CLM02 = the sum of SV102).
#
# The clinic (export_clinic): Maple Clinic, group NPI 1234567893, EIN
# 37-1234567, 100 Main St, Springfield IL 62701-0001, +1 217 555 0100,
# taxonomy 207Q00000X.  prv-1 Anna Smith (NPI 1245319599, login doc),
# prv-2 Lee Park, who bills under the clinic's own NPI.  pat-1 Jane Doe
# (2015-05-05, F, 12 Elm St, Springfield IL 62702), a child on John Doe's
# Acme Health (pyr-1, id 12345, filing 12) coverage MBR123456, group
# GRP100; pat-2 John Roe (1970-05-06, M, 1 Oak Ave, Springfield IL
# 62702-0001), his own subscriber with Acme, member W2; pat-3 Ann Lee,
# her own subscriber with Beta Care (pyr-2, id 67890, filing CI), B3.
# Fees from 2024-01-01: 99213 100.00, 87880 50.00, 99214 75.00.  Users
# doc (provider), desk (frontdesk), bill (billing), boss (admin).

export_clinic() {
	clinix config set clinic.name "Maple Clinic"
	clinix config set clinic.npi 1234567893
	clinix config set clinic.tax_id 37-1234567
	clinix config set clinic.address1 "100 Main St"
	clinix config set clinic.city Springfield
	clinix config set clinic.state IL
	env -u CLINIX_USER clinix config set clinic.zip 62701-0001
	clinix config set clinic.phone "+1 217 555 0100"
	clinix config set clinic.taxonomy 207Q00000X
	local u
	for u in doc:provider desk:frontdesk bill:billing boss:admin; do
		user add "${u%:*}" --role "${u#*:}"
	done
	provider add --name "Anna Smith" --npi 1245319599 \
	    --taxonomy 207Q00000X --login doc
	provider add --name "Lee Park" --npi 1234567893 --taxonomy 207Q00000X
	patient add --first Jane --last Doe --dob 2015-05-05 --sex F \
	    --address1 "12 Elm St" --city Springfield --state IL --zip 62702
	patient add --first John --last Roe --dob 1970-05-06 --sex M \
	    --address1 "1 Oak Ave" --city Springfield --state IL \
	    --zip 62702-0001
	patient add --first Ann --last Lee --dob 1990-03-04 --sex F \
	    --address1 "5 Pine Rd" --city Springfield --state IL \
	    --zip 62703-1234
	patient payer add "Acme Health" --payer-id 12345 --filing 12
	patient payer add "Beta Care" --payer-id 67890
	patient coverage add pat-1 --payer "Acme Health" --member-id MBR123456 \
	    --group GRP100 --relationship child --subscriber-name "John Doe" \
	    --subscriber-dob 1985-02-03 --subscriber-sex M --from 2024-01-01
	patient coverage add pat-2 --payer "Acme Health" --member-id W2 \
	    --from 2024-01-01
	patient coverage add pat-3 --payer "Beta Care" --member-id B3 \
	    --from 2024-01-01
	CLINIX_USER=bill pay fee set 99213 100.00 --from 2024-01-01
	CLINIX_USER=bill pay fee set 87880 50.00 --from 2024-01-01
	CLINIX_USER=bill pay fee set 99214 75.00 --from 2024-01-01
}

setup_file() { clinic_once export_clinic; }
setup() {
	clinic_copy
	export CLINIX_USER=bill
	export NODE_PATH=$BATS_TEST_DIRNAME/tools/node_modules
}

# enc PAT [DAY] [LINE ...]: a signed encounter of pat-PAT with prv-${PRV:-1}
# at 09:30 New York on DAY (default 2026-12-01), diagnoses ${DX:-E119} in
# order, each LINE "CODE[/MODS[/UNITS[/DX]]]" (default 99213); prints its
# id.  (As tests/claim.bats's: put in with sqlite3, signed last.)
enc() {
	local pat=$1 day=${2:-2026-12-01} l code mods units dx ins="" i=0 d
	shift $(($# < 2 ? $# : 2))
	[ $# -gt 0 ] || set -- 99213
	for l; do
		IFS=/ read -r code mods units dx <<<"$l"
		[ -n "$mods" ] && mods="'$mods'" || mods=NULL
		ins="$ins INSERT INTO encounter_proc (encounter_id, system, code,
		    mods, units, dx, created_at, created_by) VALUES (@e, 'cpt',
		    '$code', $mods, ${units:-1}, '${dx:-1}', '${day}T14:30:00Z',
		    'doc');"
	done
	for d in ${DX:-E119}; do
		i=$((i + 1))
		ins="$ins INSERT INTO encounter_dx VALUES (@e, $i, '$d', NULL);"
	done
	sqlite3 "$CLINIX_DB" "INSERT INTO encounter (patient_id, provider_id,
	    start_at, created_at, created_by, prior_auth) VALUES ($pat,
	    ${PRV:-1}, '${day}T14:30:00Z', '${day}T14:30:00Z', 'doc',
	    ${AUTH:-NULL});
	    CREATE TEMP TABLE v AS SELECT last_insert_rowid() AS e;
	    ${ins//@e/(SELECT e FROM v)}
	    UPDATE encounter SET signed_at = '${day}T15:00:00Z',
	    signed_by = 'doc', sign_hash = printf('%064d', 0)
	    WHERE id = (SELECT e FROM v);
	    SELECT 'enc-' || e FROM v;"
}

# ready ARGS...: enc ARGS, then claim create: the claim's id, ready.
ready() {
	local e
	e=$(enc "$@") && claim create "$e"
}

q() { sqlite3 -separator '|' "$CLINIX_DB" "$1"; }
# Everything but the audit trail: "nothing written" is this staying put.
data() { sqlite3 "$CLINIX_DB" .dump | grep -v '^INSERT INTO audit' | cksum; }

# The segments of an 837, one a line (the "~" gone, newlines or not).
segs() { tr -d '\n' <"$1" | tr '~' '\n'; }

# x12_awk FILE: our own check of what the parsers below do not look at:
# ISA 106 bytes; SE01 = ST..SE inclusive, SE02 = ST02; GE01 = sets, GE02
# = GS06; IEA01 = groups, IEA02 = ISA13; HL01 1, 2, 3... restarting in
# each ST, HL02 an earlier HL (none for level 20), HL04 1 exactly when a
# later HL names it as parent; CLM02 = the sum of its SV102.  Prints
# what is wrong, nothing when all is right.
x12_awk() {
	tr -d '\n' <"$1" | awk '
	BEGIN { RS = "~"; FS = "*" }
	NR == 1 && length($0) != 105 { print "ISA is " length($0) + 1 " bytes" }
	$1 == "ISA" { isa13 = $14; ngs = 0 }
	$1 == "GS" { gs06 = $7; nst = 0; ngs++ }
	$1 == "ST" { st02 = $3; n = 0; hl = 0; delete parent; delete kids
		delete hl04 }
	{ n++ }
	$1 == "HL" {
		hl++
		if ($2 != hl) print "HL01 " $2 " where " hl " was due"
		if ($4 == "20" && $3 != "") print "HL " $2 ": level 20 has a parent"
		if ($4 != "20" && !($3 in hl04)) print "HL " $2 ": parent " $3 " not before it"
		hl04[$2] = $5; if ($3 != "") kids[$3]++
	}
	function clm_end() {
		if (clm != "" && clm02 != sum) print clm ": CLM02 " clm02 " but the lines make " sum
		clm = ""
	}
	$1 == "CLM" { clm_end(); clm = $2; clm02 = $3 + 0; sum = 0 }
	$1 == "SV1" { sum += $3 }
	$1 == "HL" || $1 == "SE" { clm_end() }
	$1 == "SE" {
		if ($2 != n) print "SE01 " $2 ", the set has " n " segments"
		if ($3 != st02) print "SE02 " $3 " is not ST02 " st02
		for (h in hl04) if ((hl04[h] == "1") != (h in kids)) print "HL " h ": HL04 " hl04[h] " but " (h in kids ? "it has" : "no") " children"
		nst++
	}
	$1 == "GE" { if ($2 != nst) print "GE01 " $2 " for " nst " sets"
		if ($3 != gs06) print "GE02 " $3 " is not GS06 " gs06 }
	$1 == "IEA" { if ($2 != ngs) print "IEA01 " $2 " for " ngs " groups"
		if ($3 != isa13) print "IEA02 " $3 " is not ISA13 " isa13 }'
}

# The loops of FILE as Perl's X12::Parser sees them with its 837 map, one
# a line, in order, repeats of a loop run together.
perl_loops() {
	perl -MX12::Parser -e '$p = X12::Parser->new;
	    $p->parsefile(file => $ARGV[0],
	    conf => "/usr/share/perl5/X12/Parser/cf/837_004010X098.cf");
	    while (($pos, $lvl, $l) = $p->get_next_pos_level_loop) {
	        print "$l\n" }' "$1" | uniq
}

# node-x12 in strict mode: the envelope, counts and control numbers.
node_x12() {
	node -e 'const {X12Parser} = require("node-x12");
	    try { const i = new X12Parser(true).parse(
	        require("fs").readFileSync(process.argv[1], "utf8"));
	        console.log("OK", i.functionalGroups.length, "group(s)") }
	    catch (e) { console.error("X12 ERROR:", e.message);
	        process.exit(1) }' "$1"
}

# check_837 FILE: every reader agrees the file is sound.
check_837() {
	run -0 node_x12 "$1"
	assert_output "OK 1 group(s)"
	run -0 x12_awk "$1"
	assert_output ""
	run -0 perl_loops "$1"
	assert_line 2000B
	assert_line 2300
	assert_line 2400
}

# The 837 with the run's day and time (ISA09/10, GS04/05, BHT04/05)
# masked, after checking they are today's, in the clinic's zone.
masked() {
	local yymmdd ccyymmdd
	yymmdd=$(TZ=America/New_York date +%y%m%d)
	ccyymmdd=20$yymmdd
	segs "$1" | sed -E \
	    -e "s/^(ISA(\*[^*]*){8})\*$yymmdd\*[0-2][0-9][0-5][0-9]\*/\1*YYMMDD*HHMM*/" \
	    -e "s/^(GS(\*[^*]*){3})\*$ccyymmdd\*[0-2][0-9][0-5][0-9]\*/\1*CCYYMMDD*HHMM*/" \
	    -e "s/^(BHT(\*[^*]*){3})\*$ccyymmdd\*[0-2][0-9][0-5][0-9]\*/\1*CCYYMMDD*HHMM*/"
}

# ISA13, GS06, ST02 and IEA02 of FILE, on one line.
controls() {
	segs "$1" | awk -F'*' '$1 == "ISA" { printf "ISA %s ", $14 }
	    $1 == "GS" { printf "GS %s ", $7 }
	    $1 == "ST" || $1 == "IEA" { printf "%s %s ", $1, $3 }'
}

# --- the golden file --------------------------------------------------------

@test "golden: a dependent with two lines and two diagnoses, a subscriber with one, as standards.md §1 lays them out" {
	# clm-1: Jane, John Doe's child, seen by Anna Smith (not the clinic's
	# NPI): 99213 100.00 pointing at both diagnoses, 87880-QW 50.00 at
	# the first; J06.9 and R50.9.  clm-2: John Roe, his own subscriber,
	# seen by Lee Park (the clinic's NPI): 99214 75.00, E11.9.
	c1=$(DX="J069 R509" ready 1 2026-12-01 99213///1,2 87880/QW//1)
	[ "$c1" = clm-1 ] || fail "made $c1"
	c2=$(PRV=2 ready 2 2026-12-01 99214)
	[ "$c2" = clm-2 ] || fail "made $c2"
	run -0 --separate-stderr claim export --newline -o "$BATS_TEST_TMPDIR/b.837"
	assert_output ""
	assert_equal "$stderr" "batch 1: 2 claims to 12345"
	check_837 "$BATS_TEST_TMPDIR/b.837"
	expected=(
	# ISA: 00 + 10 blanks twice (no authorisation, no security); ZZ and
	# the submitter, claim.submitter_id unset: the clinic's NPI, padded
	# to 15; ZZ and the receiver, claim.receiver unset: the payer's id
	# 12345, padded; day and time; ^ repetition; 00501; control 1 as 9
	# digits; 0 no TA1 asked; P (claim.usage unset); : components
	'ISA*00*          *00*          *ZZ*1234567893     *ZZ*12345          *YYMMDD*HHMM*^*00501*000000001*0*P*:'
	# GS: HC, sender, receiver, CCYYMMDD, HHMM, GS06 = the control, X,
	# the version
	'GS*HC*1234567893*12345*CCYYMMDD*HHMM*1*X*005010X222A1'
	# ST: 837, ST02 the control zero-padded to 4, ST03 = GS08
	'ST*837*0001*005010X222A1'
	# BHT: 0019, 00 original, our batch reference, day, time, CH
	'BHT*0019*00*BATCH1*CCYYMMDD*HHMM*CH'
	# 1000A submitter: organisation (2), 46 = ETIN the submitter id
	'NM1*41*2*MAPLE CLINIC*****46*1234567893'
	# PER*IC: contact, TE and clinic.phone's 10 digits (no +1)
	'PER*IC*MAPLE CLINIC*TE*2175550100'
	# 1000B receiver: the payer's name (claim.receiver_name unset), 46
	'NM1*40*2*ACME HEALTH*****46*12345'
	# 2000A: HL 1, no parent, level 20, children follow
	'HL*1**20*1'
	# PRV*BI from clinic.taxonomy
	'PRV*BI*PXC*207Q00000X'
	# 2010AA billing provider: organisation, XX = NPI
	'NM1*85*2*MAPLE CLINIC*****XX*1234567893'
	# N3 street, upper case
	'N3*100 MAIN ST'
	# N4: the 9-digit ZIP, no hyphen
	'N4*SPRINGFIELD*IL*627010001'
	# REF*EI: the EIN, 9 digits, no hyphen
	'REF*EI*371234567'
	# 2000B, claim 1: HL 2 under 1, level 22, HL04 1: a 2000C follows
	'HL*2*1*22*1'
	# SBR: P, SBR02 empty (not self), the group, SBR09 the filing 12
	'SBR*P**GRP100******12'
	# 2010BA: the subscriber John Doe split last/first, MI member id; no
	# N3 N4 DMG: the patient is not the subscriber
	'NM1*IL*1*DOE*JOHN****MI*MBR123456'
	# 2010BB payer: PI and its id
	'NM1*PR*2*ACME HEALTH*****PI*12345'
	# 2000C: HL 3 under the subscriber's 2, level 23, no children
	'HL*3*2*23*0'
	# PAT01 19: child
	'PAT*19'
	# 2010CA: the patient; trailing empty elements dropped
	'NM1*QC*1*DOE*JANE'
	'N3*12 ELM ST'
	'N4*SPRINGFIELD*IL*62702'
	# DMG: D8, the birth date as CCYYMMDD, sex
	'DMG*D8*20150505*F'
	# 2300: CLM01 the control clm-1, CLM02 150 = 100 + 50 (no .00),
	# CLM05 POS 11 (office) : B : frequency 1, then Y A Y Y
	'CLM*clm-1*150***11:B:1*Y*A*Y*Y'
	# HI: ABK the principal, ABF the next, ICD-10-CM without the dot
	'HI*ABK:J069*ABF:R509'
	# 2310B: Anna Smith is not the billing NPI: NM1*82 person, last,
	# first, XX and her NPI, PRV*PE her taxonomy
	'NM1*82*1*SMITH*ANNA****XX*1245319599'
	'PRV*PE*PXC*207Q00000X'
	# 2400 line 1: LX 1; SV1 HC:code, 100, UN, 1 unit, SV107 1:2
	'LX*1'
	'SV1*HC:99213*100*UN*1***1:2'
	# DTP*472 the date of service
	'DTP*472*D8*20261201'
	# REF*6R: the claim line's id, for the 835 to echo
	'REF*6R*1'
	# line 2: modifier QW as a component; pointer 1
	'LX*2'
	'SV1*HC:87880:QW*50*UN*1***1'
	'DTP*472*D8*20261201'
	'REF*6R*2'
	# 2000B, claim 2: HL 4 under 1, HL04 0: the patient is the subscriber
	'HL*4*1*22*0'
	# SBR02 18 self; no group: SBR03 empty
	'SBR*P*18*******12'
	# 2010BA with the patient's N3 N4 DMG (self)
	'NM1*IL*1*ROE*JOHN****MI*W2'
	'N3*1 OAK AVE'
	'N4*SPRINGFIELD*IL*627020001'
	'DMG*D8*19700506*M'
	'NM1*PR*2*ACME HEALTH*****PI*12345'
	# 2300: 75 (no .00); no 2310B: Lee Park bills under the clinic's NPI
	'CLM*clm-2*75***11:B:1*Y*A*Y*Y'
	'HI*ABK:E119'
	'LX*1'
	'SV1*HC:99214*75*UN*1***1'
	'DTP*472*D8*20261201'
	'REF*6R*3'
	# SE01: ST to SE inclusive: 1 ST, 10 header (BHT..REF*EI), 22 for
	# claim 1 (HL..REF*6R), 13 for claim 2, 1 SE = 47 (counted by hand)
	'SE*47*0001'
	# GE: 1 set, GS06; IEA: 1 group, ISA13
	'GE*1*1'
	'IEA*1*000000001'
	)
	run -0 masked "$BATS_TEST_TMPDIR/b.837"
	assert_equal "$output" "$(printf '%s\n' "${expected[@]}")"
	# the loops, as the Perl map reads them, in order
	run -0 perl_loops "$BATS_TEST_TMPDIR/b.837"
	assert_equal "$(grep -E '^[0-9]{4}[A-C]{0,2}$' <<<"$output" |
	    tr '\n' ' ')" "1000A 1000B 2000A 2010AA 2000B 2010BA 2010BB 2000C 2010CA 2300 2310B 2400 2000B 2010BA 2010BB 2300 2400 "
}

@test "x12_awk, the parsers' complement, can fail: standards.md §1's example broken one rule at a time" {
	# the example as it stands there: nothing to say
	cat >"$BATS_TEST_TMPDIR/ex.837" <<-'X12'
	ISA*00*          *00*          *ZZ*MAPLE01        *ZZ*ACMECH         *240115*1030*^*00501*000000101*1*T*:~
	GS*HC*MAPLE01*ACMECH*20240115*1030*101*X*005010X222A1~
	ST*837*0001*005010X222A1~
	BHT*0019*00*BATCH101*20240115*1030*CH~
	NM1*41*2*MAPLE CLINIC*****46*MAPLE01~
	PER*IC*BILLING DESK*TE*5555550100~
	NM1*40*2*ACME CLEARINGHOUSE*****46*ACMECH~
	HL*1**20*1~
	PRV*BI*PXC*207Q00000X~
	NM1*85*2*MAPLE CLINIC*****XX*1234567893~
	N3*100 MAIN ST~
	N4*SPRINGFIELD*IL*627010001~
	REF*EI*371234567~
	HL*2*1*22*1~
	SBR*P**GRP100******12~
	NM1*IL*1*DOE*JOHN****MI*MBR123456~
	NM1*PR*2*ACME HEALTH*****PI*12345~
	HL*3*2*23*0~
	PAT*19~
	NM1*QC*1*DOE*JANE~
	N3*12 ELM ST~
	N4*SPRINGFIELD*IL*62702~
	DMG*D8*20150505*F~
	CLM*PT1001*150***11:B:1*Y*A*Y*Y~
	HI*ABK:J069*ABF:R509~
	NM1*82*1*SMITH*ANNA****XX*1245319599~
	PRV*PE*PXC*207Q00000X~
	LX*1~
	SV1*HC:99213*100*UN*1***1:2~
	DTP*472*D8*20240110~
	LX*2~
	SV1*HC:87880:QW*50*UN*1***1~
	DTP*472*D8*20240110~
	SE*32*0001~
	GE*1*101~
	IEA*1*000000101~
	X12
	ex=$BATS_TEST_TMPDIR/ex.837 bad=$BATS_TEST_TMPDIR/bad.837
	run -0 x12_awk "$ex"
	assert_output ""
	run -0 node_x12 "$ex"
	sed 's/^SE\*32/SE*31/' "$ex" >"$bad"
	run -0 x12_awk "$bad"
	assert_output "SE01 31, the set has 32 segments"
	sed 's/^HL\*2\*1\*22\*1/HL*2*1*22*0/' "$ex" >"$bad"
	run -0 x12_awk "$bad"
	assert_output "HL 2: HL04 0 but it has children"
	sed 's/^HL\*3\*2\*23/HL*4*2*23/' "$ex" >"$bad"
	run -0 x12_awk "$bad"
	assert_output "HL01 4 where 3 was due"
	sed 's/^CLM\*PT1001\*150/CLM*PT1001*160/' "$ex" >"$bad"
	run -0 x12_awk "$bad"
	assert_output "PT1001: CLM02 160 but the lines make 150"
	sed 's/^IEA\*1\*000000101/IEA*1*000000102/' "$ex" >"$bad"
	run -0 x12_awk "$bad"
	assert_output "IEA02 000000102 is not ISA13 000000101"
	sed 's/^ISA\*00\*          \*/ISA*00*         */' "$ex" >"$bad"
	run -0 x12_awk "$bad"
	assert_output "ISA is 105 bytes"
	# and node-x12 refuses a wrong SE01 too
	sed 's/^SE\*32/SE*31/' "$ex" >"$bad"
	run -1 node_x12 "$bad"
}

# --- what an export does ------------------------------------------------------

@test "export: the claims go submitted in batch 1, whose body is the bytes written, its sha256 theirs" {
	ready 1 >/dev/null
	ready 2 >/dev/null
	run -0 --separate-stderr claim export
	assert_equal "$stderr" "batch 1: 2 claims to 12345"
	printf '%s' "$output" >"$BATS_TEST_TMPDIR/out.837"
	check_837 "$BATS_TEST_TMPDIR/out.837"
	# no newline: segments end with ~ only
	assert_equal "$(tr -cd '\n' <"$BATS_TEST_TMPDIR/out.837" | wc -c)" 0
	assert_equal "$(q "SELECT id, status, batch_id FROM claim ORDER BY id")" \
	    "$(printf '1|submitted|1\n2|submitted|1')"
	assert_equal "$(q "SELECT batch_id, claim_id FROM batch_claim ORDER BY 2")" \
	    "$(printf '1|1\n1|2')"
	assert_equal "$(q "SELECT id, payer_id, receiver, nclaims, created_by
	    FROM batch")" "1|1|12345|2|bill"
	assert_equal "$(q "SELECT last FROM x12_counter")" 1
	# the stored bytes are the file's: the same digest
	sqlite3 "$CLINIX_DB" "SELECT writefile('$BATS_TEST_TMPDIR/body', body)
	    FROM batch WHERE id = 1" >/dev/null
	cmp "$BATS_TEST_TMPDIR/body" "$BATS_TEST_TMPDIR/out.837"
	assert_equal "$(q "SELECT sha256 FROM batch")" \
	    "$(sha256sum <"$BATS_TEST_TMPDIR/out.837" | cut -d' ' -f1)"
	# the history says which batch
	assert_equal "$(q "SELECT status, who, note FROM claim_event WHERE
	    claim_id = 1 ORDER BY id DESC LIMIT 1")" "submitted|bill|batch 1"
	# one audit row for the batch, a disclosure
	assert_equal "$(q "SELECT login, action, record, detail FROM audit
	    WHERE record = 'batch-1'")" "bill|claim.export|batch-1|2 claims to 12345"
	# nothing is ready any more
	run -1 --separate-stderr claim export
	assert_output ""
}

@test "export: control numbers are never reused: two exports are batches 1 and 2, a failed one takes none" {
	ready 1 >/dev/null
	run -0 --separate-stderr claim export -o "$BATS_TEST_TMPDIR/a.837"
	assert_equal "$stderr" "batch 1: 1 claim to 12345"
	# a file that cannot be made: 73, and no number taken, nothing moved
	ready 2 >/dev/null
	before=$(data)
	run -73 --separate-stderr claim export -o "$BATS_TEST_TMPDIR/no/such/dir/b.837"
	assert_equal "$(data)" "$before"
	assert_equal "$(q "SELECT last FROM x12_counter")" 1
	assert_equal "$(q "SELECT status FROM claim WHERE id = 2")" ready
	run -0 --separate-stderr claim export -o "$BATS_TEST_TMPDIR/b.837"
	assert_equal "$stderr" "batch 2: 1 claim to 12345"
	check_837 "$BATS_TEST_TMPDIR/a.837"
	check_837 "$BATS_TEST_TMPDIR/b.837"
	# ISA13, GS06, ST02 and IEA02 of each
	assert_equal "$(controls "$BATS_TEST_TMPDIR/a.837")" \
	    "ISA 000000001 GS 1 ST 0001 IEA 000000001 "
	assert_equal "$(controls "$BATS_TEST_TMPDIR/b.837")" \
	    "ISA 000000002 GS 2 ST 0002 IEA 000000002 "
	assert_equal "$(q "SELECT group_concat(id) FROM batch")" "1,2"
	# the schema refuses a counter going back
	run -19 sqlite3 "$CLINIX_DB" "UPDATE x12_counter SET last = 1"
	assert_output --partial "control numbers are never reused"
}

@test "export --batch N: the stored bytes again, identical (cmp), no new number, audited" {
	ready 1 >/dev/null
	claim export --newline -o "$BATS_TEST_TMPDIR/first.837" 2>/dev/null
	before=$(data)
	run -0 --separate-stderr claim export --batch 1 -o "$BATS_TEST_TMPDIR/again.837"
	assert_equal "$stderr" ""
	cmp "$BATS_TEST_TMPDIR/first.837" "$BATS_TEST_TMPDIR/again.837"
	# to stdout too (bats drops the final newline: compare through files)
	claim export --batch 1 >"$BATS_TEST_TMPDIR/stdout.837"
	cmp "$BATS_TEST_TMPDIR/first.837" "$BATS_TEST_TMPDIR/stdout.837"
	assert_equal "$(stat -c %a "$BATS_TEST_TMPDIR/again.837")" 600
	# nothing changed but the audit trail, which has the resending
	assert_equal "$(data)" "$before"
	assert_equal "$(q "SELECT last FROM x12_counter")" 1
	assert_equal "$(q "SELECT count(*) FROM audit WHERE record = 'batch-1'
	    AND action = 'claim.export' AND detail = 'sent again'")" 2
	# into a directory: DIR/1.837
	mkdir "$BATS_TEST_TMPDIR/d"
	claim export --batch 1 -o "$BATS_TEST_TMPDIR/d"
	cmp "$BATS_TEST_TMPDIR/first.837" "$BATS_TEST_TMPDIR/d/1.837"
	# --newline is as stored: one line a segment
	assert_equal "$(wc -l <"$BATS_TEST_TMPDIR/first.837")" \
	    "$(segs "$BATS_TEST_TMPDIR/first.837" | wc -l)"
	check_837 "$BATS_TEST_TMPDIR/first.837"
	# a batch that is not there; --batch with what it cannot take
	run -65 --separate-stderr claim export --batch 7
	assert_equal "$stderr" "claim: no batch 7"
	run -64 --separate-stderr claim export --batch 1 --newline
	run -64 --separate-stderr claim export --batch 1 --payer pyr-1
	run -64 --separate-stderr claim export --batch 0
	run -64 --separate-stderr claim export --batch x
}

@test "export: nothing ready is exit 1, nothing written, no file made, no number taken" {
	before=$(data)
	run -1 --separate-stderr claim export -o "$BATS_TEST_TMPDIR/none.837"
	assert_output ""
	assert_equal "$stderr" "claim: no claim is ready to export"
	[ ! -e "$BATS_TEST_TMPDIR/none.837" ]
	assert_equal "$(data)" "$before"
	assert_equal "$(q "SELECT last FROM x12_counter")" 0
	# a draft is not ready: the scrubber kept it back
	e=$(DX=E11 enc 2 2026-12-01 99213)	# E11: a header, not billable
	run -65 --separate-stderr claim create "$e"
	assert_equal "$(q "SELECT status FROM claim")" draft
	run -1 --separate-stderr claim export
	assert_output ""
	# a temporary file is never left behind
	run -0 ls -A "$BATS_TEST_TMPDIR"
	refute_output --partial .claim-export
}

@test "export -o: the file is created 0600, even over a file that was there" {
	ready 1 >/dev/null
	umask 022
	echo old >"$BATS_TEST_TMPDIR/x.837"
	chmod 644 "$BATS_TEST_TMPDIR/x.837"
	run -0 --separate-stderr claim export -o "$BATS_TEST_TMPDIR/x.837"
	assert_equal "$(stat -c %a "$BATS_TEST_TMPDIR/x.837")" 600
	check_837 "$BATS_TEST_TMPDIR/x.837"
	run -0 ls -A "$BATS_TEST_TMPDIR"
	refute_output --partial .claim-export
}

@test "export: one interchange a payer; several need --payer or a directory (64, nothing written)" {
	ready 1 >/dev/null	# Acme
	ready 3 >/dev/null	# Beta Care
	before=$(data)
	run -64 claim export
	assert_line --index 0 "claim: the ready claims make 2 interchanges, one a payer: give --payer, or -o a directory to write each in"
	run -64 --separate-stderr claim export -o "$BATS_TEST_TMPDIR/one.837"
	[ ! -e "$BATS_TEST_TMPDIR/one.837" ]
	assert_equal "$(data)" "$before"
	# --payer by name, X12 id or pyr-N: that payer's claims only
	run -0 --separate-stderr claim export --payer 67890 -o "$BATS_TEST_TMPDIR/beta.837"
	assert_equal "$stderr" "batch 1: 1 claim to 67890"
	check_837 "$BATS_TEST_TMPDIR/beta.837"
	run -0 segs "$BATS_TEST_TMPDIR/beta.837"
	assert_line 'NM1*40*2*BETA CARE*****46*67890'
	assert_line 'SBR*P*18*******CI'
	assert_line 'NM1*IL*1*LEE*ANN****MI*B3'
	refute_line --partial MBR123456
	assert_equal "$(q "SELECT status FROM claim ORDER BY id")" \
	    "$(printf 'ready\nsubmitted')"
	run -65 --separate-stderr claim export --payer "No Such"
	# a directory: DIR/<batch>.837 each, 0600
	ready 2 >/dev/null	# Acme again
	mkdir "$BATS_TEST_TMPDIR/out"
	claim export --payer "Beta Care" 2>/dev/null || true	# nothing: 1
	ready 3 2026-12-02 >/dev/null	# Beta Care again
	run -0 --separate-stderr claim export -o "$BATS_TEST_TMPDIR/out"
	assert_equal "$stderr" "$(printf 'batch 2: 2 claims to 12345\nbatch 3: 1 claim to 67890')"
	run -0 ls "$BATS_TEST_TMPDIR/out"
	assert_output "$(printf '2.837\n3.837')"
	assert_equal "$(stat -c %a "$BATS_TEST_TMPDIR/out/2.837" "$BATS_TEST_TMPDIR/out/3.837")" "$(printf '600\n600')"
	check_837 "$BATS_TEST_TMPDIR/out/2.837"
	check_837 "$BATS_TEST_TMPDIR/out/3.837"
	assert_equal "$(q "SELECT id, payer_id, receiver, nclaims FROM batch ORDER BY id")" \
	    "$(printf '1|2|67890|1\n2|1|12345|2\n3|2|67890|1')"
	# each batch is its own audited disclosure
	assert_equal "$(q "SELECT group_concat(record) FROM audit WHERE
	    action = 'claim.export' AND outcome = 'ok'")" "batch-1,batch-2,batch-3"
}

@test "export with claim.receiver: one interchange to the clearinghouse for every payer" {
	env -u CLINIX_USER clinix config set claim.receiver ACMECH
	env -u CLINIX_USER clinix config set claim.receiver_name "Acme Clearinghouse"
	env -u CLINIX_USER clinix config set claim.submitter_id MAPLE01
	env -u CLINIX_USER clinix config set claim.usage T
	ready 1 >/dev/null
	ready 3 >/dev/null
	run -0 --separate-stderr claim export --newline -o "$BATS_TEST_TMPDIR/ch.837"
	assert_equal "$stderr" "batch 1: 2 claims to ACMECH"
	check_837 "$BATS_TEST_TMPDIR/ch.837"
	run -0 masked "$BATS_TEST_TMPDIR/ch.837"
	assert_line --index 0 'ISA*00*          *00*          *ZZ*MAPLE01        *ZZ*ACMECH         *YYMMDD*HHMM*^*00501*000000001*0*T*:'
	assert_line --index 1 'GS*HC*MAPLE01*ACMECH*CCYYMMDD*HHMM*1*X*005010X222A1'
	assert_line 'NM1*41*2*MAPLE CLINIC*****46*MAPLE01'
	assert_line 'NM1*40*2*ACME CLEARINGHOUSE*****46*ACMECH'
	# each claim names its own payer
	assert_line 'NM1*PR*2*ACME HEALTH*****PI*12345'
	assert_line 'NM1*PR*2*BETA CARE*****PI*67890'
	assert_equal "$(q "SELECT id, ifnull(payer_id, 'none'), receiver, nclaims FROM batch")" \
	    "1|none|ACMECH|2"
}

@test "export: the seed's integration, chart dx add E11.9 I10 -> sign -> claim create -> HI*ABK:E119*ABF:I10" {
	e=$(CLINIX_USER=doc chart open pat-2 --provider prv-1 --at 2026-12-01T09:30)
	CLINIX_USER=doc chart dx add "$e" E11.9 I10 >/dev/null
	CLINIX_USER=doc chart proc add "$e" 99213 --dx 1,2 >/dev/null
	echo "Diabetes and hypertension follow-up." |
	    CLINIX_USER=doc chart note "$e" --file - >/dev/null
	CLINIX_USER=doc chart sign "$e" >/dev/null
	run -0 claim create "$e"
	assert_output clm-1
	claim export -o "$BATS_TEST_TMPDIR/seed.837" 2>/dev/null
	check_837 "$BATS_TEST_TMPDIR/seed.837"
	run -0 segs "$BATS_TEST_TMPDIR/seed.837"
	assert_line 'HI*ABK:E119*ABF:I10'
	assert_line 'SV1*HC:99213*100*UN*1***1:2'
}

@test "export: X12 delimiters in a name never break the file (the scrubber refuses them at create and again at export)" {
	# the scrubber's word: a patient named with a * stays draft
	sqlite3 "$CLINIX_DB" "UPDATE patient SET last = 'Ro*e' WHERE id = 2"
	e=$(enc 2)
	run -65 --separate-stderr claim create "$e"
	run -1 --separate-stderr claim export
	# behind its back (the name changed after the claim was ready):
	# export runs the scrubber again, and the claim goes back to draft
	# instead of out (x12_text's stripping, the second guard, is
	# tests/unit/x12.c's)
	sqlite3 "$CLINIX_DB" "UPDATE patient SET last = 'Roe' WHERE id = 2"
	sqlite3 "$CLINIX_DB" "UPDATE claim SET status = 'ready'"
	sqlite3 "$CLINIX_DB" "UPDATE patient SET last = 'O''Ro*e~:^', first =
	    'Jo~hn' WHERE id = 2"
	run -65 --separate-stderr claim export -o "$BATS_TEST_TMPDIR/d.837"
	[ ! -e "$BATS_TEST_TMPDIR/d.837" ]
	assert_equal "$(q "SELECT status FROM claim")" draft
	assert_equal "$(q "SELECT last FROM x12_counter")" 0
	[[ $stderr == *"clm-1: "*"not exported, back to draft"* ]]
	# put right, it goes
	sqlite3 "$CLINIX_DB" "UPDATE patient SET last = 'O''Roe', first =
	    'John' WHERE id = 2"
	run -0 --separate-stderr claim validate clm-1
	run -0 --separate-stderr claim export -o "$BATS_TEST_TMPDIR/d.837"
	check_837 "$BATS_TEST_TMPDIR/d.837"
	run -0 segs "$BATS_TEST_TMPDIR/d.837"
	assert_line "NM1*IL*1*O'ROE*JOHN****MI*W2"
}

@test "export: only billing and admin; others get 77 and a denied audit row" {
	ready 1 >/dev/null
	for u in desk doc; do
		run -77 --separate-stderr env CLINIX_USER=$u claim export
		assert_output ""
		assert_equal "$(q "SELECT login, action, outcome FROM audit ORDER BY id DESC LIMIT 1")" \
		    "$u|claim.export|denied"
		run -77 --separate-stderr env CLINIX_USER=$u claim export --batch 1
	done
	assert_equal "$(q "SELECT last FROM x12_counter")" 0
	run -0 --separate-stderr env CLINIX_USER=boss claim export
	assert_equal "$stderr" "batch 1: 1 claim to 12345"
}

@test "export: a config an 837P cannot be made from is 78, nothing written" {
	ready 1 >/dev/null
	before=$(data)
	env -u CLINIX_USER clinix config set clinic.zip 62701
	run -78 --separate-stderr claim export
	assert_output ""
	assert_equal "$stderr" "claim: $CLINIX_CONFIG: clinic.zip: '62701': the billing provider's ZIP goes on claims as 9 digits (12345-6789)"
	env -u CLINIX_USER clinix config set clinic.zip 62701-0001
	env -u CLINIX_USER clinix config set claim.receiver "TOO-LONG-FOR-ISA08"
	run -78 --separate-stderr claim export
	assert_equal "$(data)" "$before"
}

@test "export: REF*G1 prior authorisation, modifiers, units and the rendering provider" {
	c=$(AUTH="'PA-77'" DX="E119 I10" ready 2 2026-12-01 99214/25,59/2/2,1)
	[ "$c" = clm-1 ] || fail "made $c"
	claim export -o "$BATS_TEST_TMPDIR/g1.837" 2>/dev/null
	check_837 "$BATS_TEST_TMPDIR/g1.837"
	run -0 segs "$BATS_TEST_TMPDIR/g1.837"
	# 99214 x 2 at 75.00 = 150 (the ledger's charge)
	assert_line 'CLM*clm-1*150***11:B:1*Y*A*Y*Y'
	assert_line 'REF*G1*PA-77'
	assert_line 'HI*ABK:E119*ABF:I10'
	assert_line 'SV1*HC:99214:25:59*150*UN*2***2:1'
	assert_line 'NM1*82*1*SMITH*ANNA****XX*1245319599'
}

@test "export: a secondary claim passes on the primary's 835: 2320 SBR CAS AMT*D OI, 2330A, 2330B, 2430 SVD CAS DTP*573" {
	# clm-1: John Roe's primary (Acme), 99213 100.00 + 87880-QW 50.00
	c=$(DX="J069 R509" ready 2 2026-12-01 99213///1,2 87880/QW//1)
	[ "$c" = clm-1 ] || fail "made $c"
	claim export -o "$BATS_TEST_TMPDIR/p.837" 2>/dev/null
	l1=$(q "SELECT id FROM claim_line WHERE claim_id = 1 AND line = 1")
	l2=$(q "SELECT id FROM claim_line WHERE claim_id = 1 AND line = 2")
	# Acme's 835 (tests/tools/gen835, written from standards.md §2):
	# line 1 100 - CO-45 10 - PR-3 (copay) 20 = 70 paid, line 2 50 -
	# CO-45 25 - PR-2 5 = 20 paid; CLP04 150 - 60 = 90.  (Claim-level CAS
	# are in tests/unit/claim837.c: claim remit does not post them yet.)
	printf '{"payer": {"name": "ACME HEALTH", "tin": "123456789", "id": "12345"},
	  "trace": "EFT9", "method": "ACH", "paid_on": "20261215",
	  "claims": [{"id": "clm-1", "status": "1", "payer_claim_no": "PCN1",
	    "lines": [{"code": "99213", "charge": "100", "ref6r": "%s",
	      "day": "20261201", "cas": [["CO", "45", "10"], ["PR", "3", "20"]]},
	    {"code": "87880", "mods": ["QW"], "charge": "50", "ref6r": "%s",
	      "day": "20261201", "cas": [["CO", "45", "25"], ["PR", "2", "5"]]}]}]}' \
	    "$l1" "$l2" | "$BATS_TEST_DIRNAME/tools/gen835" >"$BATS_TEST_TMPDIR/a.835"
	run -0 --separate-stderr claim remit "$BATS_TEST_TMPDIR/a.835"
	assert_output "era-1: trace EFT9, 1 claims, paid 90.00"
	# John's secondary: Beta Care, his own subscriber, B2
	env -u CLINIX_USER patient coverage add pat-2 --payer "Beta Care" \
	    --member-id B2 --priority secondary --from 2024-01-01 >/dev/null
	run -0 --separate-stderr claim create --secondary clm-1
	assert_output clm-2
	run -0 --separate-stderr claim export --newline -o "$BATS_TEST_TMPDIR/s.837"
	assert_equal "$stderr" "batch 2: 1 claim to 67890"
	check_837 "$BATS_TEST_TMPDIR/s.837"
	run -0 perl_loops "$BATS_TEST_TMPDIR/s.837"
	assert_equal "$(grep -E '^[0-9]{4}[A-C]{0,2}$' <<<"$output" |
	    tr '\n' ' ')" "1000A 1000B 2000A 2010AA 2000B 2010BA 2010BB 2300 2310B 2320 2330A 2330B 2400 2430 2400 2430 "
	s3=$(q "SELECT id FROM claim_line WHERE claim_id = 2 AND line = 1")
	s4=$(q "SELECT id FROM claim_line WHERE claim_id = 2 AND line = 2")
	expected=(
	# 2000B: the secondary payer's subscriber: SBR01 S, self 18, no group,
	# Beta Care's filing CI
	'HL*2*1*22*0'
	'SBR*S*18*******CI'
	'NM1*IL*1*ROE*JOHN****MI*B2'
	'N3*1 OAK AVE'
	'N4*SPRINGFIELD*IL*627020001'
	'DMG*D8*19700506*M'
	'NM1*PR*2*BETA CARE*****PI*67890'
	'CLM*clm-2*150***11:B:1*Y*A*Y*Y'
	'HI*ABK:J069*ABF:R509'
	'NM1*82*1*SMITH*ANNA****XX*1245319599'
	'PRV*PE*PXC*207Q00000X'
	# 2320: the primary: P, the patient its subscriber (18), its group
	# (none), Acme's filing 12; no claim-level CAS in its 835; AMT*D its
	# CLP04 90; OI: benefits assigned, release of information
	'SBR*P*18*******12'
	'AMT*D*90'
	'OI***Y***Y'
	# 2330A: the primary's subscriber, its member id; 2330B the payer
	'NM1*IL*1*ROE*JOHN****MI*W2'
	'NM1*PR*2*ACME HEALTH*****PI*12345'
	# line 1, then 2430: SVD01 = 2330B's id, SVC03 70, the procedure,
	# units; the line's CAS, one segment a group, as received; DTP*573
	# the 835's day (BPR16)
	'LX*1'
	'SV1*HC:99213*100*UN*1***1:2'
	'DTP*472*D8*20261201'
	"REF*6R*$s3"
	'SVD*12345*70*HC:99213**1'
	'CAS*CO*45*10'
	'CAS*PR*3*20'
	'DTP*573*D8*20261215'
	# line 2
	'LX*2'
	'SV1*HC:87880:QW*50*UN*1***1'
	'DTP*472*D8*20261201'
	"REF*6R*$s4"
	'SVD*12345*20*HC:87880:QW**1'
	'CAS*CO*45*25'
	'CAS*PR*2*5'
	'DTP*573*D8*20261215'
	# ST..SE: 11 (ST..REF*EI) + 32 (HL..DTP*573, counted above) + 1
	'SE*44*0002'
	)
	run -0 masked "$BATS_TEST_TMPDIR/s.837"
	assert_equal "$(sed -n '/^HL\*2\*/,/^SE\*/p' <<<"$output")" \
	    "$(printf '%s\n' "${expected[@]}")"
}
