# fish completion for patient(1), part of clinix
# Verbs, options and their fixed values are static.  Patients are never
# offered: their ids come from other programs (see clinix-records(7)), and
# names never.  "coverage" and "payer" take a second word (coverage add).

set -l verbs add edit show history list search deactivate activate merge import export coverage payer
set -l fields mrn first middle last preferred dob sex gender phone phone2 email address1 address2 city state zip country language channel sms_consent email_consent emergency_name emergency_phone deceased note

# The verb on the line so far: "", "add", "coverage", "coverage add", ...
function __clinix_patient_verb
	set -l verb
	set -l skip 0
	for t in (commandline -opc)[2..-1]
		if test $skip = 1
			set skip 0
			continue
		end
		switch $t
			case --db --config -o --output --from --name --dob --age --sex --payer --status --limit --map --member-id --group --priority --relationship --subscriber-name --subscriber-dob --subscriber-sex --to --on --payer-id --mrn --first --middle --last --preferred --gender --phone --phone2 --email --address1 --address2 --city --state --zip --country --language --channel --sms-consent --email-consent --emergency-name --emergency-phone --sms_consent --email_consent --emergency_name --emergency_phone --deceased --note
				set skip 1
			case '-*'
			case '*'
				if test (count $verb) -eq 0
					set verb $t
				else if test (count $verb) -eq 1; and contains -- $verb[1] coverage payer
					set verb $verb $t
				else
					break
				end
		end
	end
	echo $verb
end

# Is the verb on the line one of the arguments ("" for none yet)?
function __clinix_patient_is
	set -l v (__clinix_patient_verb)
	contains -- "$v" $argv
end

complete -c patient -f
complete -c patient -l db -r -F -d 'Use this database'
complete -c patient -l config -r -F -d 'Use this configuration file'
complete -c patient -s o -l output -x -a 'table tsv csv json' -d 'Output format'
complete -c patient -s H -l header -d 'Begin TSV with a header line'
complete -c patient -s h -l help -d 'Print usage'
complete -c patient -s V -l version -d 'Print version'

set -l none '__clinix_patient_is ""'
complete -c patient -n $none -a add -d 'Register a patient'
complete -c patient -n $none -a edit -d 'Change fields of a patient'
complete -c patient -n $none -a show -d 'Show patients by pat- id or MRN'
complete -c patient -n $none -a history -d 'Who changed which field, when'
complete -c patient -n $none -a list -d 'Patients matching filters'
complete -c patient -n $none -a search -d 'Find by name, MRN, phone or birth date'
complete -c patient -n $none -a deactivate -d 'Mark a patient inactive'
complete -c patient -n $none -a activate -d 'Mark a patient active'
complete -c patient -n $none -a merge -d "Move a duplicate's records to the survivor"
complete -c patient -n $none -a import -d 'Add patients from CSV or JSON lines'
complete -c patient -n $none -a export -d 'Every patient, as CSV or JSON lines'
complete -c patient -n $none -a coverage -d 'Insurance coverage: add, list, end'
complete -c patient -n $none -a payer -d 'Insurance payers: add, list'

complete -c patient -n '__clinix_patient_is coverage' -a add -d 'Add insurance coverage'
complete -c patient -n '__clinix_patient_is coverage' -a list -d "A patient's coverage"
complete -c patient -n '__clinix_patient_is coverage' -a end -d 'End coverage'
complete -c patient -n '__clinix_patient_is payer' -a add -d 'Add an insurance payer'
complete -c patient -n '__clinix_patient_is payer' -a list -d 'List payers'

# add and edit: every field as --FIELD VALUE, a _ in its name as -
set -l addedit '__clinix_patient_is add edit'
for f in $fields
	set -l flag (string replace -a _ - -- $f)
	switch $f
		case sex
			complete -c patient -n $addedit -l $flag -x -a 'F M X U' -d 'Sex'
		case channel
			complete -c patient -n $addedit -l $flag -x -a 'sms email none' -d 'How to send reminders'
		case sms_consent email_consent
			complete -c patient -n $addedit -l $flag -x -a 'yes no' -d 'Consent: yes, no or a date'
		case dob deceased
			complete -c patient -n $addedit -l $flag -x -d 'Date (YYYY-MM-DD)'
		case '*'
			complete -c patient -n $addedit -l $flag -x -d 'Field '$f
	end
end
complete -c patient -n '__clinix_patient_is add' -l from -r -F -d 'Read one record, YAML or JSON (- for stdin)'
complete -c patient -n $addedit -l force -d 'Even if it looks like another patient'

complete -c patient -n '__clinix_patient_is list' -l name -x -d 'Name prefix'
complete -c patient -n '__clinix_patient_is list' -l dob -x -d 'Date of birth'
complete -c patient -n '__clinix_patient_is list' -l age -x -d 'Age range, MIN-MAX years'
complete -c patient -n '__clinix_patient_is list' -l sex -x -a 'F M X U' -d 'Sex'
complete -c patient -n '__clinix_patient_is list' -l has-coverage -d 'With coverage in force today'
complete -c patient -n '__clinix_patient_is list' -l payer -x -d 'With coverage from this payer'
complete -c patient -n '__clinix_patient_is list export' -l status -x -a 'active inactive deceased merged all' -d 'Status'
complete -c patient -n '__clinix_patient_is list search' -l limit -x -d 'At most this many'

complete -c patient -n '__clinix_patient_is import' -l map -x -d 'COLUMN=FIELD'
complete -c patient -n '__clinix_patient_is import' -l keep-going -d 'Load the good rows even if some are bad'
complete -c patient -n '__clinix_patient_is import' -l update -d 'Change patients already registered under the MRN'
complete -c patient -n '__clinix_patient_is import' -l force -d 'Add rows that look like registered patients'
complete -c patient -n '__clinix_patient_is import' -F

set -l covadd '__clinix_patient_is "coverage add"'
complete -c patient -n $covadd -l payer -x -d 'Payer: pyr- id, name or payer id'
complete -c patient -n $covadd -l member-id -x -d 'Member id on the card'
complete -c patient -n $covadd -l group -x -d 'Group number'
complete -c patient -n $covadd -l priority -x -a 'primary secondary tertiary' -d 'Order of billing'
complete -c patient -n $covadd -l relationship -x -a 'self spouse child other' -d 'Patient to subscriber'
complete -c patient -n $covadd -l subscriber-name -x -d 'Subscriber, when not self'
complete -c patient -n $covadd -l subscriber-dob -x -d 'Subscriber date of birth'
complete -c patient -n $covadd -l subscriber-sex -x -a 'F M U' -d 'Subscriber sex'
complete -c patient -n $covadd -l from -x -d 'First day covered'
complete -c patient -n $covadd -l to -x -d 'Last day covered'
complete -c patient -n '__clinix_patient_is "coverage end"' -l on -x -d 'Last day covered'
complete -c patient -n '__clinix_patient_is "payer add"' -l payer-id -x -d 'X12 payer id'
