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
	clinix config set clinic.zip 62701-0001
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
	# SE01: ST to SE inclusive: 1 ST, 12 header (BHT..REF*EI), 23 for
	# claim 1 (HL..REF*6R), 11 for claim 2, 1 SE = 47 (counted by hand)
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
